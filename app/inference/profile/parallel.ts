/**
 * Each parameter's profile is computed on its own (profileParameter: a fresh profiler from the
 * fit, the frame and the ML θ̂), so the parameters may be profiled in parallel threads with
 * results identical to one thread's. The numeric core has no threads of its own: a host (the
 * CLI, a worker of the pool) installs a ProfileRunner that spreads the parameters over threads.
 */
import type { LmmFit } from "../../engine/lmm/types";
import type { ModelFrame } from "../../engine/model-frame/types";
import type { Lme4EndsMethod } from "./lme4-grid";
import type { PointOptimizer } from "./profiler";

/** Everything a thread needs to profile any parameter (structured-clonable). */
export interface ProfileJob {
  readonly fit: LmmFit;
  readonly frame: ModelFrame;
  readonly thetaMl: Float64Array;
  readonly method: "lme4" | "exact";
  readonly pointOptimizer?: PointOptimizer;
  readonly level: number;
}

/** One parameter's interval; null ends where the exact method finds no crossing. */
export interface ParameterInterval {
  readonly lower: number | null;
  readonly upper: number | null;
  readonly how: Lme4EndsMethod | "exact";
}

/**
 * Profiles parameters 0 … count − 1 of the job, calling `local(j)` for the share of the calling
 * thread; returns null when it cannot run in parallel (then the caller profiles them in turn).
 */
export type ProfileRunner = (job: ProfileJob, count: number, local: (j: number) => ParameterInterval) => ParameterInterval[] | null;

let runner: ProfileRunner | null = null;

/** Installed once by a host that can start threads; null removes it. */
export function setProfileRunner(r: ProfileRunner | null): void {
  runner = r;
}

export function profileRunner(): ProfileRunner | null {
  return runner;
}

/**
 * Threads pay off only where a profile takes long: each costs a start (~0.3 s to load the engine)
 * and its own copy of the model. Below this many observations the parameters are profiled in turn.
 */
export const PARALLEL_MIN_ROWS = 5000;
