/**
 * Parametric bootstrap of a linear mixed model, as lme4's bootMer(type = "parametric", use.u =
 * FALSE) and confint(method = "boot", boot.type = "perc"): simulate y* = Xβ̂ + Σ Z_t b*_t + ε*
 * with b*_t ~ N(0, σ̂² Λ_t Λ_tᵀ) per level and ε* ~ N(0, σ̂²), refit by the same criterion, collect
 * the fixed effects, the random-effect SDs and correlations and σ, and take percentile intervals
 * as boot::boot.ci(type = "perc") (boot's norm.inter interpolation on the normal scale).
 *
 * Refit i draws from its own generator seeded by (seed, i), and every refit starts from the
 * fitted θ̂ (as lme4's refit()), so a run repeats exactly whatever the order or the number of
 * workers the refits are spread over. As bootMer, a refit that does not converge keeps its
 * estimates (lme4 only warns) and is counted; only a refit that throws is a failure, left out.
 */
import { MixwellError } from "../errors";
import type { ModelFrame } from "../engine/model-frame";
import { fitLmm } from "../engine/lmm";
import type { LmmFit } from "../engine/lmm/types";
import { intervalsFromRefits, type BootstrapLabel, type BootstrapResult, type RefitOutcome } from "./bootstrap-summary";

export { percentile, intervalsFromRefits, bootstrapSentence, formatBootstrap, type BootstrapLabel, type BootstrapResult, type RefitOutcome } from "./bootstrap-summary";


/** xoshiro128** seeded through splitmix32 from (seed, index): one independent stream per refit. */
export function refitRandom(seed: number, index: number): () => number {
  let x = (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  const split = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s = [split(), split(), split(), split()];
  return () => {
    const result = Math.imul(((Math.imul(s[1], 5) << 7) | (Math.imul(s[1], 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = ((s[3] << 11) | (s[3] >>> 21)) >>> 0;
    return (result + 0.5) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller from a uniform generator. */
export function normals(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const a = 2 * Math.PI * uniform();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}

/** The lower-triangular k × k template Λ of each term from θ (lme4's column-wise lower triangle). */
function lambdas(frame: ModelFrame, theta: readonly number[]): Float64Array[] {
  let at = 0;
  return frame.random.map((term) => {
    const k = term.k;
    const L = new Float64Array(k * k);
    for (let j = 0; j < k; j++) for (let i = j; i < k; i++) L[i + j * k] = theta[at++];
    return L;
  });
}

/** One simulated response from the fitted model. */
export function simulateResponse(frame: ModelFrame, fit: Pick<LmmFit, "beta" | "theta" | "sigma">, draw: () => number): Float64Array {
  const { n, X, p } = frame.fixed;
  const y = new Float64Array(n);
  for (let c = 0; c < p; c++) for (let r = 0; r < n; r++) y[r] += X[r + c * n] * fit.beta[c];
  const Ls = lambdas(frame, fit.theta);
  frame.random.forEach((term, t) => {
    const k = term.k;
    const L = Ls[t];
    const b = new Float64Array(term.levels.length * k);
    const u = new Float64Array(k);
    for (let l = 0; l < term.levels.length; l++) {
      for (let j = 0; j < k; j++) u[j] = draw();
      for (let i = 0; i < k; i++) {
        let s = 0;
        for (let j = 0; j <= i; j++) s += L[i + j * k] * u[j];
        b[l * k + i] = fit.sigma * s;
      }
    }
    for (let r = 0; r < n; r++) {
      const l = term.levelOfRow[r];
      for (let j = 0; j < k; j++) y[r] += term.Z[r + j * n] * b[l * k + j];
    }
  });
  for (let r = 0; r < n; r++) y[r] += fit.sigma * draw();
  return y;
}

/** The statistics of one fit: fixed effects, then per term SDs and correlations, then σ. */
function statistics(frame: ModelFrame, fit: Pick<LmmFit, "beta" | "theta" | "sigma">): number[] {
  const out = Array.from(fit.beta);
  const Ls = lambdas(frame, fit.theta);
  frame.random.forEach((term, t) => {
    const k = term.k;
    const L = Ls[t];
    const cov = (i: number, j: number) => {
      let s = 0;
      for (let m = 0; m <= Math.min(i, j); m++) s += L[i + m * k] * L[j + m * k];
      return s * fit.sigma * fit.sigma;
    };
    for (let i = 0; i < k; i++) out.push(Math.sqrt(cov(i, i)));
    for (let j = 0; j < k; j++) for (let i = j + 1; i < k; i++) out.push(cov(i, j) / Math.sqrt(cov(i, i) * cov(j, j)));
  });
  out.push(fit.sigma);
  return out;
}

/** Labels of the statistics, in the order of `statistics`, as ci_profile rows (lme4's .sig01 order). */
export function bootstrapLabels(frame: ModelFrame): BootstrapLabel[] {
  const rows: BootstrapLabel[] = frame.fixed.names.map((term) => ({ term, kind: "fixef" as const }));
  for (const term of frame.random) {
    const names = term.effectNames;
    names.forEach((name) => rows.push({ group: term.group, name1: name, name2: null, kind: "sd" }));
    for (let j = 0; j < term.k; j++) for (let i = j + 1; i < term.k; i++) rows.push({ group: term.group, name1: names[j], name2: names[i], kind: "correlation" });
  }
  rows.push({ group: "Residual", name1: null, name2: null, kind: "sd" });
  return rows;
}


/** The parameters a simulation needs from the fitted model (plain data, so they cross to workers). */
export type BootstrapModel = Pick<LmmFit, "beta" | "theta" | "sigma" | "method" | "formula">;

/** Refits `from` … `to − 1` of a bootstrap, for one worker's share; `onRefit` after each. */
export function bootstrapRefits(frame: ModelFrame, fit: BootstrapModel, seed: number, from: number, to: number, onRefit?: () => void, signal?: { cancelled: boolean }): RefitOutcome[] {
  if (frame.weights) throw new MixwellError("The parametric bootstrap is not available for models with prior weights.");
  const out: RefitOutcome[] = [];
  for (let i = from; i < to; i++) {
    if (signal?.cancelled) throw new MixwellError("Bootstrap cancelled.");
    const y = simulateResponse(frame, fit, normals(refitRandom(seed, i)));
    try {
      const refit = fitLmm({ ...frame, y }, { reml: fit.method === "REML", formula: fit.formula, startTheta: fit.theta });
      out.push({ stats: statistics(frame, refit), converged: refit.converged });
    } catch {
      out.push(null);
    }
    onRefit?.();
  }
  return out;
}

/** Percentile intervals of a model frame's statistics from its refits (bootstrap-summary.ts). */
export function bootstrapIntervals(frame: ModelFrame, seed: number, refits: readonly RefitOutcome[], level = 0.95): BootstrapResult {
  return intervalsFromRefits(bootstrapLabels(frame), seed, refits, level);
}
