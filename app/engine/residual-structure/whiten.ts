/**
 * Whitening of the residual covariance (Pinheiro & Bates 2000, §5.1; nlme's recalc methods):
 * within each correlation group i, Var(ε_i) = σ² Λ_i with Λ_i = S_i C_i S_i, S_i the diagonal
 * of the varIdent SD ratios and C_i the correlation matrix. A matrix W_i with W_iᵀW_i = Λ_i⁻¹
 * turns the rows [Z X y] of the group into a model with independent residuals of variance σ²,
 * so the ordinary profiled LMM criterion applies to the transformed rows, plus log|Λ_i|.
 *
 * - AR(1) and CAR(1) are Markov: with the group's rows sorted by time and r_t = φ^(t_k − t_{k−1}),
 *   e_1 = x_1, e_k = (x_k − r x_{k−1}) / √(1 − r²) (the inverse Cholesky factor of C, banded);
 *   log|C| = Σ log(1 − r²). Gaps in time are handled by the power (corARMA(p = 1) in nlme for
 *   AR(1) with gaps, corCAR1 for continuous time).
 * - Compound symmetry: C = (1 − ρ)I + ρ11ᵀ; W = (1 − ρ)^(−1/2) (I − a·11ᵀ/k) with
 *   a = 1 − √((1 − ρ)/(1 + (k − 1)ρ)); log|C| = (k − 1) log(1 − ρ) + log(1 + (k − 1)ρ).
 * Each is O(rows × width) per evaluation.
 */
import type { CorrelationKind } from "./types";
import type { ResidualLayout } from "./layout";

/**
 * Writes W·[Z X y] of every correlation group into `out` (same layout as layout.data) for the
 * correlation parameter `cor` (Phi or Rho; ignored when kind is null) and SD ratios `sd` per stratum.
 * Returns Σ log|Λ_i|, or NaN where Λ is not positive definite.
 */
export function whiten(layout: ResidualLayout, kind: CorrelationKind | null, cor: number, sd: Float64Array, out: Float64Array): number {
  const { m, segmentStart, data, stratum } = layout;
  let logDet = 0;
  for (let s = 0; s < layout.n; ++s) {
    const w = 1 / sd[stratum[s]];
    logDet -= 2 * Math.log(w);
    const base = s * m;
    for (let c = 0; c < m; ++c) out[base + c] = data[base + c] * w;
  }
  if (kind === null) return logDet;
  const nSeg = segmentStart.length - 1;
  for (let g = 0; g < nSeg; ++g) {
    const a = segmentStart[g];
    const b = segmentStart[g + 1];
    const part = kind === "cs" ? compoundSymmetry(out, m, a, b, cor) : markov(out, m, a, b, layout.time, cor);
    if (!Number.isFinite(part)) return NaN;
    logDet += part;
  }
  return logDet;
}

/**
 * The same transform fused with the cross-products the criterion needs: for each random-effects
 * group g, the packed lower triangle of (W[Z X y])ᵀ(W[Z X y]) over its rows goes to
 * gram[g·m(m+1)/2 …] (row i, column j ≤ i at i(i+1)/2 + j). One pass over the data, no n × m
 * buffer written. `scratch` holds the longest correlation group (rows × m). Returns Σ log|Λ_i|.
 */
export function whitenedGram(
  layout: ResidualLayout,
  kind: CorrelationKind | null,
  cor: number,
  sd: Float64Array,
  logSdByStratum: Float64Array,
  scratch: Float64Array,
  gram: Float64Array,
): number {
  const { m, segmentStart, groupStart, data, stratum } = layout;
  const packed = (m * (m + 1)) / 2;
  gram.fill(0);
  let logDet = 0;
  let g = 0;
  const nSeg = segmentStart.length - 1;
  for (let k = 0; k < nSeg; ++k) {
    const a = segmentStart[k];
    const b = segmentStart[k + 1];
    while (groupStart[g + 1] <= a) ++g;
    for (let s = a; s < b; ++s) {
      const st = stratum[s];
      const w = 1 / sd[st];
      logDet += 2 * logSdByStratum[st];
      const src = s * m;
      const dst = (s - a) * m;
      for (let c = 0; c < m; ++c) scratch[dst + c] = data[src + c] * w;
    }
    if (kind !== null) {
      const part = kind === "cs" ? compoundSymmetry(scratch, m, 0, b - a, cor) : markovShifted(scratch, m, a, b, layout.time, cor);
      if (!Number.isFinite(part)) return NaN;
      logDet += part;
    }
    // pair by pair with the sum in a register: faster than a row-by-row update of the packed block
    const rows = b - a;
    let t = g * packed;
    for (let i = 0; i < m; ++i) {
      for (let j = 0; j <= i; ++j) {
        let sum = 0;
        for (let o = 0; o < rows * m; o += m) sum += scratch[o + i] * scratch[o + j];
        gram[t++] += sum;
      }
    }
  }
  return logDet;
}

/** markov() on a copy of rows a..b−1 stored from row 0 of x; times read at a.. (one power per distinct gap). */
function markovShifted(x: Float64Array, m: number, a: number, b: number, time: Float64Array, phi: number): number {
  let logDet = 0;
  let lastGap = NaN;
  let r = 0;
  let scale = 0;
  let logTerm = 0;
  for (let s = b - 1; s > a; --s) {
    const gap = time[s] - time[s - 1];
    if (gap !== lastGap) {
      lastGap = gap;
      r = Math.pow(phi, gap);
      const oneMinus = 1 - r * r;
      if (!(oneMinus > 0)) return NaN;
      scale = 1 / Math.sqrt(oneMinus);
      logTerm = Math.log(oneMinus);
    }
    logDet += logTerm;
    const cur = (s - a) * m;
    const prev = cur - m;
    for (let c = 0; c < m; ++c) x[cur + c] = (x[cur + c] - r * x[prev + c]) * scale;
  }
  return logDet;
}

/** In place, last row first so each step reads its untransformed predecessor. */
function markov(x: Float64Array, m: number, a: number, b: number, time: Float64Array, phi: number): number {
  let logDet = 0;
  for (let s = b - 1; s > a; --s) {
    const r = Math.pow(phi, time[s] - time[s - 1]);
    const oneMinus = 1 - r * r;
    if (!(oneMinus > 0)) return NaN;
    const scale = 1 / Math.sqrt(oneMinus);
    logDet += Math.log(oneMinus);
    const cur = s * m;
    const prev = (s - 1) * m;
    for (let c = 0; c < m; ++c) x[cur + c] = (x[cur + c] - r * x[prev + c]) * scale;
  }
  return logDet;
}

function compoundSymmetry(x: Float64Array, m: number, a: number, b: number, rho: number): number {
  const k = b - a;
  const big = 1 + (k - 1) * rho;
  if (!(1 - rho > 0) || !(big > 0)) return NaN;
  const shrink = (1 - Math.sqrt((1 - rho) / big)) / k;
  const scale = 1 / Math.sqrt(1 - rho);
  for (let c = 0; c < m; ++c) {
    let sum = 0;
    for (let s = a; s < b; ++s) sum += x[s * m + c];
    const shift = shrink * sum;
    for (let s = a; s < b; ++s) x[s * m + c] = (x[s * m + c] - shift) * scale;
  }
  return (k - 1) * Math.log(1 - rho) + Math.log(big);
}
