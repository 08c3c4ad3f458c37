import { test } from "node:test";
import assert from "node:assert/strict";
import type { DataTable } from "../../../app/data/column";
import { evaluateExpression, expressionColumns, parseExpression, parseFormula, formatFormula } from "../../../app/formula";

const table: DataTable = {
  nrow: 4,
  columns: [
    { kind: "number", name: "x", values: Float64Array.from([1, 2, NaN, 4]) },
    { kind: "number", name: "Größe", values: Float64Array.from([10, 20, 30, 40]) },
    { kind: "number", name: "my col", values: Float64Array.from([2, 2, 2, 2]) },
    { kind: "categorical", name: "g", codes: Int32Array.from([0, 1, 0, 1]), levels: ["a", "b"] },
  ],
};

function values(source: string): number[] {
  return Array.from(evaluateExpression(parseExpression(source), table));
}

test("arithmetic with R's precedence; missing values propagate", () => {
  assert.deepEqual(values("-x^2 + 1"), [0, -3, NaN, -15]);
  assert.deepEqual(values("2^-1 * x"), [0.5, 1, NaN, 2]);
  assert.deepEqual(values("(x + 1) / `my col`"), [1, 1.5, NaN, 2.5]);
  assert.deepEqual(values("Größe / 10 - x"), [0, 0, NaN, 0]);
  assert.deepEqual(values("sqrt(exp(log(x)))").map((v) => Math.round(v * 1e12) / 1e12), [1, Math.round(Math.SQRT2 * 1e12) / 1e12, NaN, 2]);
});

test("scale() uses the mean and SD of the non-missing values, as R's scale()", () => {
  const s = values("scale(x)");
  const mean = 7 / 3;
  const sd = Math.sqrt(((1 - mean) ** 2 + (2 - mean) ** 2 + (4 - mean) ** 2) / 2);
  assert.ok(Math.abs(s[0] - (1 - mean) / sd) < 1e-15);
  assert.ok(Number.isNaN(s[2]));
});

test("columns read by an expression, and readable errors", () => {
  assert.deepEqual(expressionColumns(parseExpression("log(x) + x * Größe")), ["x", "Größe"]);
  assert.throws(() => values("g + 1"), /'g' holds categories/);
  assert.throws(() => values("log(x - 3)"), /log\(x - 3\) cannot be computed for row 1/);
  assert.throws(() => values("y + 1"), /no column called 'y'/);
  assert.equal(formatFormula(parseFormula("Größe ~ x + (1 | g)")), "Größe ~ x + (1 | g)");
});
