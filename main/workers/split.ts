/**
 * One job split into parts that run side by side on the pool's workers (issue 21, "all cores"):
 * bootstrap shares, the optimisers of an allFit check, the models of a comparison. Every part is
 * a pool job marked `parallel`, so a split job may use every core (pool.parallel) while the UI
 * waits for it; idle workers take the next queued part, and warm workers are reused.
 *
 * The outcome does not depend on the number of workers: each part is a pure function of its
 * input, the results come back in part order, and when parts fail the error is the first failing
 * part's in part order — what running them one after another would have thrown. So a part that
 * fails stops only the parts after it (they can no longer decide the error); the parts before it
 * run on. Cancelling (the signal) stops every part, and the run rejects with CancelledError.
 */
import { setMaxListeners } from "node:events";
import { CancelledError, type RunOptions } from "./pool";

/** What a caller of a split job gives: the job's signal and one progress stream for the whole job. */
export interface SplitJobOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number | null, message: string) => void;
}

/** One part: start it with the pool options given (signal, progress, parallel). */
export type SplitPart<T> = (options: RunOptions) => Promise<T>;

export interface SplitOptions {
  readonly signal?: AbortSignal;
  /** A part's own progress, by its index. */
  readonly onPartProgress?: (index: number, fraction: number | null, message: string) => void;
  /** A part has finished (successfully); `done` parts of `total` so far. */
  readonly onPartDone?: (index: number, done: number, total: number) => void;
  /**
   * The order in which the parts are started (queued in the pool), e.g. the longest first so that
   * the workers finish together; default: part order. Results and errors stay in part order.
   */
  readonly startOrder?: readonly number[];
}

export async function runSplit<T>(parts: readonly SplitPart<T>[], options: SplitOptions = {}): Promise<T[]> {
  if (options.signal?.aborted) throw new CancelledError();
  const stops = parts.map(() => new AbortController());
  for (const s of stops) setMaxListeners(2, s.signal);
  const stopAll = () => stops.forEach((s) => s.abort());
  options.signal?.addEventListener("abort", stopAll, { once: true });
  let done = 0;
  const run = async (i: number): Promise<T> => {
    try {
      const out = await parts[i]({
        parallel: true,
        signal: stops[i].signal,
        onProgress: (fraction, message) => options.onPartProgress?.(i, fraction, message),
      });
      options.onPartDone?.(i, ++done, parts.length);
      return out;
    } catch (err) {
      for (let j = i + 1; j < parts.length; j++) stops[j].abort();
      throw err;
    }
  };
  try {
    const order = isOrderOf(options.startOrder, parts.length) ? options.startOrder : [...parts.keys()];
    const started: Promise<T>[] = new Array(parts.length);
    for (const i of order) started[i] = run(i);
    const settled = await Promise.allSettled(started);
    if (options.signal?.aborted) throw new CancelledError();
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
  } finally {
    options.signal?.removeEventListener("abort", stopAll);
  }
}

/** Whether `order` lists each of 0 … n − 1 once. */
function isOrderOf(order: readonly number[] | undefined, n: number): order is readonly number[] {
  return order !== undefined && order.length === n && new Set(order).size === n && order.every((i) => Number.isInteger(i) && i >= 0 && i < n);
}
