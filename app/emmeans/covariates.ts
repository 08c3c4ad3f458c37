/**
 * The values emmeans holds numeric covariates at: the mean of each *column*, pushed through the
 * expression the model uses (log(mean(x)), not mean(log(x))), over the model's rows. A plain
 * column is its own mean; expressions with scale() are left at the variable's mean (emmeans
 * rescales the mean of x with the data's centre, which is that mean).
 */
import { findColumn, type DataTable, type NumericColumn } from "../data/column";
import type { ModelFrame } from "../engine/model-frame";
import { evaluateExpression, expressionColumns, parseExpression, type Expr } from "../formula";

export function covariateValues(table: DataTable, frame: ModelFrame): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of Object.values(frame.fixed.variables ?? {})) {
    if (v.kind !== "numeric") continue;
    const expr = tryParse(v.name);
    if (!expr || expr.kind === "column" || usesScale(expr)) continue;
    const columns: NumericColumn[] = [];
    for (const name of expressionColumns(expr)) {
      const column = findColumn(table, name);
      if (!column || column.kind !== "number") break;
      let s = 0;
      for (let i = 0; i < frame.rowIndex.length; i++) s += column.values[frame.rowIndex[i]];
      columns.push({ kind: "number", name, values: Float64Array.of(s / frame.rowIndex.length) });
    }
    if (columns.length !== expressionColumns(expr).length) continue;
    const value = evaluateExpression(expr, { nrow: 1, columns })[0];
    if (Number.isFinite(value)) out.set(v.name, value);
  }
  return out;
}

function tryParse(name: string): Expr | null {
  try {
    return parseExpression(name);
  } catch {
    return null;
  }
}

function usesScale(e: Expr): boolean {
  switch (e.kind) {
    case "call":
      return e.fn === "scale" || e.args.some(usesScale);
    case "unary":
      return usesScale(e.operand);
    case "binary":
      return usesScale(e.left) || usesScale(e.right);
    case "paren":
      return usesScale(e.inner);
    default:
      return false;
  }
}
