/**
 * A parametric bootstrap spread over the worker pool: the refits 0 … n − 1 are cut into contiguous
 * shares, each run as a "bootstrapShare" (or "pbShare") job on the workers the pool may use for a
 * split job (pool.parallel; split.ts), and the shares' outcomes are put back in refit order. The
 * bootstrap fits its model once first ("bootstrapStart", PBmodcomp its two: "pbStart") and sends
 * the fits to every share. There are
 * several shares per worker (queued; an idle worker takes the next), so that a worker slowed by
 * other work on the machine does not hold up the run; a share builds the model frame(s), so a
 * share is at least MIN_SHARE refits.
 * Refit i always draws from the stream seeded by (seed, i) and starts from the fitted θ̂, so the
 * result is the same on 1 or N workers. Progress sums the shares ("312 of 1000 refits");
 * cancelling (the signal) stops every share, and so does a share that fails.
 */
import type { DataTable } from "../../app/data";
import type { FitSpec } from "../../app/engine/run-fit";
import { intervalsFromRefits, pbResult, type BootstrapResult, type PbResult } from "../../app/inference/bootstrap-summary";
import type { ResidualStructureSpec } from "../../app/engine/residual-structure";
import type { JobInput, JobKind, JobOutput } from "./jobs";
import type { RunOptions, WorkerPool } from "./pool";
import { runSplit } from "./split";

export interface SplitRunOptions {
  /** Refits done so far of the whole run. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** Shares to cut the refits into (default: see defaultShares); the result does not depend on it. */
  readonly shares?: number;
}

/** Refits per share at the least: building the share's model frame is then a small part of its work. */
const MIN_SHARE = 25;
/** Shares per worker at the most. */
const SHARES_PER_WORKER = 8;

/** How many shares n refits are cut into for `workers` workers. */
export function defaultShares(n: number, workers: number): number {
  return Math.max(workers, Math.min(workers * SHARES_PER_WORKER, Math.floor(n / MIN_SHARE)));
}

/** [from, to) ranges of n refits cut into `shares` nearly equal contiguous shares. */
export function shareRanges(n: number, shares: number): [number, number][] {
  const k = Math.max(1, Math.min(shares, n));
  return Array.from({ length: k }, (_, i) => [Math.floor((i * n) / k), Math.floor(((i + 1) * n) / k)] as [number, number]);
}

/** Run one job per share in the pool (split.ts): all shares are stopped when one fails or the run is cancelled. */
async function runShares<K extends "bootstrapShare" | "pbShare">(
  pool: WorkerPool,
  kind: K,
  input: (from: number, to: number) => JobInput<K>,
  n: number,
  options: SplitRunOptions,
): Promise<JobOutput<K>[]> {
  const ranges = shareRanges(n, options.shares ?? defaultShares(n, pool.parallel));
  const done = ranges.map(() => 0);
  const parts = ranges.map(([from, to]) => (run: RunOptions) => pool.run(kind as JobKind, input(from, to) as never, run) as Promise<JobOutput<K>>);
  return runSplit(parts, {
    signal: options.signal,
    onPartProgress: (s, fraction) => {
      const [from, to] = ranges[s];
      done[s] = Math.round((fraction ?? 0) * (to - from));
      options.onProgress?.(done.reduce((a, b) => a + b, 0), n);
    },
  });
}

export interface BootstrapRunInput {
  readonly table: DataTable;
  readonly spec: FitSpec & { readonly residual?: ResidualStructureSpec };
  readonly nboot: number;
  readonly seed: number;
}

/** lme4's bootMer + confint(method = "boot") in the pool. */
export async function runBootstrap(pool: WorkerPool, input: BootstrapRunInput, options: SplitRunOptions = {}): Promise<BootstrapResult> {
  const { table, spec, seed, nboot } = input;
  // The model is fitted once and its θ̂, β̂, σ̂ sent to every share, instead of each share
  // fitting it again (on a large model that fit costs as much as many refits).
  pool.prestart();
  const { labels, model } = await pool.run("bootstrapStart", { table, spec }, { signal: options.signal, parallel: true });
  const outputs = await runShares(pool, "bootstrapShare", (from, to) => ({ table, spec, seed, from, to, model }), nboot, options);
  return intervalsFromRefits(labels, seed, outputs.flatMap((o) => o.refits));
}

export interface PbRunInput {
  readonly table: DataTable;
  readonly specs: readonly FitSpec[];
  readonly nsim: number;
  readonly seed: number;
}

/** pbkrtest's PBmodcomp in the pool. */
export async function runPbModcomp(pool: WorkerPool, input: PbRunInput, options: SplitRunOptions = {}): Promise<PbResult> {
  const { table, specs, seed, nsim } = input;
  pool.prestart();
  const start = await pool.run("pbStart", { table, specs }, { signal: options.signal, parallel: true });
  const outputs = await runShares(pool, "pbShare", (from, to) => ({ table, specs, seed, from, to, start }), nsim, options);
  return pbResult(start, seed, outputs.flatMap((o) => o.refits));
}
