/**
 * Arithmetic expressions over table columns: printing them as R deparses them (the printed text
 * is also the variable's name in the model, as in R) and evaluating them to a numeric column.
 * Comparisons (`x > 0`) evaluate to 1/0, NaN where a side is missing (R's TRUE/FALSE/NA);
 * isLogicalExpression says when the result is R's logical rather than a number.
 */
import { MixwellError } from "../errors";
import type { DataTable } from "../data/column";
import type { ComparisonOperator, Expr } from "./ast";
import { requireColumn } from "./column-lookup";
import { formatRNumber } from "./format-number";
import { quoteName } from "./names";


/** The expression as R's deparse() prints it: `log(x)`, `I(x^2)`, `I((x + 1) * 2/3)`. */
export function formatExpression(expr: Expr): string {
  switch (expr.kind) {
    case "column":
      return quoteName(expr.name);
    case "number":
      return formatRNumber(expr.value);
    case "call":
      return `${expr.fn}(${expr.args.map(formatExpression).join(", ")})`;
    case "unary":
      return expr.op + formatExpression(expr.operand);
    case "binary": {
      const spaced = expr.op === "+" || expr.op === "-" || expr.op === "*";
      const op = spaced ? ` ${expr.op} ` : expr.op;
      return formatExpression(expr.left) + op + formatExpression(expr.right);
    }
    case "compare":
      return `${formatExpression(expr.left)} ${expr.op} ${formatExpression(expr.right)}`;
    case "paren":
      return `(${formatExpression(expr.inner)})`;
    case "poly": {
      const args = expr.args.map((a) => (a.name ? `${a.name} = ${a.text}` : a.text));
      return `poly(${[formatExpression(expr.x), ...args].join(", ")})`;
    }
  }
}

/** Names of the columns an expression reads, in order of first use. */
export function expressionColumns(expr: Expr): string[] {
  const names: string[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === "column") {
      if (!names.includes(e.name)) names.push(e.name);
    } else if (e.kind === "call") e.args.forEach(visit);
    else if (e.kind === "unary") visit(e.operand);
    else if (e.kind === "binary" || e.kind === "compare") {
      visit(e.left);
      visit(e.right);
    } else if (e.kind === "paren") visit(e.inner);
    else if (e.kind === "poly") visit(e.x);
  };
  visit(expr);
  return names;
}

/**
 * Evaluate `expr` on every row of `table`. Missing values (NaN) propagate. A categorical column
 * cannot take part in arithmetic; a function applied outside its domain (log of a negative
 * number) is an error naming the row rather than a silent NaN.
 */
export function evaluateExpression(expr: Expr, table: DataTable): Float64Array {
  switch (expr.kind) {
    case "column": {
      const column = requireColumn(table, expr.name);
      if (column.kind !== "number") {
        throw new MixwellError(`Column '${expr.name}' holds categories, so it cannot be used in arithmetic`);
      }
      return Float64Array.from(column.values);
    }
    case "number":
      return new Float64Array(table.nrow).fill(expr.value);
    case "paren":
      return evaluateExpression(expr.inner, table);
    case "unary": {
      const values = evaluateExpression(expr.operand, table);
      if (expr.op === "-") for (let i = 0; i < values.length; i++) values[i] = -values[i];
      return values;
    }
    case "binary":
      return binary(expr.op, evaluateExpression(expr.left, table), evaluateExpression(expr.right, table));
    case "compare":
      return compare(expr.op, comparedSide(expr.left, expr, table), comparedSide(expr.right, expr, table));
    case "call":
      return call(expr, evaluateExpression(expr.args[0], table));
    case "poly":
      // Several columns, computed from all rows at once: the model frame builds them (poly.ts there).
      throw new MixwellError(`${formatExpression(expr)} has several columns and can only be used as a model term`);
  }
}

function binary(op: string, a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : op === "/" ? x / y : Math.pow(x, y);
  }
  return out;
}

/**
 * Whether R would give a logical vector: a comparison, possibly in parentheses or I(...).
 * Anything computed from it (`as.numeric(x > 0)`, `(x > 0) * 2`) is a number, as in R.
 */
export function isLogicalExpression(expr: Expr): boolean {
  if (expr.kind === "compare") return true;
  if (expr.kind === "paren") return isLogicalExpression(expr.inner);
  if (expr.kind === "call" && expr.fn === "I") return isLogicalExpression(expr.args[0]);
  return false;
}

/** One side of a comparison; a column of categories gets a message about comparing, not arithmetic. */
function comparedSide(side: Expr, expr: Extract<Expr, { kind: "compare" }>, table: DataTable): Float64Array {
  const inner = side.kind === "paren" ? side.inner : side;
  if (inner.kind === "column" && requireColumn(table, inner.name).kind !== "number") {
    throw new MixwellError(
      `Column '${inner.name}' holds categories (text), so ${formatExpression(expr)} cannot be computed: ` +
        "comparisons with '" + expr.op + "' need number columns",
    );
  }
  return evaluateExpression(side, table);
}

/** 1 for TRUE, 0 for FALSE, NaN (R's NA) when either side is missing. */
function compare(op: ComparisonOperator, a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) || Number.isNaN(y)) {
      out[i] = NaN;
      continue;
    }
    const holds =
      op === ">" ? x > y : op === "<" ? x < y : op === ">=" ? x >= y : op === "<=" ? x <= y : op === "==" ? x === y : x !== y;
    out[i] = holds ? 1 : 0;
  }
  return out;
}

const ELEMENTWISE: Record<string, (x: number) => number> = {
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
  "as.numeric": (x) => x,
  I: (x) => x,
};

function call(expr: Extract<Expr, { kind: "call" }>, values: Float64Array): Float64Array {
  if (expr.fn === "scale") return scale(values);
  const f = ELEMENTWISE[expr.fn];
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = f(values[i]);
    if (Number.isNaN(out[i]) && !Number.isNaN(values[i])) {
      throw new MixwellError(
        `${formatExpression(expr)} cannot be computed for row ${i + 1}: ${expr.fn}() of ${formatRNumber(values[i])} is undefined`,
      );
    }
  }
  return out;
}

/** R's scale(x): centre by the mean and divide by the standard deviation of the non-missing values. */
function scale(values: Float64Array): Float64Array {
  let count = 0;
  let sum = 0;
  for (const v of values) if (!Number.isNaN(v)) {
    count++;
    sum += v;
  }
  const mean = sum / count;
  let squares = 0;
  for (const v of values) if (!Number.isNaN(v)) squares += (v - mean) * (v - mean);
  const sd = Math.sqrt(squares / (count - 1));
  return values.map((v) => (v - mean) / sd);
}
