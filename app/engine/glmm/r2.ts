/**
 * Nakagawa's marginal and conditional R² for GLMMs as performance::r2_nakagawa computes them
 * (performance 0.10, insight 0.19 .compute_variances; Nakagawa, Johnson & Schielzeth 2017):
 * σ²_f = var(Xβ̂) (n − 1 denominator); σ²_r = Σ over terms (not observation-level) of the mean
 * over rows of zᵢᵀ Σ zᵢ, z taken from X's columns named like the term's effects; σ²_ε the
 * distribution-specific variance — binomial: π²/3 (logit), 1 (probit), π²/6 (cloglog);
 * Poisson log: log(1 + 1/μ) with μ = exp(intercept of the null model y ~ 1 + random terms) —
 * plus, for observation-level terms, their variance. R²_m = σ²_f / total,
 * R²_c = (σ²_f + σ²_r) / total. Undefined (absent) for singular fits.
 */
import type { ModelFrame } from "../model-frame/types";
import type { LinkName } from "./family";
import type { VarCorrRow } from "../lmm/types";

export interface NakagawaR2 {
  readonly marginal: number;
  readonly conditional: number;
}

export interface R2Input {
  readonly frame: ModelFrame;
  readonly beta: Float64Array;
  readonly varcorr: readonly VarCorrRow[];
  readonly link: LinkName;
  /** Intercept of the Poisson null model; needed for log links. */
  readonly nullIntercept?: number;
}

export function nakagawaR2(input: R2Input): NakagawaR2 | null {
  const { frame, beta, link } = input;
  const { n } = frame;
  const varFixed = fixedVariance(frame, beta);
  let varRandom = 0;
  let varDispersion = 0;
  for (const term of frame.random) {
    const v = termVariance(frame, term.group, term.effectNames, input.varcorr);
    if (v === null) continue;
    if (term.levels.length === n) varDispersion += v;
    else varRandom += v;
  }
  let varDistribution: number;
  if (link === "logit") varDistribution = Math.PI ** 2 / 3;
  else if (link === "probit") varDistribution = 1;
  else if (link === "cloglog") varDistribution = Math.PI ** 2 / 6;
  else {
    if (input.nullIntercept === undefined) return null;
    varDistribution = Math.log1p(1 / Math.exp(input.nullIntercept));
  }
  const total = varFixed + varRandom + varDistribution + varDispersion;
  return { marginal: varFixed / total, conditional: (varFixed + varRandom) / total };
}

function fixedVariance(frame: ModelFrame, beta: Float64Array): number {
  const { n } = frame;
  const { X, p } = frame.fixed;
  const eta = new Float64Array(n);
  for (let c = 0; c < p; c++) for (let r = 0; r < n; r++) eta[r] += X[r + c * n] * beta[c];
  let mean = 0;
  for (let r = 0; r < n; r++) mean += eta[r];
  mean /= n;
  let ss = 0;
  for (let r = 0; r < n; r++) ss += (eta[r] - mean) ** 2;
  return n > 1 ? ss / (n - 1) : 0;
}

/** mean over rows of zᵀΣz for one term, z from the fixed design's columns of the same names (insight's .sigma_sum). */
function termVariance(frame: ModelFrame, group: string, effects: readonly string[], varcorr: readonly VarCorrRow[]): number | null {
  const { n } = frame;
  const { X, names } = frame.fixed;
  const cols: (Float64Array | null)[] = [];
  const kept: string[] = [];
  for (const e of effects) {
    const j = names.indexOf(e);
    if (j >= 0) cols.push(X.subarray(j * n, (j + 1) * n));
    else if (e === "(Intercept)") cols.push(null);
    else continue;
    kept.push(e);
  }
  if (kept.length === 0) return null;
  const cov = (a: string, b: string): number => {
    if (a === b) return varcorr.find((r) => r.group === group && r.kind === "variance" && r.name1 === a)?.value ?? 0;
    const c = varcorr.find((r) => r.group === group && r.kind === "correlation" && ((r.name1 === a && r.name2 === b) || (r.name1 === b && r.name2 === a)));
    if (!c) return 0;
    return c.value * Math.sqrt(cov(a, a) * cov(b, b));
  };
  let s = 0;
  for (let a = 0; a < kept.length; a++) {
    for (let b = 0; b < kept.length; b++) {
      const sab = cov(kept[a], kept[b]);
      if (sab === 0) continue;
      const za = cols[a];
      const zb = cols[b];
      let m = 0;
      for (let r = 0; r < n; r++) m += (za ? za[r] : 1) * (zb ? zb[r] : 1);
      s += (sab * m) / n;
    }
  }
  return s;
}
