/**
 * Sufficient statistics for the Markov whitening (AR(1), CAR(1)) and for independent residuals,
 * so that an evaluation costs O(groups × m²) instead of O(rows × m²). With x_t the row [Z X y]
 * of time t, s_t its stratum's SD ratio, r = φ^Δ and c = 1/√(1 − r²), the whitened row of a
 * non-first time is e_t = c (x_t/s_t − r x_{t−1}/s_{t−1}), so
 *   Σ e_t e_tᵀ = Σ_keys c² (A0/s_t² − r/(s_t s_{t−1}) (A1 + A1ᵀ) + r² A2/s_{t−1}²),
 * with A0 = Σ x_t x_tᵀ, A1 = Σ x_t x_{t−1}ᵀ, A2 = Σ x_{t−1} x_{t−1}ᵀ summed, per random-effects
 * group, over the rows sharing a key (Δ, stratum of t, stratum of t − 1); a first time
 * contributes x xᵀ/s² (F, per stratum). The sums are made once; they pay off when the keys are
 * few (equally spaced or regularly missing times), which `buildLagSums` checks.
 */
import type { ResidualLayout } from "./layout";

export interface LagSums {
  readonly keys: readonly { readonly gap: number; readonly st: number; readonly stPrev: number; readonly count: number }[];
  /** Per group, per stratum: packed x xᵀ of first rows. */
  readonly first: Float64Array;
  /** Per group, per key: packed A0, full A1 (m × m), packed A2. */
  readonly lagged: Float64Array;
  /** Rows per stratum (for Σ log s²). */
  readonly rowsPerStratum: Float64Array;
}

/** null when the data have too many distinct gaps for the sums to pay off. */
export function buildLagSums(layout: ResidualLayout, markov: boolean): LagSums | null {
  const { m, n, segmentStart, groupStart, time, stratum, data } = layout;
  const nStrata = layout.strata.length;
  // key of each non-first row: (gap, stratum, previous stratum), numbered in order of appearance
  const byGap = new Map<number, Int32Array>();
  const keys: { gap: number; st: number; stPrev: number; count: number }[] = [];
  const keyOfRow = new Int32Array(n).fill(-1);
  if (markov) {
    for (let k = 0; k + 1 < segmentStart.length; ++k) {
      for (let s = segmentStart[k] + 1; s < segmentStart[k + 1]; ++s) {
        const gap = time[s] - time[s - 1];
        let pairs = byGap.get(gap);
        if (!pairs) {
          pairs = new Int32Array(nStrata * nStrata).fill(-1);
          byGap.set(gap, pairs);
        }
        const pair = stratum[s] * nStrata + stratum[s - 1];
        if (pairs[pair] < 0) {
          if (keys.length >= 8) return null;
          pairs[pair] = keys.length;
          keys.push({ gap, st: stratum[s], stPrev: stratum[s - 1], count: 0 });
        }
        keyOfRow[s] = pairs[pair];
        keys[pairs[pair]].count += 1;
      }
    }
  }
  const groups = groupStart.length - 1;
  const packed = (m * (m + 1)) / 2;
  const perKey = 2 * packed + m * m;
  if (groups * (nStrata * packed + keys.length * perKey) > 2 * n * packed) return null;
  const first = new Float64Array(groups * nStrata * packed);
  const lagged = new Float64Array(groups * keys.length * perKey);
  const rowsPerStratum = new Float64Array(nStrata);
  let g = 0;
  for (let k = 0; k + 1 < segmentStart.length; ++k) {
    const a = segmentStart[k];
    while (groupStart[g + 1] <= a) ++g;
    for (let s = a; s < segmentStart[k + 1]; ++s) {
      rowsPerStratum[stratum[s]] += 1;
      const x = s * m;
      if (!markov || s === a) {
        addPacked(first, (g * nStrata + stratum[s]) * packed, data, x, x, m);
        continue;
      }
      const key = keyOfRow[s];
      const base = (g * keys.length + key) * perKey;
      const prev = x - m;
      addPacked(lagged, base, data, x, x, m);
      for (let i = 0; i < m; ++i) for (let j = 0; j < m; ++j) lagged[base + packed + i * m + j] += data[x + i] * data[prev + j];
      addPacked(lagged, base + packed + m * m, data, prev, prev, m);
    }
  }
  return { keys, first, lagged, rowsPerStratum };
}

function addPacked(out: Float64Array, base: number, data: Float64Array, a: number, b: number, m: number): void {
  let t = base;
  for (let i = 0; i < m; ++i) for (let j = 0; j <= i; ++j) out[t++] += data[a + i] * data[b + j];
}

/** The per-group packed whitened cross-products from the sums; returns Σ log|Λ_i| (NaN if not positive definite). */
export function gramFromLagSums(
  sums: LagSums,
  layout: ResidualLayout,
  phi: number,
  sd: Float64Array,
  logSd: Float64Array,
  gram: Float64Array,
): number {
  const { m } = layout;
  const packed = (m * (m + 1)) / 2;
  const perKey = 2 * packed + m * m;
  const nStrata = sd.length;
  const groups = layout.groupStart.length - 1;
  let logDet = 0;
  for (let st = 0; st < nStrata; ++st) logDet += 2 * logSd[st] * sums.rowsPerStratum[st];
  const nk = sums.keys.length;
  const w0 = new Float64Array(nk);
  const w1 = new Float64Array(nk);
  const w2 = new Float64Array(nk);
  for (let k = 0; k < nk; ++k) {
    const { gap, st, stPrev, count } = sums.keys[k];
    const r = Math.pow(phi, gap);
    const oneMinus = 1 - r * r;
    if (!(oneMinus > 0)) return NaN;
    logDet += count * Math.log(oneMinus);
    const c2 = 1 / oneMinus;
    w0[k] = c2 / (sd[st] * sd[st]);
    w1[k] = (-c2 * r) / (sd[st] * sd[stPrev]);
    w2[k] = (c2 * r * r) / (sd[stPrev] * sd[stPrev]);
  }
  const inv2 = Float64Array.from(sd, (v) => 1 / (v * v));
  const { first, lagged } = sums;
  for (let g = 0; g < groups; ++g) {
    const out = g * packed;
    for (let t = 0; t < packed; ++t) {
      let v = 0;
      for (let st = 0; st < nStrata; ++st) v += first[(g * nStrata + st) * packed + t] * inv2[st];
      gram[out + t] = v;
    }
    for (let k = 0; k < nk; ++k) {
      const base = (g * nk + k) * perKey;
      const a1 = base + packed;
      const a2 = a1 + m * m;
      let t = 0;
      for (let i = 0; i < m; ++i) {
        for (let j = 0; j <= i; ++j) {
          gram[out + t] += w0[k] * lagged[base + t] + w1[k] * (lagged[a1 + i * m + j] + lagged[a1 + j * m + i]) + w2[k] * lagged[a2 + t];
          ++t;
        }
      }
    }
  }
  return logDet;
}
