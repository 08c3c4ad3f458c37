/**
 * Profile-likelihood intervals for the variance components, as lme4's
 * confint(method = "profile") (profile.merMod, devfun2, confint.thpr): the model is refitted by
 * ML; for each sd, correlation and σ (the "sdcor" scale) the ML deviance is minimised over the
 * other variance parameters (β profiled out) with that parameter held fixed, giving the signed
 * root ζ = sign(φ − φ̂)·√(dev − dev̂); the interval ends are where ζ = ∓z₀.₉₇₅.
 *
 * Two ways to find the ends (ProfileOptions.method):
 * - "lme4" (default): lme4's own method — a grid of profile points and spline interpolation of
 *   the inverse profile (profile/lme4-grid.ts). Gives lme4's numbers, interpolation error and all.
 * - "exact": the exact roots of ζ = ∓z by a secant search (profile/exact.ts). More accurate, but
 *   can differ from lme4's confint where its spline (or linear fallback) is coarse.
 */
import type { IntervalRow, LmmFit } from "../engine/lmm/types";
import type { ModelFrame } from "../engine/model-frame/types";
import { qnorm } from "../stats";
import { exactInterval } from "./profile/exact";
import { lme4Cutoff, lme4Interval } from "./profile/lme4-grid";
import { createProfiler, describe, rowKey, type PointOptimizer } from "./profile/profiler";
import { PARALLEL_MIN_ROWS, profileRunner, type ParameterInterval, type ProfileJob } from "./profile/parallel";

export type ProfileMethod = "lme4" | "exact";

export interface ProfileOptions {
  readonly level?: number;
  /** "lme4" (default): lme4's grid + spline interpolation; "exact": exact roots of the profile. */
  readonly method?: ProfileMethod;
  /** lme4 method: how each grid point is optimised (default "tight"; see profile/profiler.ts). */
  readonly pointOptimizer?: PointOptimizer;
  readonly onProgress?: (p: { stage: string; done: number; total: number }) => void;
  readonly signal?: { cancelled: boolean };
  /** Profile the parameters in parallel threads where the host installed a runner: by default
   * from PARALLEL_MIN_ROWS observations on; true or false to choose (the numbers are the same). */
  readonly parallel?: boolean;
}

export interface ProfileResult {
  readonly rows: IntervalRow[];
  /** Plain-words notes: the method when it is not lme4's, intervals that are open or read off a coarse profile. */
  readonly notes: string[];
  /** Which method found the ends. */
  readonly method: ProfileMethod;
  /** One sentence saying how the intervals were computed. */
  readonly description: string;
}

export const PROFILE_METHOD_DESCRIPTIONS: Readonly<Record<ProfileMethod, string>> = {
  lme4: "Profile intervals computed as lme4's confint(method = \"profile\"): a grid of profile points, interpolated with splines.",
  exact: "Profile intervals computed as the exact roots of the profile likelihood; lme4's confint interpolates a grid with splines and can differ slightly.",
};

export function profileIntervals(fit: LmmFit, frame: ModelFrame, options: ProfileOptions = {}): ProfileResult {
  const method = options.method ?? "lme4";
  const prof = createProfiler(fit, frame, options.signal);
  const { problem, params } = prof;
  const level = options.level ?? 0.95;
  const job: ProfileJob = { fit, frame, thetaMl: prof.thetaMl, method, pointOptimizer: options.pointOptimizer, level };
  const runner = profileRunner();
  let done = 0;
  const local = (j: number): ParameterInterval => {
    options.onProgress?.({ stage: "profile", done, total: params.length });
    const r = profileParameter(job, j, options.signal);
    done++;
    return r;
  };
  const results =
    (runner && params.length > 1 && (options.parallel ?? frame.n >= PARALLEL_MIN_ROWS) ? runner(job, params.length, local) : null) ??
    params.map((_, j) => local(j));
  const pct = `${100 * level}%`;
  const rows: IntervalRow[] = [];
  // lme4's method is the documented default; the exact one says so, since it can differ from lme4.
  const notes: string[] = method === "exact" ? [PROFILE_METHOD_DESCRIPTIONS.exact] : [];
  params.forEach((param, j) => {
    const label = describe(problem, param);
    const r = results[j];
    let lower = r.lower ?? NaN;
    let upper = r.upper ?? NaN;
    if (r.how === "bad") notes.push(`The profile of ${label} is not monotonic: no ${pct} interval (as lme4).`);
    if (r.how === "linear") notes.push(`The profile of ${label} is not smooth enough for a spline; its ${pct} interval is read off by linear interpolation (as lme4).`);
    if (r.upper === null || upper === Infinity) {
      upper = NaN;
      notes.push(`The profile of ${label} does not reach the ${pct} cut-off above its estimate: no upper limit.`);
    }
    rows.push({ ...rowKey(problem, param), lower, upper });
  });
  options.onProgress?.({ stage: "profile", done: params.length, total: params.length });
  return { rows, notes, method, description: PROFILE_METHOD_DESCRIPTIONS[method] };
}

/**
 * Parameter j's interval, computed from the job alone with a fresh profiler (any thread gives
 * the same numbers: the factor's state never carries over from another parameter's profile).
 */
export function profileParameter(job: ProfileJob, j: number, signal?: { cancelled: boolean }): ParameterInterval {
  const prof = createProfiler(job.fit, job.frame, signal, job.thetaMl);
  const cut = qnorm((1 - job.level) / 2, false);
  if (job.method === "exact") {
    const r = exactInterval(prof, j, cut);
    return { lower: r.lower, upper: r.upper, how: "exact" };
  }
  return lme4Interval(prof, j, cut, lme4Cutoff(prof), job.pointOptimizer);
}
