/**
 * Worker threads for the commands that split work across cores (`fit --boot`, `compare --pb`):
 * a pool with one worker per core (MIXWELL_WORKERS overrides), closed when the work is done; and
 * the options those commands share (refit count, seed) and their progress line on stderr.
 */
import { MixwellError } from "../../../app/errors";
import { WorkerPool, defaultParallelSize } from "../../workers/pool";
import type { ParsedArgs } from "../args";
import type { CliIO } from "../command";

export async function cliPool<T>(work: (pool: WorkerPool) => Promise<T>): Promise<T> {
  const size = defaultParallelSize();
  const pool = new WorkerPool({ size, parallel: size });
  try {
    return await work(pool);
  } finally {
    await pool.close();
  }
}

/** A refit-count option (--boot, --pb): a whole number from `min` to 100,000. */
export function refitCount(args: ParsedArgs, name: string, min: number): number {
  const text = args.strings.get(name);
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= min && n <= 100000)) throw new MixwellError(`--${name} must be a whole number of refits from ${min} to 100000, not '${text}'.`);
  return n;
}

/** --seed S: a whole number (default 1); the same seed repeats a run exactly. */
export function seedOption(args: ParsedArgs): number {
  const text = args.strings.get("seed") ?? "1";
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new MixwellError(`--seed must be a whole number, not '${text}'.`);
  return seed;
}

/** "312 of 1000 refits" on stderr when it is a terminal, at most every 200 ms. */
export function bootProgress(io: CliIO): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < 200) return;
    last = now;
    io.stderr(`\r${done} of ${total} refits${done === total ? "\n" : ""}`);
  };
}
