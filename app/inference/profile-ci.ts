/**
 * Profile-likelihood intervals for the variance components, as lme4's
 * confint(method = "profile") (profile.merMod, devfun2, confint.thpr): the model is refitted by
 * ML; for each sd, correlation and σ (the "sdcor" scale) the ML deviance is minimised over the
 * other variance parameters (β profiled out) with that parameter held fixed; the interval ends
 * are where the signed root ζ = sign(φ − φ̂)·√(dev − dev̂) reaches ∓z₀.₉₇₅.
 *
 * lme4 interpolates ζ with splines through a grid of profile points; here each end is found by a
 * safeguarded secant search on ζ itself (on the log scale for sds and σ, where ζ is nearly
 * linear), which is more accurate. Where ζ never reaches the cut-off before the parameter's
 * bound (sd 0, correlation ±1), the bound is the end, as in confint.thpr.
 */
import { MixwellError } from "../errors";
import { createLmmProblem, type LmmProblem } from "../engine/lmm";
import type { IntervalRow, LmmFit } from "../engine/lmm/types";
import type { ModelFrame } from "../engine/model-frame/types";
import { bobyqa, LME4_BOBYQA } from "../optim";
import { qnorm } from "../stats";
import { sdcorParameters, sdcorToTheta, thetaToSdcor, type SdcorParameter } from "./sdcor";

export interface ProfileOptions {
  readonly level?: number;
  readonly onProgress?: (p: { stage: string; done: number; total: number }) => void;
  readonly signal?: { cancelled: boolean };
}

export interface ProfileResult {
  readonly rows: IntervalRow[];
  readonly notes: string[];
}

interface Profiler {
  readonly problem: LmmProblem;
  readonly params: SdcorParameter[];
  readonly phiHat: Float64Array;
  readonly devHat: number;
  readonly signal?: { cancelled: boolean };
}

export function profileIntervals(fit: LmmFit, frame: ModelFrame, options: ProfileOptions = {}): ProfileResult {
  const problem = createLmmProblem(frame, false);
  const thetaMl = mlTheta(fit, problem);
  const sigmaMl = problem.sigmaAt(thetaMl);
  const devHat = problem.objective(thetaMl);
  const params = sdcorParameters(problem.theta);
  const prof: Profiler = { problem, params, phiHat: thetaToSdcor(thetaMl, sigmaMl, problem.theta), devHat, signal: options.signal };
  const cut = qnorm((1 - (options.level ?? 0.95)) / 2, false);
  const rows: IntervalRow[] = [];
  const notes: string[] = [];
  params.forEach((param, j) => {
    options.onProgress?.({ stage: "profile", done: j, total: params.length });
    const lower = profileEnd(prof, j, -cut);
    const upper = profileEnd(prof, j, cut);
    const label = describe(problem, param);
    if (upper === null) notes.push(`The profile of ${label} does not reach the ${100 * (options.level ?? 0.95)}% cut-off above its estimate: no upper limit.`);
    rows.push({ ...rowKey(problem, param), lower: lower ?? NaN, upper: upper ?? NaN });
  });
  options.onProgress?.({ stage: "profile", done: params.length, total: params.length });
  return { rows, notes };
}

/** θ̂ of the ML fit: the fit's own for ML, else BOBYQA on the ML criterion from the REML θ (lme4's refitML). */
function mlTheta(fit: LmmFit, problem: LmmProblem): Float64Array {
  const start = Float64Array.from(fit.theta);
  if (fit.method === "ML") return start;
  const opt = bobyqa((x) => problem.objective(x), start, { lower: problem.theta.lower, upper: problem.theta.upper, ...LME4_BOBYQA });
  return Float64Array.from(opt.x);
}

function rowKey(problem: LmmProblem, p: SdcorParameter): Pick<IntervalRow, "group" | "name1" | "name2" | "kind"> {
  if (p.term < 0) return { group: "Residual", name1: null, name2: null, kind: "sd" };
  const t = problem.terms[p.term];
  if (p.kind === "sd") return { group: t.group, name1: t.effectNames[p.a], name2: null, kind: "sd" };
  return { group: t.group, name1: t.effectNames[p.b], name2: t.effectNames[p.a], kind: "correlation" };
}

function describe(problem: LmmProblem, p: SdcorParameter): string {
  const k = rowKey(problem, p);
  return p.term < 0 ? "the residual SD" : p.kind === "sd" ? `the SD of ${k.name1} | ${k.group}` : `the correlation of ${k.name1} and ${k.name2} | ${k.group}`;
}

/** Transformed scale on which ζ is nearly linear: log for sds and σ, identity for correlations. */
function toU(p: SdcorParameter, v: number): number {
  return p.kind === "sd" ? Math.log(v) : v;
}
function fromU(p: SdcorParameter, u: number): number {
  return p.kind === "sd" ? Math.exp(u) : Math.max(-1, Math.min(1, u));
}

/**
 * The value of parameter j where ζ = target (sign gives the side), or its bound when ζ stays
 * short of the target there; null when the profile keeps rising without reaching it (upper sd).
 */
function profileEnd(prof: Profiler, j: number, target: number): number | null {
  const p = prof.params[j];
  const side = Math.sign(target);
  const hat = prof.phiHat[j];
  const bound = p.kind === "sd" ? (side < 0 ? 0 : Infinity) : side;
  let warm: Float64Array = Float64Array.from(prof.phiHat);
  const zetaAt = (v: number): number => {
    const r = profiledDeviance(prof, j, v, warm);
    warm = r.phi;
    const d = Math.max(0, r.dev - prof.devHat);
    return Math.sign(v - hat) * Math.sqrt(d);
  };
  if (p.kind === "sd" && hat === 0) return side < 0 ? 0 : upwardFromZero(zetaAt, p, prof.phiHat[prof.phiHat.length - 1], target);
  // Bracket: step outwards on the u scale, by secant predictions, until ζ passes the target.
  const uHat = toU(p, hat);
  let ua = uHat;
  let za = 0;
  let step = p.kind === "sd" ? 0.2 : 0.1;
  for (let iter = 0; iter < 80; iter++) {
    let ub = ua + side * step;
    if (p.kind === "correlation" && side * ub >= 1) ub = bound;
    if (p.kind === "sd" && side < 0 && ub < uHat - 12) {
      // Far below the estimate ζ has flattened: the end is sd = 0 unless ζ(0) passes the target.
      const z0 = zetaAt(0);
      if (z0 > target) return 0;
      ub = uHat - 40;
    }
    if (p.kind === "sd" && side > 0 && ub > uHat + 25) return null;
    const zb = zetaAt(fromU(p, ub));
    if (side * zb >= side * target) return fromU(p, solveBracket(zetaAt, p, ua, za, ub, zb, target));
    if (p.kind === "correlation" && ub === bound) return bound;
    const slope = (zb - za) / (ub - ua);
    const need = slope * side > 0 ? Math.abs((target - zb) / slope) : 2 * step;
    step = Math.min(Math.max(need * 1.25, 0.02), 4);
    ua = ub;
    za = zb;
  }
  return null;
}

/**
 * An sd estimated at 0 (singular fit): ζ ≥ 0 above it. Double the sd from a tiny fraction of σ̂
 * until ζ passes the target, then solve on the log scale in that last doubling.
 */
function upwardFromZero(zetaAt: (v: number) => number, p: SdcorParameter, sigma: number, target: number): number | null {
  let v = 1e-4 * sigma;
  let z = zetaAt(v);
  while (z >= target && v > 1e-12 * sigma) {
    v /= 16;
    z = zetaAt(v);
  }
  for (let k = 0; k < 80; k++) {
    const v2 = v * 2;
    const z2 = zetaAt(v2);
    if (z2 >= target) return fromU(p, solveBracket(zetaAt, p, Math.log(v), z, Math.log(v2), z2, target));
    v = v2;
    z = z2;
  }
  return null;
}

/** Illinois regula falsi on [ua, ub] with ζ(ua) short of the target and ζ(ub) past it. */
function solveBracket(
  zetaAt: (v: number) => number,
  p: SdcorParameter,
  ua: number,
  za: number,
  ub: number,
  zb: number,
  target: number,
): number {
  let fa = za - target;
  let fb = zb - target;
  let side = 0;
  for (let iter = 0; iter < 50; iter++) {
    const uc = (ua * fb - ub * fa) / (fb - fa);
    const fc = zetaAt(fromU(p, uc)) - target;
    if (Math.abs(fc) < 1e-6 || Math.abs(ub - ua) < 1e-9 * Math.max(1, Math.abs(uc))) return uc;
    if (fc * fb > 0) {
      ub = uc;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      ua = uc;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return (ua * fb - ub * fa) / (fb - fa);
}

/** min over the other sdcor parameters of the ML deviance with parameter j fixed at v. */
function profiledDeviance(prof: Profiler, j: number, v: number, start: Float64Array): { dev: number; phi: Float64Array } {
  if (prof.signal?.cancelled) throw new MixwellError("The profile was cancelled.");
  const { params, problem, phiHat } = prof;
  const free = params.map((_, i) => i).filter((i) => i !== j);
  // Scale sds and σ by their estimates so that BOBYQA's trust region suits every parameter.
  const scale = free.map((i) => (params[i].kind === "sd" ? Math.max(phiHat[i], 1e-8 * phiHat[phiHat.length - 1]) : 1));
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
  const lower = Float64Array.from(free, (i) => (params[i].kind === "sd" ? (params[i].term < 0 ? 1e-10 : 0) : -1));
  const upper = Float64Array.from(free, (i) => (params[i].kind === "sd" ? Infinity : 1));
  for (let q = 0; q < x0.length; q++) x0[q] = Math.min(upper[q], Math.max(lower[q], x0[q]));
  const opt = bobyqa(f, x0, { lower, upper, rhobeg: 0.05, rhoend: 1e-8, ftolAbs: 1e-12, maxEval: 20_000 });
  const out = Float64Array.from(start);
  out[j] = v;
  free.forEach((i, q) => (out[i] = opt.x[q] * scale[q]));
  return { dev: opt.fval, phi: out };
}
