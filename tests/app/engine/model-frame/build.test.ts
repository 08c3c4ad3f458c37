// Expected column names and codings were checked against R 4.2 (model.matrix, lme4::lFormula).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Column, DataTable } from "../../../../app/data/column";
import { parseFormula } from "../../../../app/formula";
import { buildModelFrame } from "../../../../app/engine/model-frame";
import type { ModelFrameOptions } from "../../../../app/engine/model-frame";
import { MixwellError } from "../../../../app/errors";

function factor(name: string, labels: string[]): Column {
  const levels = [...new Set(labels.filter((l) => l !== "NA"))].sort();
  return { kind: "categorical", name, levels, codes: Int32Array.from(labels, (l) => levels.indexOf(l)) };
}
function numbers(name: string, values: number[]): Column {
  return { kind: "number", name, values: Float64Array.from(values) };
}

const y = [1.2, 2.3, 2.9, 4.4, 5.1, 6.3, 6.8, 8.1, 9.4, 9.9, 11.2, 12.5];
const table: DataTable = {
  nrow: 12,
  columns: [
    numbers("y", y),
    factor("a", Array.from({ length: 12 }, (_, i) => ["p", "q", "r"][i % 3])),
    factor("b", Array.from({ length: 12 }, (_, i) => (i < 6 ? "u" : "v"))),
    numbers("x", Array.from({ length: 12 }, (_, i) => i + 1)),
    factor("g", Array.from({ length: 12 }, (_, i) => ["g1", "g2", "g3"][Math.floor(i / 4)])),
    numbers("h", Array.from({ length: 12 }, (_, i) => (i % 4) + 1)),
  ],
};

function frame(rhs: string, options: ModelFrameOptions = {}, data: DataTable = table) {
  return buildModelFrame(data, parseFormula(`y ~ ${rhs}`), options);
}
function names(rhs: string): string[] {
  return [...frame(`${rhs} + (1 | g)`).fixed.names];
}
function column(f: ReturnType<typeof frame>, name: string): number[] {
  const j = f.fixed.names.indexOf(name);
  assert.ok(j >= 0, `no column ${name}`);
  return Array.from(f.fixed.X.subarray(j * f.n, (j + 1) * f.n));
}

test("column names and order follow R's model.matrix", () => {
  assert.deepEqual(names("b:a + a"), ["(Intercept)", "aq", "ar", "bv:ap", "bv:aq", "bv:ar"]);
  assert.deepEqual(names("x:a"), ["(Intercept)", "x:ap", "x:aq", "x:ar"]);
  assert.deepEqual(names("x + x:a"), ["(Intercept)", "x", "x:aq", "x:ar"]);
  assert.deepEqual(names("0 + a:b"), ["ap:bu", "aq:bu", "ar:bu", "ap:bv", "aq:bv", "ar:bv"]);
  assert.deepEqual(names("0 + x + a:b"), ["x", "ap:bu", "aq:bu", "ar:bu", "ap:bv", "aq:bv", "ar:bv"]);
  assert.deepEqual(names("a * b - a"), ["(Intercept)", "bv", "aq:bu", "ar:bu", "aq:bv", "ar:bv"]);
  assert.deepEqual(names("a/b"), ["(Intercept)", "aq", "ar", "ap:bv", "aq:bv", "ar:bv"]);
  assert.deepEqual(names("-1 + a + b"), ["ap", "aq", "ar", "bv"]);
  assert.deepEqual(names("x * a * b"), ["(Intercept)", "x", "aq", "ar", "bv", "x:aq", "x:ar", "x:bv", "aq:bv", "ar:bv", "x:aq:bv", "x:ar:bv"]);
});

test("assign and term labels", () => {
  const f = frame("x * a + (1 | g)");
  assert.deepEqual(f.fixed.termLabels, ["(Intercept)", "x", "a", "x:a"]);
  assert.deepEqual(Array.from(f.fixed.assign), [0, 1, 2, 2, 3, 3]);
  const nested = frame("a + a:b + (1 | g)").fixed;
  assert.deepEqual(nested.terms?.map((t) => t.variables.map((v) => `${v.name}:${v.coding}`)), [
    ["a:contrast"],
    ["a:indicator", "b:contrast"],
  ]);
  const b = nested.variables?.b;
  assert.ok(b && b.kind === "factor");
  assert.deepEqual(b.levels, ["u", "v"]);
});

test("sum contrasts as contr.sum", () => {
  const f = frame("a * b + (1 | g)", { contrasts: "sum" });
  assert.deepEqual(f.fixed.names, ["(Intercept)", "a1", "a2", "b1", "a1:b1", "a2:b1"]);
  assert.deepEqual(column(f, "a1").slice(0, 4), [1, 0, -1, 1]);
  assert.deepEqual(column(f, "a2:b1").slice(0, 4), [0, 1, -1, 0]);
  assert.deepEqual(column(f, "b1").slice(5, 7), [1, -1]);
});

test("treatment coding values and functions of columns", () => {
  const f = frame("log(x) + I(x^2) + a + (1 | g)");
  assert.deepEqual(f.fixed.names, ["(Intercept)", "log(x)", "I(x^2)", "aq", "ar"]);
  assert.deepEqual(column(f, "I(x^2)").slice(0, 3), [1, 4, 9]);
  assert.equal(column(f, "log(x)")[1], Math.log(2));
  assert.deepEqual(column(f, "ar").slice(0, 3), [0, 0, 1]);
});

test("rank-deficient columns are dropped with a warning naming them", () => {
  const data: DataTable = { ...table, columns: [...table.columns, numbers("x2", Array.from({ length: 12 }, (_, i) => 2 * (i + 1) + 1))] };
  const f = frame("x + x2 + a + (0 + a | g)", {}, data);
  assert.deepEqual(f.fixed.names, ["(Intercept)", "x", "aq", "ar"]);
  assert.deepEqual(f.fixed.dropped, ["x2"]);
  assert.equal(f.fixed.p, 4);
  assert.match(f.warnings.join("\n"), /x2/);
  assert.deepEqual(f.random[0].effectNames, ["ap", "aq", "ar"]);
});

test("random terms: Z columns, levels per row, lme4's term order", () => {
  const f = frame("x + (x | g) + (1 | a:b) + (1 | h)");
  assert.deepEqual(f.random.map((t) => t.group), ["a:b", "h", "g"]);
  assert.deepEqual(f.random[0].levels, ["p:u", "p:v", "q:u", "q:v", "r:u", "r:v"]);
  const g = f.random[2];
  assert.deepEqual(g.effectNames, ["(Intercept)", "x"]);
  assert.equal(g.k, 2);
  assert.deepEqual(Array.from(g.Z.subarray(12, 15)), [1, 2, 3]);
  assert.deepEqual(Array.from(g.levelOfRow.subarray(3, 6)), [0, 1, 1]);
  const h = frame("x + (1 | h)", { categorical: ["h"] }).random[0];
  assert.deepEqual(h.levels, ["1", "2", "3", "4"]);
});

test("rows with a missing value are dropped and counted; unused levels dropped", () => {
  const yMissing = [...y];
  yMissing[0] = NaN;
  const aMissing = Array.from({ length: 12 }, (_, i) => (i === 1 ? "NA" : ["p", "q", "r"][i % 3]));
  const data: DataTable = {
    nrow: 12,
    columns: [numbers("y", yMissing), factor("a", aMissing), ...table.columns.slice(2)],
  };
  const f = frame("a + (1 | g)", {}, data);
  assert.equal(f.n, 10);
  assert.equal(f.droppedRows, 2);
  assert.deepEqual(Array.from(f.rowIndex.subarray(0, 3)), [2, 3, 4]);
  assert.match(f.warnings[0], /2 rows were left out.*y: 1, a: 1/);
});

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof MixwellError, String(e));
    return e.message;
  }
  assert.fail("no error");
}

test("bad input gives plain-words errors", () => {
  assert.match(errorOf(() => frame("xx + (1 | g)")), /no column called 'xx'. Did you mean 'x'\?/);
  assert.match(errorOf(() => buildModelFrame(table, parseFormula("a ~ x + (1 | g)"))), /outcome 'a' holds categories/);
  assert.match(errorOf(() => frame("a + (1 | x)")), /has 12 levels for 12 observations/);
  const oneGroup: DataTable = { ...table, columns: [...table.columns, factor("one", Array(12).fill("k"))] };
  assert.match(errorOf(() => frame("x + (1 | one)", {}, oneGroup)), /only one level/);
  const constant: DataTable = { ...table, columns: [...table.columns, numbers("c", Array(12).fill(3))] };
  assert.match(errorOf(() => frame("c + (1 | g)", {}, constant)), /'c' has the same value \(3\)/);
  const infinite: DataTable = { ...table, columns: [...table.columns, numbers("z", [1, 2, Infinity, 4, 5, 6, 7, 8, 9, 10, 11, 12])] };
  assert.match(errorOf(() => frame("z + (1 | g)", {}, infinite)), /infinite value \(Inf\) in row 3/);
  const empty: DataTable = { ...table, columns: [...table.columns, numbers("m", Array(12).fill(NaN))] };
  assert.match(errorOf(() => frame("m + (1 | g)", {}, empty)), /No row has values/);
  assert.match(errorOf(() => frame("x")), /no random-effect term/);
  assert.match(errorOf(() => frame("x + (x + a | g)")), /12 random effects for 12 observations/);
  assert.match(errorOf(() => frame("log(x - 3) + (1 | g)")), /log\(x - 3\) cannot be computed for row 1/);
});

test("binomial responses", () => {
  const counts: DataTable = {
    ...table,
    columns: [...table.columns, numbers("s", [1, 0, 2, 3, 1, 0, 2, 2, 1, 0, 3, 1]), numbers("t", Array(12).fill(3))],
  };
  const f = buildModelFrame(counts, parseFormula("cbind(s, t - s) ~ x + (1 | g)"), { family: "binomial" });
  assert.equal(f.responseName, "cbind(s, t - s)");
  assert.deepEqual(Array.from(f.y.subarray(0, 3)), [1 / 3, 0, 2 / 3]);
  assert.deepEqual(Array.from(f.weights!.subarray(0, 2)), [3, 3]);
  const b = buildModelFrame(table, parseFormula("b ~ x + (1 | g)"), { family: "binomial" });
  assert.deepEqual(Array.from(b.y.subarray(4, 8)), [0, 0, 1, 1]);
  assert.match(errorOf(() => buildModelFrame(table, parseFormula("x ~ a + (1 | g)"), { family: "binomial" })), /must be 0 or 1/);
});
