/**
 * Standardized effect sizes of pairwise comparisons, as emmeans' eff_size(emm, sigma, edf)
 * (R/eff-size.R): each mean is divided by σ, and σ's own uncertainty enters through log σ with
 * SE √(1 / (2·edf)) (σ² taken as proportional to a χ² with edf df), independent of the means.
 *
 * emmeans does this on the log scale of |mᵢ| and maps back with the delta method, so with
 * tᵢ = |mᵢ|/σ (1/σ for a mean that is 0) and sᵢ = sign(mᵢ)·tᵢ:
 *   Cov(sᵢ, sⱼ) = Vᵢⱼ/σ² + tᵢ·tⱼ/(2·edf),
 * and a difference d = sᵢ − sⱼ has Var(d) = ℓᵀVℓ/σ² + (tᵢ − tⱼ)²/(2·edf). Note the absolute
 * values: for means of opposite sign this is emmeans' number, not (sᵢ − sⱼ)²/(2·edf).
 *
 * df: emmeans' regrid keeps the means' own df — one common value (their mean) when they differ by
 * less than 0.01 or are infinite, else a difference takes the smaller df of its two means
 * ("containment"); the interval is d ± t(1 − α/2, df)·SE, not adjusted for multiplicity, no test.
 */
import { MixwellError } from "../errors";
import { qt } from "../stats";
import type { EffectSizeRow, EffectSizes, LinearInference, MarginalMeans, PairwiseComparisons } from "./types";

export interface EffectSizeOptions {
  /** The SD that scales the differences (emmeans' `sigma`; Mixwell passes the residual SD, sigma(m)). */
  readonly sigma: number;
  /** Equivalent df of σ (emmeans' `edf`; Mixwell's default is df.residual(m)); Infinity treats σ as known. */
  readonly edf: number;
  /** How σ and edf were chosen, for the table note. */
  readonly edfSource: EffectSizes["edfSource"];
  readonly level?: number;
}

export function effectSizes(means: MarginalMeans, inference: LinearInference, pairs: PairwiseComparisons, options: EffectSizeOptions): EffectSizes {
  const { sigma, edf } = options;
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new MixwellError("Effect sizes need a positive residual standard deviation.");
  if (!(edf > 0)) throw new MixwellError("The equivalent degrees of freedom of σ (edf) must be a positive number.");
  const level = options.level ?? pairs.level;
  const n = means.rows.length;
  const covOf = covariance(means.L, inference);
  // |m|/σ, with a mean of 0 counted as 1/σ in the variance (emmeans' eff_size does so).
  const t = means.rows.map((r) => (Math.abs(r.estimate) < 1e-15 ? 1 : Math.abs(r.estimate)) / sigma);
  const s = means.rows.map((r) => r.estimate / sigma);
  const sigmaVariance = edf === Infinity ? 0 : 1 / (2 * edf);
  const dfOf = regridDf(means.rows.map((r) => r.df));
  const rows: EffectSizeRow[] = [];
  // The same pairs, in the same order, as the comparisons (i − j within each by group).
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const k = JSON.stringify(means.by.map((b) => means.rows[i].levels[b]));
    groups.set(k, [...(groups.get(k) ?? []), i]);
  }
  let c = 0;
  for (const members of groups.values()) {
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const i = members[a];
        const j = members[b];
        const v = (covOf(i, i) + covOf(j, j) - 2 * covOf(i, j)) / sigma ** 2 + (t[i] - t[j]) ** 2 * sigmaVariance;
        const d = s[i] - s[j];
        const se = Math.sqrt(v);
        const df = dfOf(i, j);
        const half = qt(1 - (1 - level) / 2, df) * se;
        const pair = pairs.rows[c++];
        rows.push({ contrast: pair.contrast, by: pair.by, estimate: d, se, df, lower: d - half, upper: d + half });
      }
    }
  }
  return { sigma, edf, edfSource: options.edfSource, level, rows };
}

/** Cov(ℓᵢᵀβ̂, ℓⱼᵀβ̂) of the means' rows, memoised. */
function covariance(L: readonly Float64Array[], inference: LinearInference): (i: number, j: number) => number {
  const { p, vcov } = inference;
  const vl = L.map((l) => {
    const out = new Float64Array(p);
    for (let c = 0; c < p; c++) {
      if (l[c] === 0) continue;
      for (let r = 0; r < p; r++) out[r] += vcov[r + c * p] * l[c];
    }
    return out;
  });
  return (i, j) => L[i].reduce((sum, x, k) => sum + x * vl[j][k], 0);
}

/** emmeans' regrid df: a common value when the means' df agree within 0.01 (or any is infinite), else the smaller of the two. */
function regridDf(df: readonly number[]): (i: number, j: number) => number {
  const finite = df.every((d) => Number.isFinite(d));
  const range = finite ? Math.max(...df) - Math.min(...df) : NaN;
  if (!finite || range < 0.01) {
    const common = df.reduce((a, b) => a + b, 0) / df.length;
    return () => common;
  }
  return (i, j) => Math.min(df[i], df[j]);
}
