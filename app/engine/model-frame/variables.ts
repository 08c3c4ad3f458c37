/**
 * Model variables: each distinct column or expression of a formula, evaluated once on the whole
 * table (as R's model.frame evaluates variables before removing incomplete rows, which is why
 * `scale(x)` uses every non-missing x), then restricted to the complete rows with unused factor
 * levels dropped (model.frame's drop.unused.levels, which lme4 uses). A comparison such as
 * `I(x > 0)` is R's logical, which model.matrix codes as a factor with both levels FALSE, TRUE
 * (even when one does not occur: `colnames(model.matrix(~ I(Days > 20), sleepstudy))` is
 * "(Intercept)" "I(Days > 20)TRUE"); as the outcome it is 0/1.
 */
import { MixwellError } from "../../errors";
import type { DataTable } from "../../data/column";
import { evaluateExpression, formatExpression, formatRNumber, isLogicalExpression, requireColumn } from "../../formula";
import type { Expr } from "../../formula";
import { polyColumns } from "./poly";
import type { PolyBasis } from "./types";

export interface FactorVariable {
  readonly kind: "factor";
  readonly name: string;
  /** Level index per row, -1 for missing. */
  readonly codes: Int32Array;
  readonly levels: readonly string[];
  /** R's logical (a comparison): levels are always ["FALSE", "TRUE"], code 1 is TRUE. */
  readonly logical?: boolean;
}

export interface NumericVariable {
  readonly kind: "numeric";
  readonly name: string;
  /** NaN for missing. */
  readonly values: Float64Array;
}

/** R's poly(x, d): `values` is x, `columns` the d basis columns (NaN where x is missing). */
export interface PolyVariable {
  readonly kind: "poly";
  readonly name: string;
  readonly source: string;
  readonly values: Float64Array;
  readonly columns: readonly Float64Array[];
  readonly basis: PolyBasis;
}

export type Variable = FactorVariable | NumericVariable | PolyVariable;

/**
 * Evaluate `expr` on the whole table. A bare column holding categories, or a number column
 * listed in `categorical`, is a factor; everything else is numeric.
 */
export function evaluateVariable(table: DataTable, expr: Expr, categorical: ReadonlySet<string>): Variable {
  const name = formatExpression(expr);
  if (expr.kind === "poly") {
    const x = evaluateExpression(expr.x, table);
    requireFinite(formatExpression(expr.x), x, expr.x.kind === "column");
    const { columns, basis } = polyColumns(x, expr.degree, expr.raw, name, formatExpression(expr.x));
    return { kind: "poly", name, source: formatExpression(expr.x), values: x, columns, basis };
  }
  if (expr.kind === "column") {
    const column = requireColumn(table, expr.name);
    if (column.kind === "categorical") return { kind: "factor", name, codes: column.codes, levels: column.levels };
    if (categorical.has(column.name)) return numberFactor(name, column.values);
  }
  const values = evaluateExpression(expr, table);
  if (isLogicalExpression(expr)) {
    const codes = Int32Array.from(values, (v) => (Number.isNaN(v) ? -1 : v));
    return { kind: "factor", name, codes, levels: ["FALSE", "TRUE"], logical: true };
  }
  requireFinite(name, values, expr.kind === "column");
  return { kind: "numeric", name, values };
}

/** R's factor(x) of a numeric x: levels in numeric order, labelled as as.character() prints. */
export function numberFactor(name: string, values: Float64Array): FactorVariable {
  const distinct = [...new Set(Array.from(values).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const codes = Int32Array.from(values, (v) => (Number.isNaN(v) ? -1 : index.get(v)!));
  return { kind: "factor", name, codes, levels: distinct.map(formatRNumber) };
}

function requireFinite(name: string, values: Float64Array, isColumn: boolean): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === Infinity || v === -Infinity) {
      const what = isColumn ? `Column '${name}' has` : `${name} is`;
      throw new MixwellError(`${what} an infinite value (${formatRNumber(v)}) in row ${i + 1}; only finite numbers can be used`);
    }
  }
}

export function isMissing(variable: Variable, row: number): boolean {
  if (variable.kind === "poly") return Number.isNaN(variable.values[row]) || variable.columns.some((c) => Number.isNaN(c[row]));
  return variable.kind === "factor" ? variable.codes[row] < 0 : Number.isNaN(variable.values[row]);
}

/** The variable restricted to `rows`, with factor levels that no longer occur removed. */
export function subsetVariable(variable: Variable, rows: Int32Array): Variable {
  const n = rows.length;
  // Every row kept: numbers need no copy (evaluateVariable made them; a 10-million-row frame
  // would otherwise hold each predictor twice). Factors are still copied: their codes are the
  // data table's own array.
  if ((variable.kind === "numeric" || variable.kind === "poly") && n === variable.values.length) return variable;
  const pick = (from: Float64Array): Float64Array => {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = from[rows[i]];
    return values;
  };
  if (variable.kind === "numeric") return { ...variable, values: pick(variable.values) };
  if (variable.kind === "poly") return { ...variable, values: pick(variable.values), columns: variable.columns.map(pick) };
  if (variable.logical) return { ...variable, codes: Int32Array.from(rows, (r) => variable.codes[r]) };
  const used = new Uint8Array(variable.levels.length);
  for (let i = 0; i < n; i++) used[variable.codes[rows[i]]] = 1;
  const recode = new Int32Array(variable.levels.length).fill(-1);
  const levels: string[] = [];
  variable.levels.forEach((label, i) => {
    if (used[i]) {
      recode[i] = levels.length;
      levels.push(label);
    }
  });
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = recode[variable.codes[rows[i]]];
  return { ...variable, codes, levels };
}
