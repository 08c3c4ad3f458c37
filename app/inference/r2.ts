/**
 * Nakagawa & Schielzeth's R² for LMMs and the adjusted ICC, computed as performance 0.10
 * (r2_nakagawa, icc) with insight 0.19's get_variance:
 *
 * - σ²_f = var(Xβ̂) (sample variance over rows);
 * - σ²_r = Σ over grouping factors of mean_i z_iᵀ Σ z_i, z_i the row's values of the
 *   term's effects taken from the fixed design X (effects not in X are left out; an intercept
 *   is added if X has none). As insight indexes VarCorr by the names of ranef(), only the first
 *   term of a grouping factor counts (`(x || g)` keeps g's intercept, not g.1's slope), and a
 *   factor with one level per row is left out;
 * - σ²_ε = σ̂²;
 * - R²_m = σ²_f/(σ²_f + σ²_r + σ²_ε), R²_c = (σ²_f + σ²_r)/(…), ICC = σ²_r/(σ²_r + σ²_ε).
 * When some diagonal θ is below 1e-5 (insight's singularity check) σ²_r is not computed:
 * R²_m = σ²_f/(σ²_f + σ²_ε) and R²_c and the ICC are undefined, as performance returns NA.
 */
import type { LmmFit } from "../engine/lmm/types";
import type { ModelFrame } from "../engine/model-frame/types";
import type { ThetaLayout } from "../engine/lmm/theta";

export interface VarianceDecomposition {
  readonly fixed: number;
  /** Undefined for a singular fit. */
  readonly random?: number;
  readonly residual: number;
}

export interface R2Result {
  readonly marginal: number;
  readonly conditional?: number;
  readonly icc?: number;
  readonly notes: string[];
}

const SINGULAR_TOL = 1e-5;

export function varianceDecomposition(fit: LmmFit, frame: ModelFrame, theta: ThetaLayout): VarianceDecomposition {
  const fixed = fixedVariance(frame, fit.beta);
  const residual = fit.sigma * fit.sigma;
  const singular = theta.isDiagonal.some((d, i) => d && Math.abs(fit.theta[i]) < SINGULAR_TOL);
  if (singular) return { fixed, residual };
  return { fixed, random: randomVariance(fit, frame), residual };
}

export function nakagawaR2(v: VarianceDecomposition): R2Result {
  if (v.random === undefined) {
    return {
      marginal: v.fixed / (v.fixed + v.residual),
      notes: ["Conditional R² and the ICC are not given: some variance component is zero (singular fit), as performance::r2_nakagawa does."],
    };
  }
  const total = v.fixed + v.random + v.residual;
  return {
    marginal: v.fixed / total,
    conditional: (v.fixed + v.random) / total,
    icc: v.random / (v.random + v.residual),
    notes: [],
  };
}

function fixedVariance(frame: ModelFrame, beta: Float64Array): number {
  const { X, n, p } = frame.fixed;
  const eta = new Float64Array(n);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) eta[i] += X[i + j * n] * beta[j];
  let mean = 0;
  for (let i = 0; i < n; i++) mean += eta[i];
  mean /= n;
  // R's mean(): a second pass corrects the rounding of the first (a constant gives variance 0).
  let correction = 0;
  for (let i = 0; i < n; i++) correction += eta[i] - mean;
  mean += correction / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (eta[i] - mean) ** 2;
  return n > 1 ? ss / (n - 1) : 0;
}

function randomVariance(fit: LmmFit, frame: ModelFrame): number {
  const { X, n, names } = frame.fixed;
  const column = (name: string): Float64Array | null => {
    const j = names.indexOf(name);
    if (j >= 0) return X.subarray(j * n, (j + 1) * n);
    return name === "(Intercept)" && !names.includes("(Intercept)") ? new Float64Array(n).fill(1) : null;
  };
  const seen = new Set<string>();
  let total = 0;
  for (const term of frame.random) {
    if (seen.has(term.group)) continue;
    seen.add(term.group);
    if (term.levels.length === n) continue;
    const cov = (a: string, b: string): number => {
      if (a === b) return fit.varcorr.find((r) => r.group === term.group && r.kind === "variance" && r.name1 === a)!.value;
      const r = fit.varcorr.find(
        (c) => c.group === term.group && c.kind === "correlation" && ((c.name1 === a && c.name2 === b) || (c.name1 === b && c.name2 === a)),
      );
      return r ? r.value * Math.sqrt(cov(a, a) * cov(b, b)) : 0;
    };
    const effects = term.effectNames.filter((e) => column(e) !== null);
    let s = 0;
    for (const a of effects) {
      const za = column(a)!;
      for (const b of effects) {
        const zb = column(b)!;
        const c = cov(a, b);
        if (c === 0) continue;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += za[i] * zb[i];
        s += c * dot;
      }
    }
    total += s / n;
  }
  return total;
}
