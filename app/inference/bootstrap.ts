/**
 * Parametric bootstrap of a linear mixed model, as lme4's bootMer(type = "parametric", use.u =
 * FALSE) and confint(method = "boot", boot.type = "perc"): simulate y* = Xβ̂ + Σ Z_t b*_t + ε*
 * with b*_t ~ N(0, σ̂² Λ_t Λ_tᵀ) per level and ε* ~ N(0, σ̂²), refit by the same criterion, collect
 * the fixed effects, the random-effect SDs and correlations and σ, and take percentile intervals
 * as boot::boot.ci(type = "perc") (boot's norm.inter interpolation on the normal scale).
 *
 * Refit i draws from its own generator seeded by (seed, i), so a run repeats exactly whatever the
 * order or the number of workers the refits are spread over. Refits that fail are counted.
 */
import { MixwellError } from "../errors";
import type { ModelFrame } from "../engine/model-frame";
import { fitLmm } from "../engine/lmm";
import type { IntervalRow, LmmFit } from "../engine/lmm/types";
import { qnorm } from "../stats";

export interface BootstrapResult {
  readonly nboot: number;
  readonly seed: number;
  /** Refits that failed (error or non-convergence); they are left out of the intervals. */
  readonly failures: number;
  /** Fixed-effect rows `{ term, lower, upper }`, then ci_profile-style rows for SDs, correlations and σ. */
  readonly ci_boot: readonly IntervalRow[];
}

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
function normals(uniform: () => number): () => number {
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
export function simulateResponse(frame: ModelFrame, fit: LmmFit, draw: () => number): Float64Array {
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
function statistics(frame: ModelFrame, fit: LmmFit): number[] {
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
function labels(frame: ModelFrame): Omit<IntervalRow, "lower" | "upper">[] {
  const rows: Omit<IntervalRow, "lower" | "upper">[] = frame.fixed.names.map((term) => ({ term, kind: "fixef" as const }));
  for (const term of frame.random) {
    const names = term.effectNames;
    names.forEach((name) => rows.push({ group: term.group, name1: name, name2: null, kind: "sd" }));
    for (let j = 0; j < term.k; j++) for (let i = j + 1; i < term.k; i++) rows.push({ group: term.group, name1: names[j], name2: names[i], kind: "correlation" });
  }
  rows.push({ group: "Residual", name1: null, name2: null, kind: "sd" });
  return rows;
}

/** boot's norm.inter: the alpha quantile of sorted bootstrap values, interpolated on the normal scale. */
export function percentile(sorted: readonly number[], alpha: number): number {
  const R = sorted.length;
  const rk = (R + 1) * alpha;
  const k = Math.trunc(rk);
  if (Math.abs(rk - Math.round(rk)) < 1e-7 && Math.round(rk) >= 1 && Math.round(rk) <= R) return sorted[Math.round(rk) - 1];
  if (k <= 0) return sorted[0];
  if (k >= R) return sorted[R - 1];
  const t1 = qnorm(alpha);
  const t2 = qnorm(k / (R + 1));
  const t3 = qnorm((k + 1) / (R + 1));
  const tk = sorted[k - 1];
  const tk1 = sorted[k];
  return tk + ((t1 - t2) / (t3 - t2)) * (tk1 - tk);
}

/** The statistics of refits `from` … `to − 1` (null for a failed refit), for one worker's share. */
export function bootstrapRefits(frame: ModelFrame, fit: LmmFit, seed: number, from: number, to: number, onRefit?: () => void, signal?: { cancelled: boolean }): (number[] | null)[] {
  if (frame.weights) throw new MixwellError("The parametric bootstrap is not available for models with prior weights.");
  const out: (number[] | null)[] = [];
  for (let i = from; i < to; i++) {
    if (signal?.cancelled) throw new MixwellError("Bootstrap cancelled.");
    const y = simulateResponse(frame, fit, normals(refitRandom(seed, i)));
    try {
      const refit = fitLmm({ ...frame, y }, { reml: fit.method === "REML", formula: fit.formula });
      out.push(refit.converged ? statistics(frame, refit) : null);
    } catch {
      out.push(null);
    }
    onRefit?.();
  }
  return out;
}

/** Percentile intervals from the refits' statistics (failed refits left out and counted). */
export function bootstrapIntervals(frame: ModelFrame, seed: number, refits: readonly (number[] | null)[], level = 0.95): BootstrapResult {
  const ok = refits.filter((r): r is number[] => r !== null);
  if (ok.length < 10) throw new MixwellError(`Only ${ok.length} of ${refits.length} bootstrap refits succeeded: too few for intervals.`);
  const alpha = (1 - level) / 2;
  const ci_boot = labels(frame).map((label, s) => {
    const sorted = ok.map((r) => r[s]).filter(Number.isFinite).sort((a, b) => a - b);
    return { ...label, lower: percentile(sorted, alpha), upper: percentile(sorted, 1 - alpha) } as IntervalRow;
  });
  return { nboot: refits.length, seed, failures: refits.length - ok.length, ci_boot };
}

/** The bootstrap intervals as text, with the sentence saying what was done. */
export function formatBootstrap(boot: BootstrapResult): string {
  const name = (r: IntervalRow) => (r.kind === "fixef" ? r.term ?? "" : r.kind === "correlation" ? `cor ${r.group}: ${r.name1}, ${r.name2}` : r.group === "Residual" ? "sigma" : `sd ${r.group}: ${r.name1}`);
  const width = Math.max(...boot.ci_boot.map((r) => name(r).length));
  return [
    "",
    bootstrapSentence(boot),
    ...boot.ci_boot.map((r) => `${name(r).padEnd(width)}  [${r.lower.toFixed(4)}, ${r.upper.toFixed(4)}]`),
    "",
  ].join("\n");
}

/** What was done, for reports: refits, seed, failures. */
export function bootstrapSentence(boot: BootstrapResult): string {
  return `Parametric bootstrap: ${boot.nboot} refits (seed ${boot.seed}), ${boot.failures} failed and left out; 95% percentile intervals as lme4's confint(method = "boot").`;
}
