/**
 * Grouping factors from the data: group sizes, and how two grouping factors relate — nested
 * (each level of one occurs inside a single level of the other), fully crossed (every
 * combination occurs) or partially crossed.
 */
import type { FactorVariable } from "../engine/model-frame/variables";
import type { GroupingRelation, GroupingSummary } from "./types";

export function summarizeGrouping(name: string, factor: FactorVariable): GroupingSummary {
  const counts = new Array<number>(factor.levels.length).fill(0);
  for (let i = 0; i < factor.codes.length; i++) counts[factor.codes[i]]++;
  const sorted = [...counts].sort((a, b) => a - b);
  const m = sorted.length;
  const median = m === 0 ? 0 : m % 2 ? sorted[(m - 1) / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
  return {
    name,
    levels: m,
    minPerLevel: sorted[0] ?? 0,
    medianPerLevel: median,
    maxPerLevel: sorted[m - 1] ?? 0,
    singleRowLevels: counts.filter((c) => c === 1).length,
  };
}

/** Is every level of `inner` seen with one level of `outer` only? */
export function isNestedIn(inner: FactorVariable, outer: FactorVariable): boolean {
  const parent = new Int32Array(inner.levels.length).fill(-1);
  for (let i = 0; i < inner.codes.length; i++) {
    const c = inner.codes[i];
    if (parent[c] < 0) parent[c] = outer.codes[i];
    else if (parent[c] !== outer.codes[i]) return false;
  }
  return true;
}

function observedCells(a: FactorVariable, b: FactorVariable): number {
  const cells = new Set<number>();
  const nb = b.levels.length;
  for (let i = 0; i < a.codes.length; i++) cells.add(a.codes[i] * nb + b.codes[i]);
  return cells.size;
}

export function relateGroupings(a: string, fa: FactorVariable, b: string, fb: FactorVariable): GroupingRelation {
  const aInB = isNestedIn(fa, fb);
  const bInA = isNestedIn(fb, fa);
  const cells = observedCells(fa, fb);
  const rowsPerCell = fa.codes.length / cells;
  if (aInB && bInA) {
    return { a, b, kind: "same", rowsPerCell, message: `'${a}' and '${b}' define the same groups; one of them is redundant` };
  }
  if (aInB || bInA) {
    const [inner, outer] = aInB ? [a, b] : [b, a];
    return { a, b, kind: "nested", inner, outer, rowsPerCell, message: `'${inner}' is nested in '${outer}': each ${inner} belongs to one ${outer}` };
  }
  const full = cells === fa.levels.length * fb.levels.length;
  const kind = full ? "crossed" : "partially crossed";
  const how = full ? "every combination occurs" : `${cells} of ${fa.levels.length * fb.levels.length} combinations occur`;
  return { a, b, kind, rowsPerCell, message: `'${a}' and '${b}' are ${kind} (${how})` };
}
