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

export type ProfileMethod = "lme4" | "exact";

export interface ProfileOptions {
  readonly level?: number;
  /** "lme4" (default): lme4's grid + spline interpolation; "exact": exact roots of the profile. */
  readonly method?: ProfileMethod;
  /** lme4 method: how each grid point is optimised (default "tight"; see profile/profiler.ts). */
  readonly pointOptimizer?: PointOptimizer;
  readonly onProgress?: (p: { stage: string; done: number; total: number }) => void;
  readonly signal?: { cancelled: boolean };
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
  const cut = qnorm((1 - level) / 2, false);
  const cutoff = lme4Cutoff(prof);
  const pct = `${100 * level}%`;
  const rows: IntervalRow[] = [];
  // lme4's method is the documented default; the exact one says so, since it can differ from lme4.
  const notes: string[] = method === "exact" ? [PROFILE_METHOD_DESCRIPTIONS.exact] : [];
  params.forEach((param, j) => {
    options.onProgress?.({ stage: "profile", done: j, total: params.length });
    const label = describe(problem, param);
    let lower: number;
    let upper: number;
    if (method === "exact") {
      const r = exactInterval(prof, j, cut);
      lower = r.lower ?? NaN;
      upper = r.upper ?? NaN;
      if (r.upper === null) notes.push(`The profile of ${label} does not reach the ${pct} cut-off above its estimate: no upper limit.`);
    } else {
      const r = lme4Interval(prof, j, cut, cutoff, options.pointOptimizer);
      lower = r.lower;
      upper = r.upper;
      if (r.how === "bad") notes.push(`The profile of ${label} is not monotonic: no ${pct} interval (as lme4).`);
      if (r.how === "linear") notes.push(`The profile of ${label} is not smooth enough for a spline; its ${pct} interval is read off by linear interpolation (as lme4).`);
      if (upper === Infinity) {
        upper = NaN;
        notes.push(`The profile of ${label} does not reach the ${pct} cut-off above its estimate: no upper limit.`);
      }
    }
    rows.push({ ...rowKey(problem, param), lower, upper });
  });
  options.onProgress?.({ stage: "profile", done: params.length, total: params.length });
  return { rows, notes, method, description: PROFILE_METHOD_DESCRIPTIONS[method] };
}
