/**
 * Multiplicity adjustment of a family of t tests and their confidence intervals, as emmeans'
 * summary.emmGrid does for pairwise comparisons:
 *
 * - tukey: p = P(Q > √2·|t|) for the studentized range of k means with each test's df
 *   (ptukey), intervals ± qtukey(level, k, df)/√2 · SE;
 * - holm: Holm's step-down p-values (p.adjust), intervals as Bonferroni (emmeans does so);
 * - bonferroni: p·m capped at 1, intervals ± qt(1 − (1 − level)/(2m), df) · SE;
 * - none: unadjusted.
 */
import { MixwellError } from "../errors";
import { pt, ptukey, qt, qtukey } from "../stats";

export type Adjustment = "tukey" | "holm" | "bonferroni" | "none";
export const ADJUSTMENTS: readonly Adjustment[] = ["tukey", "holm", "bonferroni", "none"];

export function parseAdjustment(text: string): Adjustment {
  const a = text.toLowerCase();
  if ((ADJUSTMENTS as readonly string[]).includes(a)) return a as Adjustment;
  throw new MixwellError(`Unknown adjustment '${text}': use tukey, holm, bonferroni or none.`);
}

export interface TestInput {
  readonly t: number;
  readonly df: number;
}

/** Adjusted two-sided p-values of one family; `means` is the number of means compared (Tukey). */
export function adjustPValues(tests: readonly TestInput[], adjust: Adjustment, means: number): number[] {
  const raw = tests.map((x) => 2 * pt(Math.abs(x.t), x.df, false));
  const m = tests.length;
  switch (adjust) {
    case "none":
      return raw;
    case "bonferroni":
      return raw.map((p) => Math.min(1, p * m));
    case "tukey":
      return tests.map((x) => ptukey(Math.SQRT2 * Math.abs(x.t), means, x.df, 1, false));
    case "holm":
      return holm(raw);
  }
}

/** R's p.adjust(method = "holm"): pmin(1, cummax((m − i + 1)·p₍ᵢ₎)) in the original order. */
function holm(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, (m - rank) * p[idx]);
    out[idx] = Math.min(1, running);
  });
  return out;
}

/** Half-width multiplier of the confidence interval of one member of the family. */
export function intervalMultiplier(adjust: Adjustment, level: number, df: number, family: number, means: number): number {
  switch (adjust) {
    case "none":
      return qt(1 - (1 - level) / 2, df);
    case "tukey":
      return qtukey(level, means, df) / Math.SQRT2;
    case "holm":
    case "bonferroni":
      return qt(1 - (1 - level) / (2 * family), df);
  }
}
