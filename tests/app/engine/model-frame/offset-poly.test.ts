// poly() columns and offsets in the model frame. Expected values from R 4.2:
//   x <- 0:9; p <- poly(x, 3); print(unclass(p)[,], digits = 17); attr(p, "coefs"); predict(p, 4.5)
//   x2 <- c(3.1, 0.5, 2, 7.25, 2, 10, 0.5); unclass(poly(x2, 2))[,]
//   poly(c(1, 2, 3, 1), 3)  # Error: 'degree' must be less than number of unique points
//   colnames(model.matrix(~ poly(Days, 1), d))  # "(Intercept)" "poly(Days, 1)"
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Column, DataTable } from "../../../../app/data/column";
import { parseFormula } from "../../../../app/formula";
import { buildModelFrame, polyAt } from "../../../../app/engine/model-frame";

function numbers(name: string, values: number[]): Column {
  return { kind: "number", name, values: Float64Array.from(values) };
}
function factor(name: string, labels: string[]): Column {
  const levels = [...new Set(labels)].sort();
  return { kind: "categorical", name, levels, codes: Int32Array.from(labels, (l) => levels.indexOf(l)) };
}

const R_POLY3 = [
  [-0.495433694306862293, 0.522232967867093723, -0.45342519294190686],
  [-0.385337317794226086, 0.174077655955697741, 0.15114173098063541],
  [-0.275240941281590157, -0.087038827977848995, 0.37785432745158931],
  [-0.165144564768954089, -0.26111648393354675, 0.33467097574283605],
  [-0.055048188256318034, -0.348155311911395593, 0.12955005512625911],
  [0.055048188256318034, -0.348155311911395593, -0.12955005512625908],
  [0.165144564768954089, -0.26111648393354675, -0.33467097574283605],
  [0.275240941281590212, -0.08703882797784887, -0.3778543274515892],
  [0.385337317794226253, 0.174077655955697824, -0.15114173098063571],
  [0.495433694306862293, 0.5222329678670935, 0.45342519294190703],
];

const x = Array.from({ length: 10 }, (_, i) => i);
const y = [3.1, 2.2, 4.8, 5.0, 7.7, 6.1, 9.9, 8.4, 11.0, 12.3];
const table = (yValues: number[], n: number[] = x.map((v) => v + 2)): DataTable => ({
  nrow: 10,
  columns: [
    numbers("y", yValues),
    numbers("x", x),
    numbers("n", n),
    factor("g", x.map((i) => ["a", "b", "c"][i % 3])),
  ],
});

function column(frame: ReturnType<typeof buildModelFrame>, name: string): number[] {
  const j = frame.fixed.names.indexOf(name);
  assert.ok(j >= 0, `no column ${name} in ${frame.fixed.names.join(", ")}`);
  return Array.from(frame.fixed.X.subarray(j * frame.n, (j + 1) * frame.n));
}

function close(actual: number[], expected: number[], tol = 1e-13): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) <= tol, `[${i}] ${a} vs ${expected[i]}`));
}

test("poly(x, 3) gives R's orthogonal polynomial columns and names", () => {
  const frame = buildModelFrame(table(y), parseFormula("y ~ poly(x, 3) + (1 | g)"));
  assert.deepEqual(frame.fixed.names, ["(Intercept)", "poly(x, 3)1", "poly(x, 3)2", "poly(x, 3)3"]);
  assert.deepEqual(frame.fixed.termLabels, ["(Intercept)", "poly(x, 3)"]);
  assert.deepEqual(Array.from(frame.fixed.assign), [0, 1, 1, 1]);
  for (let j = 0; j < 3; j++) close(column(frame, `poly(x, 3)${j + 1}`), R_POLY3.map((r) => r[j]));
});

test("the basis is computed on every row with x, before rows missing something else are dropped (as model.frame)", () => {
  const frame = buildModelFrame(table([NaN, ...y.slice(1)]), parseFormula("y ~ poly(x, 3) + (1 | g)"));
  assert.equal(frame.n, 9);
  for (let j = 0; j < 3; j++) close(column(frame, `poly(x, 3)${j + 1}`), R_POLY3.slice(1).map((r) => r[j]));
});

test("poly() with ties and unsorted values matches R", () => {
  const x2 = [3.1, 0.5, 2, 7.25, 2, 10, 0.5];
  const t: DataTable = { nrow: 7, columns: [numbers("y", [1, 2, 3, 4, 5, 6, 7]), numbers("x2", x2), factor("g", ["a", "b", "a", "b", "a", "b", "a"])] };
  const frame = buildModelFrame(t, parseFormula("y ~ poly(x2, 2) + (1 | g)"));
  close(column(frame, "poly(x2, 2)1"), [-0.058713892132790331, -0.35147905290451309, -0.182576075536211496, 0.408584345252843428, -0.182576075536211496, 0.718239803761395956, -0.351479052904512923]);
  close(column(frame, "poly(x2, 2)2"), [-0.45608713581168564, 0.38178312387270058, -0.18146623131789508, -0.43760669650703904, -0.18146623131789505, 0.49306004720911406, 0.38178312387270047]);
});

test("the stored recurrence reproduces R's predict() on new x", () => {
  const frame = buildModelFrame(table(y), parseFormula("y ~ poly(x, 3) + (1 | g)"));
  const v = frame.fixed.variables!["poly(x, 3)"];
  assert.equal(v.kind, "poly");
  if (v.kind !== "poly") return;
  close(v.basis.alpha as number[], [4.5, 4.5000000000000009, 4.4999999999999991], 1e-12);
  close(v.basis.norm2 as number[], [1, 10, 82.5, 528.00000000000034, 3088.80000000000155], 1e-9);
  close(polyAt(v.basis, 4.5), [0, -0.35903516540862668, -1.3184366620574522e-16]);
  // At the data points the recurrence gives the columns themselves.
  close(polyAt(v.basis, 7), R_POLY3[7]);
});

test("raw polynomials are the powers; one column keeps the bare name", () => {
  const frame = buildModelFrame(table(y), parseFormula("y ~ poly(x, 2, raw = TRUE) + (1 | g)"));
  assert.deepEqual(frame.fixed.names, ["(Intercept)", "poly(x, 2, raw = TRUE)1", "poly(x, 2, raw = TRUE)2"]);
  close(column(frame, "poly(x, 2, raw = TRUE)2"), x.map((v) => v * v));
  const one = buildModelFrame(table(y), parseFormula("y ~ poly(n, 1) + (1 | g)"));
  assert.deepEqual(one.fixed.names, ["(Intercept)", "poly(n, 1)"]);
  close(column(one, "poly(n, 1)"), R_POLY3.map((r) => r[0]));
});

test("a degree as high as the number of distinct values is refused, naming the column", () => {
  const t: DataTable = { nrow: 4, columns: [numbers("y", [1, 2, 3, 4]), numbers("dose", [1, 2, 3, 1]), factor("g", ["a", "a", "b", "b"])] };
  assert.throws(
    () => buildModelFrame(t, parseFormula("y ~ poly(dose, 3) + (1 | g)")),
    /poly\(dose, 3\): the degree \(3\) must be less than the number of distinct values of 'dose' \(3\)/,
  );
});

test("the offset is the sum of the offset terms, and a row missing it is left out", () => {
  const n = x.map((v) => v + 2);
  const frame = buildModelFrame(table(y, n), parseFormula("y ~ x + offset(log(n)) + offset(2 * x) + (1 | g)"));
  close(Array.from(frame.offset!), x.map((v, i) => Math.log(n[i]) + 2 * v), 1e-15);
  assert.deepEqual(frame.fixed.names, ["(Intercept)", "x"]);
  assert.deepEqual(frame.offsetNames, ["offset(log(n))", "offset(2 * x)"]);
  const missing = buildModelFrame(table(y, [NaN, ...n.slice(1)]), parseFormula("y ~ x + offset(log(n)) + (1 | g)"));
  assert.equal(missing.n, 9);
  assert.equal(missing.offset!.length, 9);
  assert.match(missing.warnings[0], /1 row was left out because of missing values \(log\(n\): 1\)/);
  assert.equal(buildModelFrame(table(y), parseFormula("y ~ x + (1 | g)")).offset, undefined);
});

test("an offset must hold numbers", () => {
  assert.throws(() => buildModelFrame(table(y), parseFormula("y ~ x + offset(g) + (1 | g)")), /offset\(g\) needs numbers/);
});

// lme4: ranef(lmer(Reaction ~ poly(Days, 2) + (poly(Days, 2) | Subject), sleepstudy)) has columns
// "(Intercept)" "poly(Days, 2)1" "poly(Days, 2)2"; Z uses the same basis as X.
test("random slopes on a poly() term use the same columns as the fixed part", () => {
  const frame = buildModelFrame(table(y), parseFormula("y ~ poly(x, 2) + (poly(x, 2) | g)"));
  const term = frame.random[0];
  assert.deepEqual(term.effectNames, ["(Intercept)", "poly(x, 2)1", "poly(x, 2)2"]);
  for (let j = 1; j <= 2; j++) close(Array.from(term.Z.subarray(j * frame.n, (j + 1) * frame.n)), column(frame, `poly(x, 2)${j}`));
});

test("poly() cannot be a grouping factor", () => {
  assert.throws(() => buildModelFrame(table(y), parseFormula("y ~ x + (1 | poly(x, 2))")), /poly\(x, 2\) cannot be a grouping factor/);
});
