/**
 * The fixed-effects design X: R's model.matrix of the fixed terms, then lme4's removal of
 * rank-deficient columns (with a warning naming them).
 */
import { MixwellError } from "../../errors";
import type { ModelTerms } from "../../formula";
import { formatRNumber } from "../../formula";
import type { ContrastKind } from "./contrasts";
import { buildDesign } from "./design";
import { rankDeficientColumns } from "./rank";
import type { FixedDesign } from "./types";
import type { Variable } from "./variables";

export function buildFixedDesign(
  terms: ModelTerms,
  variables: readonly Variable[],
  n: number,
  contrasts: ContrastKind,
): { fixed: FixedDesign; warnings: string[] } {
  if (terms.intercept) for (const v of variables) requireVarying(v);
  const design = buildDesign(terms, variables, n, contrasts);
  const droppedIndex = new Set(rankDeficientColumns(design.columns.map((c) => c.values)));
  const kept = design.columns.filter((_, j) => !droppedIndex.has(j));
  const p = kept.length;
  const X = new Float64Array(n * p);
  kept.forEach((c, j) => X.set(c.values, j * n));
  const dropped = design.columns.filter((_, j) => droppedIndex.has(j)).map((c) => c.name);
  const warnings =
    dropped.length === 0
      ? []
      : [
          `The fixed-effect design is rank deficient: ${dropped.join(", ")} ${dropped.length === 1 ? "is a linear combination" : "are linear combinations"} of other columns and ${dropped.length === 1 ? "was" : "were"} dropped (as lme4 does)`,
        ];
  const fixed: FixedDesign = {
    X,
    n,
    p,
    names: kept.map((c) => c.name),
    assign: Int32Array.from(design.assign.filter((_, j) => !droppedIndex.has(j))),
    termLabels: design.termLabels,
    dropped,
    hasIntercept: design.hasIntercept,
    contrasts,
    terms: design.terms,
    variables: Object.fromEntries(variables.map((v) => [v.name, v])),
  };
  return { fixed, warnings };
}

/** A number that never changes cannot be told apart from the intercept. */
function requireVarying(variable: Variable): void {
  if (variable.kind !== "numeric" || variable.values.length === 0) return;
  const first = variable.values[0];
  if (variable.values.every((v) => v === first)) {
    throw new MixwellError(
      `'${variable.name}' has the same value (${formatRNumber(first)}) in every row used, so its effect cannot be estimated`,
    );
  }
}
