/**
 * lme4's profile intervals, as lme4 1.1-31 computes them (R/profile.R: profile.merMod with its
 * defaults for an LMM on the "sdcor" scale, then confint.thpr), ported step by step:
 *
 * 1. Grid (profile.merMod): for parameter w with ML estimate p̂, the first point is p̂·1.01 (0.001
 *    if p̂ = 0), then fillmat steps outwards on each side: the next value is the last plus
 *    delta·Δpar/Δζ of the last two points (a secant step of delta in ζ), where delta =
 *    cutoff/8 and cutoff = √qchisq(1 − 0.01, number of all parameters incl. β). A step is at most
 *    10× the last one; a negative or undefined step becomes 1e-6 (lme4's minstep); values are
 *    clamped to the bounds (sd ≥ 0, |cor| ≤ 1). A side stops at a bound, at |ζ| > cutoff, or at
 *    100 rows. The side below p̂ is skipped when p̂ sits on its lower bound. Each point minimises
 *    the ML deviance over the other sdcor parameters, started (unlike lme4, which starts from the
 *    previous point's optimum) from the last two optima extrapolated linearly to the new value:
 *    the same minimum, found in fewer evaluations.
 * 2. Bounds (confint.thpr): the rows, de-duplicated and sorted by the parameter, get a natural
 *    interpolating spline ζ(par) (interpSpline) and its inverse (backSpline), evaluated at
 *    ±qnorm(0.975). If the spline fails (ζ not strictly increasing, fewer than 4 points), lme4
 *    falls back to linear interpolation of par against ζ (approxfun), unless every step of ζ
 *    falls by more than 0.01 (then the profile is "bad" and the interval NA). An end outside the
 *    range of ζ becomes the parameter's bound (sd 0 or ∞, correlation ±1).
 *
 * The grid adapts to our ζ values, which agree with lme4's to optimiser accuracy, so the points
 * and hence the interpolation error are lme4's (reference cases: within ~4e-6 relative).
 *
 * Each point is optimised "tight" by default (profiler.ts), not with lme4's nloptwrap settings
 * ("lme4", kept as an option), because lme4's per-point optimiser sometimes stops at its start:
 * when the previous point ends with a correlation at its bound, NLopt's unscaling (1/s)·s can
 * leave it one ulp inside (≈13% of scale factors s), the next start then gets a ~1e-16 initial
 * step and BOBYQA returns the start. Whether that happens depends on the last bits of the
 * iterates. Example: politeness, ζ of the scenario attitudepol SD: lme4 gives the lower end
 * 5.8627 for the rows in file order but 5.8033 with the rows reversed or shuffled, or y·(1+1e-12);
 * the "lme4" optimiser here gives 5.8033 in file order and 5.8351 reversed; "tight" gives 5.8032
 * both ways. Tight points reproduce lme4 whenever its optimiser converged, deterministically.
 */
import { qchisq } from "../../stats";
import { parameterBounds, profiledDeviance, type PointOptimizer, type Profiler } from "./profiler";
import { approxLinear, backSpline, evalPolySpline, naturalSplineSlopes } from "./spline";

/** profile.merMod's defaults. */
export const LME4_PROFILE = Object.freeze({ alphamax: 0.01, maxpts: 100, deltaCutoff: 1 / 8, maxmult: 10, minstep: 1e-6 });

export interface ProfilePoint {
  /** The profiled parameter's value. */
  readonly par: number;
  /** Signed root of the deviance increase; NaN where the optimisation failed. */
  readonly zeta: number;
  /** The full sdcor vector at this point. */
  readonly phi: Float64Array;
}

/** How an interval's ends were read off the profile. */
export type Lme4EndsMethod = "spline" | "linear" | "bad";

export interface Lme4Interval {
  readonly lower: number;
  readonly upper: number;
  readonly how: Lme4EndsMethod;
  readonly points: readonly ProfilePoint[];
}

/** lme4's cutoff: √qchisq(1 − alphamax, all parameters (variance parameters and β)). */
export function lme4Cutoff(prof: Profiler): number {
  return Math.sqrt(qchisq(1 - LME4_PROFILE.alphamax, prof.params.length + prof.problem.p));
}

/** profile.merMod's rows for parameter j: unique, sorted by the parameter. */
export function lme4ProfilePoints(prof: Profiler, j: number, cutoff: number, optimizer: PointOptimizer = "tight"): ProfilePoint[] {
  const { maxpts, deltaCutoff, maxmult, minstep } = LME4_PROFILE;
  const delta = cutoff * deltaCutoff;
  const pw = prof.phiHat[j];
  const [lowcut, upcut] = parameterBounds(prof.params[j]);
  const zetaAt = (xx: number, start: Float64Array): ProfilePoint => {
    const r = profiledDeviance(prof, j, xx, start, optimizer);
    if (!Number.isFinite(r.dev) || r.dev >= 1e15) {
      const phi = Float64Array.from(start);
      phi[j] = xx;
      return { par: xx, zeta: NaN, phi };
    }
    const devdiff = Math.max(0, r.dev - prof.devHat);
    return { par: xx, zeta: Math.sign(xx - pw) * Math.sqrt(devdiff), phi: r.phi };
  };
  const nextpar = (prev: ProfilePoint, last: ProfilePoint): number => {
    const num = last.par - prev.par;
    const denom = last.zeta - prev.zeta;
    let step: number;
    if (Number.isNaN(denom) || denom === 0) step = minstep;
    else {
      step = (delta * num) / denom;
      if (step < 0) step = minstep;
      else if (Math.abs(step) > maxmult * Math.abs(num)) step = Math.sign(step) * maxmult * Math.abs(num);
    }
    return Math.min(upcut, Math.max(lowcut, last.par + Math.sign(num) * step));
  };
  const fill = (mat: ProfilePoint[]): void => {
    while (mat.length < maxpts) {
      const last = mat[mat.length - 1];
      if (!(last.par > lowcut && last.par < upcut)) break;
      if (!(Number.isNaN(last.zeta) || Math.abs(last.zeta) <= cutoff)) break;
      const prev = mat[mat.length - 2];
      const next = nextpar(prev, last);
      mat.push(zetaAt(next, extrapolatedStart(prev, last, next, prof)));
    }
  };
  const optRow: ProfilePoint = { par: pw, zeta: 0, phi: Float64Array.from(prof.phiHat) };
  const shiftRow = zetaAt(pw === 0 ? 0.001 : pw * 1.01, optRow.phi);
  const upward = [optRow, shiftRow];
  fill(upward);
  const downward = [shiftRow, optRow];
  if (pw > lowcut) fill(downward);
  const rows: ProfilePoint[] = [];
  for (const r of [...upward, ...downward]) if (!rows.some((q) => samePoint(q, r))) rows.push(r);
  return rows.sort((a, b) => a.par - b.par);
}

/**
 * The start for the point at `next`: the other parameters extrapolated linearly along the path
 * through the last two points (the profile trace is smooth), kept inside their bounds.
 */
function extrapolatedStart(prev: ProfilePoint, last: ProfilePoint, next: number, prof: Profiler): Float64Array {
  const dp = last.par - prev.par;
  if (!Number.isFinite(last.zeta) || !Number.isFinite(prev.zeta) || dp === 0) return last.phi;
  const t = (next - last.par) / dp;
  return Float64Array.from(last.phi, (v, i) => {
    const [lo, hi] = parameterBounds(prof.params[i]);
    return Math.min(hi, Math.max(lo, v + t * (v - prev.phi[i])));
  });
}

function samePoint(a: ProfilePoint, b: ProfilePoint): boolean {
  if (a === b) return true;
  if (!Object.is(a.par, b.par) || !Object.is(a.zeta, b.zeta)) return false;
  for (let i = 0; i < a.phi.length; i++) if (!Object.is(a.phi[i], b.phi[i])) return false;
  return true;
}

/** confint.thpr for one parameter: the interval at |ζ| = cut from its profile points. */
export function lme4Ends(points: readonly ProfilePoint[], cut: number, bounds: readonly [number, number]): { lower: number; upper: number; how: Lme4EndsMethod } {
  const ok = points.filter((r) => !Number.isNaN(r.zeta));
  const x = Float64Array.from(ok, (r) => r.par);
  const y = Float64Array.from(ok, (r) => r.zeta);
  const fwd = naturalSplineSlopes(x, y);
  const back = fwd.ok ? backSpline(x, y, fwd.slope) : fwd;
  let lower: number;
  let upper: number;
  let how: Lme4EndsMethod;
  if (back.ok) {
    lower = evalPolySpline(back.spline, -cut);
    upper = evalPolySpline(back.spline, cut);
    how = "spline";
  } else {
    const diffs: number[] = [];
    for (let i = 1; i < points.length; i++) {
      const d = points[i].zeta - points[i - 1].zeta;
      if (!Number.isNaN(d)) diffs.push(d);
    }
    // confint.thpr: `min(diff(zeta) < -non.mono.tol, na.rm = TRUE)` — true only when every step
    // falls (or no step is defined); then lme4 gives no interval.
    if (ok.length === 0 || diffs.every((d) => d < -0.01)) return { lower: NaN, upper: NaN, how: "bad" };
    const zs = points.map((r) => r.zeta);
    const ps = points.map((r) => r.par);
    lower = approxLinear(zs, ps, -cut);
    upper = approxLinear(zs, ps, cut);
    how = "linear";
  }
  return { lower: Number.isNaN(lower) ? bounds[0] : lower, upper: Number.isNaN(upper) ? bounds[1] : upper, how };
}

/** lme4's profile interval of parameter j at |ζ| = cut. */
export function lme4Interval(prof: Profiler, j: number, cut: number, cutoff = lme4Cutoff(prof), optimizer: PointOptimizer = "tight"): Lme4Interval {
  const points = lme4ProfilePoints(prof, j, cutoff, optimizer);
  return { ...lme4Ends(points, cut, parameterBounds(prof.params[j])), points };
}
