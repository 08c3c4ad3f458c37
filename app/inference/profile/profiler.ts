/**
 * What both profile methods share, after lme4's devfun2: the model refitted by ML (refitML), its
 * variance parameters on the "sdcor" scale (sds, correlations, σ last), and the ML deviance with β
 * profiled out, minimised over all other sdcor parameters while one is held fixed.
 */
import { MixwellError } from "../../errors";
import { createLmmProblem, type LmmProblem } from "../../engine/lmm";
import type { IntervalRow, LmmFit } from "../../engine/lmm/types";
import type { ModelFrame } from "../../engine/model-frame/types";
import { bobyqa, LME4_BOBYQA } from "../../optim";
import { sdcorParameters, sdcorToTheta, thetaToSdcor, type SdcorParameter } from "../sdcor";

export interface Profiler {
  readonly problem: LmmProblem;
  readonly params: SdcorParameter[];
  /** ML estimates on the sdcor scale. */
  readonly phiHat: Float64Array;
  /** ML deviance at the estimates. */
  readonly devHat: number;
  /** θ̂ of the ML fit (the fit's own, or its ML refit). */
  readonly thetaMl: Float64Array;
  readonly signal?: { cancelled: boolean };
}

/** `thetaMl`: the ML θ̂ when already known (another thread's profiler found it), else found here. */
export function createProfiler(fit: LmmFit, frame: ModelFrame, signal?: { cancelled: boolean }, knownThetaMl?: Float64Array): Profiler {
  const problem = createLmmProblem(frame, false);
  const thetaMl = knownThetaMl ? Float64Array.from(knownThetaMl) : mlTheta(fit, problem);
  const sigmaMl = problem.sigmaAt(thetaMl);
  const devHat = problem.objective(thetaMl);
  const params = sdcorParameters(problem.theta);
  return { problem, params, phiHat: thetaToSdcor(thetaMl, sigmaMl, problem.theta), devHat, thetaMl, signal };
}

/** θ̂ of the ML fit: the fit's own for ML, else BOBYQA on the ML criterion from the REML θ (lme4's refitML). */
function mlTheta(fit: LmmFit, problem: LmmProblem): Float64Array {
  const start = Float64Array.from(fit.theta);
  if (fit.method === "ML") return start;
  const opt = bobyqa((x) => problem.objective(x), start, { lower: problem.theta.lower, upper: problem.theta.upper, ...LME4_BOBYQA });
  return Float64Array.from(opt.x);
}

/** The lower and upper bound of parameter j on the sdcor scale (lme4's profile: sd ≥ 0, |cor| ≤ 1). */
export function parameterBounds(p: SdcorParameter): [number, number] {
  return p.kind === "sd" ? [0, Infinity] : [-1, 1];
}

/**
 * BOBYQA for "tight" points. Every point starts close to its optimum (the previous point's
 * optimum, extrapolated along the profile: lme4-grid.ts), so a small first step (0.2% of each
 * scaled parameter) suffices, and a final trust-region radius of 1e-4 leaves the minimiser far
 * closer than that (BOBYQA ends on its quadratic model's minimum; the deviance error is quadratic
 * in the step). Measured on an InstEval-shaped model (3 SDs and σ): 4× fewer evaluations than the
 * former 0.05 / 1e-8 (3964 → 995), the intervals equal to 4e-9 relative (1e-5 gave 1501, equal
 * to 1e-10; 3e-4 gave 725 but moved an end by 1e-7).
 */
const TIGHT_BOBYQA = Object.freeze({ rhobeg: 0.002, rhoend: 1e-4, ftolAbs: 1e-12, maxEval: 20_000 });

/**
 * How each profile point is optimised. "lme4": as profile.merMod's optwrap call — BOBYQA with
 * lme4's nloptwrap settings on the unscaled sdcor parameters, in lme4's order (per term the lower
 * triangle column by column, sds on the diagonal, σ last), bounds sd ≥ 0, |cor| ≤ 1. Its early
 * stops are part of lme4's profile, but chaotically (see lme4-grid.ts). "tight" (the default):
 * sds scaled by their estimates, a small fixed initial step and a tight tolerance
 * (TIGHT_BOBYQA), so ζ is the profile's true value to ~1e-8.
 */
export type PointOptimizer = "lme4" | "tight";

/**
 * min over the other sdcor parameters of the ML deviance with parameter j fixed at v, started from
 * `start` (a full sdcor vector); returns the minimum and the full minimising vector.
 */
export function profiledDeviance(
  prof: Profiler,
  j: number,
  v: number,
  start: ArrayLike<number>,
  how: PointOptimizer = "tight",
): { dev: number; phi: Float64Array } {
  if (prof.signal?.cancelled) throw new MixwellError("The profile was cancelled.");
  const { params, problem, phiHat } = prof;
  const free = (how === "lme4" ? lme4Order(params) : params.map((_, i) => i)).filter((i) => i !== j);
  // Tight: scale sds and σ by their estimates so that BOBYQA's trust region suits every parameter.
  const scale = free.map((i) => (how === "tight" && params[i].kind === "sd" ? Math.max(phiHat[i], 1e-8 * phiHat[phiHat.length - 1]) : 1));
  const phi = Float64Array.from(start);
  phi[j] = v;
  const f = (x: Float64Array): number => {
    free.forEach((i, q) => (phi[i] = x[q] * scale[q]));
    const tv = sdcorToTheta(phi, problem.theta);
    if (!tv) return 1e15;
    const d = problem.devianceAt(tv.theta, tv.sigma);
    return Number.isFinite(d) ? d : 1e15;
  };
  const x0 = Float64Array.from(free, (i, q) => start[i] / scale[q]);
  const sigmaLower = how === "lme4" ? 0 : 1e-10;
  const lower = Float64Array.from(free, (i) => (params[i].kind === "sd" ? (params[i].term < 0 ? sigmaLower : 0) : -1));
  const upper = Float64Array.from(free, (i) => (params[i].kind === "sd" ? Infinity : 1));
  for (let q = 0; q < x0.length; q++) x0[q] = Math.min(upper[q], Math.max(lower[q], x0[q]));
  const settings = how === "lme4" ? LME4_BOBYQA : TIGHT_BOBYQA;
  const opt = bobyqa(f, x0, { lower, upper, ...settings });
  const out = Float64Array.from(start);
  out[j] = v;
  free.forEach((i, q) => (out[i] = opt.x[q] * scale[q]));
  return { dev: opt.fval, phi: out };
}

/** Indices of the sdcor parameters in lme4's order (Cv_to_Sv): per term the lower triangle column by column, σ last. */
function lme4Order(params: readonly SdcorParameter[]): number[] {
  const key = (p: SdcorParameter): [number, number, number] => (p.term < 0 ? [Infinity, 0, 0] : [p.term, p.b, p.a]);
  return params
    .map((_, i) => i)
    .sort((x, y) => {
      const a = key(params[x]);
      const b = key(params[y]);
      return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    });
}

export function rowKey(problem: LmmProblem, p: SdcorParameter): Pick<IntervalRow, "group" | "name1" | "name2" | "kind"> {
  if (p.term < 0) return { group: "Residual", name1: null, name2: null, kind: "sd" };
  const t = problem.terms[p.term];
  if (p.kind === "sd") return { group: t.group, name1: t.effectNames[p.a], name2: null, kind: "sd" };
  return { group: t.group, name1: t.effectNames[p.b], name2: t.effectNames[p.a], kind: "correlation" };
}

export function describe(problem: LmmProblem, p: SdcorParameter): string {
  const k = rowKey(problem, p);
  return p.term < 0 ? "the residual SD" : p.kind === "sd" ? `the SD of ${k.name1} | ${k.group}` : `the correlation of ${k.name1} and ${k.name2} | ${k.group}`;
}
