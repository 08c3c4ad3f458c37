/**
 * Computed columns: a new number column from an expression over the table — `log(rt)`,
 * `rt / 1000`, `x - mean(x)`, `scale(x)` — parsed and evaluated by the formula parser's
 * arithmetic (app/formula), so a computed column means exactly what the same expression means
 * in a model formula. Summaries of one column (`mean(x)`, `sd(x)`, `median(x)`, over its
 * non-missing values, as R's with na.rm = TRUE) are replaced by their value first: they belong
 * to computed columns, not to the formula language, where a data-dependent constant would change
 * what emmeans and predictions mean.
 */
import { MixwellError } from "../errors";
import { evaluateExpression, parseExpression, requireColumn } from "../formula";
import type { DataTable } from "./column";
import type { PlainColumn } from "./plain";
import { checkNewName } from "./edit/apply";

const SUMMARY = /\b(mean|sd|median)\(\s*(`[^`]+`|[\p{L}.][\p{L}\p{N}._]*)\s*\)/gu;

/** Evaluate `expression` on every row; the column is named `name`. Throws MixwellError. */
export function computeColumn(table: DataTable, name: string, expression: string): Extract<PlainColumn, { kind: "number" }> {
  checkNewName(table, name.trim(), -1);
  if (expression.trim() === "") throw new MixwellError("Type an expression, such as log(rt) or rt / 1000.");
  const expr = parseExpression(substituteSummaries(table, expression));
  const values = evaluateExpression(expr, table);
  const infinite = values.findIndex((x) => x === Infinity || x === -Infinity);
  if (infinite >= 0) {
    throw new MixwellError(`${expression.trim()} is infinite in row ${infinite + 1} (a division by zero or log of 0?); a column cannot hold that.`);
  }
  return { kind: "number", name: name.trim(), values: Array.from(values, (x) => (Number.isNaN(x) ? null : x)) };
}

function substituteSummaries(table: DataTable, expression: string): string {
  return expression.replace(SUMMARY, (_, fn: string, raw: string) => {
    const columnName = raw.startsWith("`") ? raw.slice(1, -1) : raw;
    const column = requireColumn(table, columnName);
    if (column.kind !== "number") throw new MixwellError(`${fn}(${columnName}): '${columnName}' holds categories, not numbers.`);
    const x = summary(fn, column.values);
    if (!Number.isFinite(x)) throw new MixwellError(`${fn}(${columnName}) cannot be computed: the column has too few numbers.`);
    return `(${String(x)})`;
  });
}

function summary(fn: string, values: Float64Array): number {
  const xs = Array.from(values).filter((x) => !Number.isNaN(x));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  if (fn === "mean") return mean;
  if (fn === "sd") return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
  xs.sort((a, b) => a - b);
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}
