/**
 * Pairwise comparisons of marginal means (emmeans' pairs(), "pairwise" contrasts): within each
 * by group, every difference mᵢ − mⱼ (i < j, in row order) as the contrast ℓᵢ − ℓⱼ, with the
 * df of that contrast, and p-values and intervals adjusted within the group.
 */
import type { LinkName } from "../engine/glmm";
import type { Adjustment } from "./adjust";
import { adjustPValues, intervalMultiplier } from "./adjust";
import { estimate } from "./marginal-means";
import { ratioScale } from "./response-scale";
import type { ContrastRow, LinearInference, MarginalMeans, PairwiseComparisons } from "./types";

/** With `ratioLink` (a GLMM's log or logit link), each comparison also carries its ratio form. */
export function pairwiseComparisons(means: MarginalMeans, inference: LinearInference, adjust: Adjustment, level = means.level, ratioLink?: LinkName): PairwiseComparisons {
  const groups = new Map<string, number[]>();
  means.rows.forEach((row, i) => {
    const key = JSON.stringify(means.by.map((b) => row.levels[b]));
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const rows: ContrastRow[] = [];
  let familySize = 0;
  let meansPerFamily = 0;
  for (const members of groups.values()) {
    const family = comparisonsOf(means, inference, members);
    familySize = family.length;
    meansPerFamily = members.length;
    const p = adjustPValues(family, adjust, members.length);
    family.forEach(({ left, right, ...c }, i) => {
      const half = intervalMultiplier(adjust, level, c.df, family.length, members.length) * c.se;
      const row = { ...c, p: p[i], lower: c.estimate - half, upper: c.estimate + half };
      const ratio = ratioLink ? ratioScale(row, ratioLink, left, right) : undefined;
      rows.push(ratio ? { ...row, ratio } : row);
    });
  }
  return { of: means, adjust, level, rows, note: adjustmentNote(adjust, meansPerFamily, familySize) };
}

type Unadjusted = Omit<ContrastRow, "p" | "lower" | "upper" | "ratio"> & { left: string; right: string };

function comparisonsOf(means: MarginalMeans, inference: LinearInference, members: readonly number[]): Unadjusted[] {
  const out: Unadjusted[] = [];
  const by = Object.fromEntries(means.by.map((b) => [b, means.rows[members[0]].levels[b]]));
  const numeric = new Set(means.specs.filter((s) => means.rows.every((r) => isNumberLike(r.levels[s]))));
  // emmeans prefixes number-like levels with the factor's name ("period1 - period2", not "1 - 2").
  const label = (i: number) => means.specs.map((s) => (numeric.has(s) ? s : "") + means.rows[i].levels[s]).join(" ");
  for (let a = 0; a < members.length; a++) {
    for (let b = a + 1; b < members.length; b++) {
      const i = members[a];
      const j = members[b];
      const l = means.L[i].map((x, k) => x - means.L[j][k]);
      const e = estimate(inference, l, means.level);
      out.push({ contrast: `${label(i)} - ${label(j)}`, left: label(i), right: label(j), by, estimate: e.estimate, se: e.se, df: e.df, t: e.estimate / e.se });
    }
  }
  return out;
}

const isNumberLike = (text: string) => text.trim() !== "" && Number.isFinite(Number(text));

function adjustmentNote(adjust: Adjustment, means: number, tests: number): string {
  switch (adjust) {
    case "tukey":
      return `P values and intervals adjusted by Tukey's method for comparing a family of ${means} estimates.`;
    case "holm":
      return `P values adjusted by Holm's method for ${tests} tests; intervals by Bonferroni's for ${tests} estimates.`;
    case "bonferroni":
      return `P values and intervals adjusted by Bonferroni's method for ${tests} tests.`;
    case "none":
      return "No adjustment for multiple comparisons.";
  }
}
