// Comparisons in formula expressions, checked against R 4.2:
//   deparse(quote(I(Days>=4)))        # "I(Days >= 4)"   (likewise <=, ==, !=, <, >)
//   deparse(quote(I((Days>4))))       # "I((Days > 4))"
//   (Reaction > 250 ~ Days)[[2]]      # Reaction > 250   (comparison binds tighter than ~)
//   parse(text = "1 < 2 < 3")         # Error: unexpected '<'   (comparisons are %nonassoc)
//   x <- c(1, 2, NA, 4); x > 1; z <- c(0, 5, 1, 1)
//   x > 1; x + 1 > 2 * z; x == 2; x != 2; (x > 1) * 10   # NA propagates
//   colnames(model.matrix(~ as.numeric(Days > 4), sleepstudy))  # "(Intercept)" "as.numeric(Days > 4)"
import { test } from "node:test";
import assert from "node:assert/strict";
import type { DataTable } from "../../../app/data/column";
import {
  evaluateExpression,
  expressionColumns,
  formatFormula,
  isLogicalExpression,
  parseExpression,
  parseFormula,
} from "../../../app/formula";

const table: DataTable = {
  nrow: 4,
  columns: [
    { kind: "number", name: "x", values: Float64Array.from([1, 2, NaN, 4]) },
    { kind: "number", name: "z", values: Float64Array.from([0, 5, 1, 1]) },
    { kind: "categorical", name: "g", codes: Int32Array.from([0, 1, 0, 1]), levels: ["a", "b"] },
  ],
};

function values(source: string): number[] {
  return Array.from(evaluateExpression(parseExpression(source), table));
}

test("comparisons evaluate to 1/0, NA (NaN) where a side is missing, as R's logicals", () => {
  assert.deepEqual(values("x > 1"), [0, 1, NaN, 1]);
  assert.deepEqual(values("x + 1 > 2 * z"), [1, 0, NaN, 1]);
  assert.deepEqual(values("x >= 2"), [0, 1, NaN, 1]);
  assert.deepEqual(values("x < 2"), [1, 0, NaN, 0]);
  assert.deepEqual(values("x <= 2"), [1, 1, NaN, 0]);
  assert.deepEqual(values("x == 2"), [0, 1, NaN, 0]);
  assert.deepEqual(values("x != 2"), [1, 0, NaN, 1]);
  assert.deepEqual(values("as.numeric(z > 0)"), [0, 1, 1, 1]);
  assert.deepEqual(values("(x > 1) * 10"), [0, 10, NaN, 10]);
  assert.deepEqual(expressionColumns(parseExpression("I(x > z)")), ["x", "z"]);
});

test("comparisons bind more loosely than arithmetic and print as R deparses them", () => {
  const formula = parseFormula("y~I(x+1>2*z)+I(x>=4)+I(x<=4)+I(x==4)+I(x!=4)+I(x<4)+I((x>4))+(1|g)");
  assert.equal(
    formatFormula(formula),
    "y ~ I(x + 1 > 2 * z) + I(x >= 4) + I(x <= 4) + I(x == 4) + I(x != 4) + I(x < 4) + I((x > 4)) + (1 | g)",
  );
  const expr = parseExpression("x + 1 > 2 * z");
  assert.equal(expr.kind, "compare");
  if (expr.kind === "compare") {
    assert.equal(expr.left.kind, "binary");
    assert.equal(expr.right.kind, "binary");
  }
});

test("a comparison is a valid outcome, with or without I()", () => {
  const bare = parseFormula("TICKS > 0 ~ YEAR + (1 | LOCATION)");
  assert.equal(bare.response?.kind, "expression");
  assert.equal(formatFormula(bare), "TICKS > 0 ~ YEAR + (1 | LOCATION)");
  assert.equal(formatFormula(parseFormula("I(TICKS > 0) ~ YEAR + (1 | LOCATION)")), "I(TICKS > 0) ~ YEAR + (1 | LOCATION)");
});

test("only a comparison itself, in parentheses or I(), is R's logical", () => {
  for (const s of ["x > 1", "(x > 1)", "I(x > 1)", "I((x == 1))"]) assert.equal(isLogicalExpression(parseExpression(s)), true, s);
  for (const s of ["as.numeric(x > 1)", "I((x > 1) * 2)", "log(x)", "x"]) assert.equal(isLogicalExpression(parseExpression(s)), false, s);
});

test("misused comparisons give plain-words errors", () => {
  assert.throws(() => parseExpression("x < z < 3"), /comparisons cannot be chained/);
  assert.throws(() => parseFormula("y ~ x > 0 + (1 | g)"), /Unexpected '>' at position 7.*inside I\(\.\.\.\), as in I\(x > 0\)/);
  assert.throws(() => parseFormula("y ~ I(x = 0) + (1 | g)"), /to compare, write '==', as in I\(x == 0\)/);
  assert.throws(() => values("g == 1"), /Column 'g' holds categories \(text\), so g == 1 cannot be computed: comparisons with '==' need number columns/);
  assert.throws(() => values("x > q"), /no column called 'q'/);
});
