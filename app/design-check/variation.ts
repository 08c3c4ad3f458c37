/** Which predictors take more than one value inside the groups of a grouping factor. */
import type { FactorVariable, Variable } from "../engine/model-frame/variables";
import type { WithinGroupVariation } from "./types";

/** Number of levels of `group` in which `v` takes at least two distinct values. */
export function groupsWhereVarying(v: Variable, group: FactorVariable): number {
  const first = new Float64Array(group.levels.length).fill(NaN);
  const varying = new Uint8Array(group.levels.length);
  for (let i = 0; i < group.codes.length; i++) {
    const g = group.codes[i];
    const x = v.kind === "factor" ? v.codes[i] : v.values[i];
    if (Number.isNaN(first[g])) first[g] = x;
    else if (first[g] !== x) varying[g] = 1;
  }
  return varying.reduce((s, x) => s + x, 0);
}

export function withinGroupVariation(name: string, group: FactorVariable, predictors: readonly Variable[]): WithinGroupVariation[] {
  return predictors.map((v) => {
    const groupsVarying = groupsWhereVarying(v, group);
    return { group: name, predictor: v.name, groupsVarying, groups: group.levels.length, varies: groupsVarying > 0 };
  });
}

/** Does any of `predictors` vary inside the cells (combinations) of two grouping factors? */
export function variesWithinCells(a: FactorVariable, b: FactorVariable, predictors: readonly Variable[]): boolean {
  const nb = b.levels.length;
  const index = new Map<number, number>();
  const codes = new Int32Array(a.codes.length);
  for (let i = 0; i < codes.length; i++) {
    const key = a.codes[i] * nb + b.codes[i];
    if (!index.has(key)) index.set(key, index.size);
    codes[i] = index.get(key)!;
  }
  const cells: FactorVariable = { kind: "factor", name: "cells", codes, levels: Array.from({ length: index.size }, (_, i) => String(i)) };
  return predictors.some((v) => groupsWhereVarying(v, cells) > 0);
}
