/**
 * The rows and variables a model would use, evaluated as the model frame does (every formula
 * variable on the whole table, then complete cases, unused levels dropped) but without lme4's
 * identifiability checks, which the design check reports in words instead of throwing.
 */
import type { DataTable } from "../data/column";
import type { Expr, ExpandedFormula } from "../formula";
import { formatExpression } from "../formula";
import { asFactor, interactionFactor } from "../engine/model-frame/grouping";
import { evaluateVariable, isMissing, subsetVariable } from "../engine/model-frame/variables";
import type { FactorVariable, Variable } from "../engine/model-frame/variables";

export interface ModelRows {
  readonly n: number;
  readonly dropped: number;
  /** A formula variable on the model rows, by expression. */
  variableOf(expr: Expr): Variable;
  /** Grouping factors by lme4's name ("V:B"), in formula order, each once. */
  readonly groupings: ReadonlyMap<string, FactorVariable>;
}

export function modelRows(table: DataTable, expanded: ExpandedFormula, categorical: ReadonlySet<string>): ModelRows {
  const exprs = new Map<string, Expr>();
  const add = (e: Expr): void => void (exprs.has(formatExpression(e)) || exprs.set(formatExpression(e), e));
  const r = expanded.response;
  if (r.kind === "expression") add(r.expr);
  else [r.successes, r.failures].forEach(add);
  expanded.fixed.variables.forEach(add);
  expanded.offsets.forEach(add);
  for (const spec of expanded.random) [...spec.effects.variables, ...spec.grouping].forEach(add);

  const full = new Map<string, Variable>();
  for (const [name, e] of exprs) full.set(name, evaluateVariable(table, e, categorical));
  const keep: number[] = [];
  for (let i = 0; i < table.nrow; i++) {
    let complete = true;
    for (const v of full.values()) if (isMissing(v, i)) complete = false;
    if (complete) keep.push(i);
  }
  const rows = Int32Array.from(keep);
  const model = new Map<string, Variable>();
  for (const [name, v] of full) model.set(name, subsetVariable(v, rows));
  const variableOf = (e: Expr): Variable => model.get(formatExpression(e))!;
  const groupings = new Map<string, FactorVariable>();
  for (const spec of expanded.random) {
    if (groupings.has(spec.groupName)) continue;
    groupings.set(spec.groupName, interactionFactor(spec.groupName, spec.grouping.map((e) => asFactor(variableOf(e)))));
  }
  return { n: rows.length, dropped: table.nrow - rows.length, variableOf, groupings };
}
