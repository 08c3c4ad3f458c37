/**
 * Simple-effect F tests (emmeans' joint_tests(model, by = …), i.e. test(contrast(emmeans(m, ~ a | b),
 * "consec"), joint = TRUE)): within each by group, the joint test that all spec means are equal,
 * with the consecutive differences ℓᵢ₊₁ − ℓᵢ as L (F and its df do not depend on the basis).
 */
import type { LinearInference, MarginalMeans, SimpleEffectTest } from "./types";

export function simpleEffectTests(means: MarginalMeans, inference: LinearInference): SimpleEffectTest[] {
  const groups = new Map<string, number[]>();
  means.rows.forEach((row, i) => {
    const key = JSON.stringify(means.by.map((b) => row.levels[b]));
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.values()].map((members) => {
    const rows = members.slice(1).map((m, k) => means.L[m].map((x, j) => x - means.L[members[k]][j]));
    const by = Object.fromEntries(means.by.map((b) => [b, means.rows[members[0]].levels[b]]));
    return { by, effect: [...means.specs], ...inference.jointTest(rows) };
  });
}
