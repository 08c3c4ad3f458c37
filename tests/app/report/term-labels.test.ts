// Readable term names (app/report/term-labels.ts) from the model frame's term metadata
// (app/model-spec/term-columns.ts). R's coefficient names for these designs, from R 4.2:
//   colnames(model.matrix(~ attitude * gender, politeness))  # attitudepol genderM attitudepol:genderM
//   options(contrasts = c("contr.sum", "contr.poly")); colnames(model.matrix(~ attitude * gender, d))
//     # attitude1 gender1 attitude1:gender1
//   colnames(model.matrix(~ poly(w, 2) + poly(w, 2, raw = TRUE), d))  # poly(w, 2)1 poly(w, 2)2 …
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Column, DataTable } from "../../../app/data/column";
import { parseFormula } from "../../../app/formula";
import { buildModelFrame, type ModelFrameOptions } from "../../../app/engine/model-frame";
import { termInfoOf } from "../../../app/model-spec/term-columns";
import { formulaText, modelTermLabel, plainVariableName, termLabeller } from "../../../app/report";

const n = 12;
const factor = (name: string, levels: string[], pick: (i: number) => number): Column => ({
  kind: "categorical",
  name,
  levels,
  codes: Int32Array.from({ length: n }, (_, i) => pick(i)),
});
const numbers = (name: string, f: (i: number) => number): Column => ({ kind: "number", name, values: Float64Array.from({ length: n }, (_, i) => f(i)) });
const table: DataTable = {
  nrow: n,
  columns: [
    numbers("y", (i) => Math.sin(i) * 3 + i),
    numbers("age", (i) => 8 + (i % 5)),
    numbers("Reaction time (ms)", (i) => 200 + ((i * 7) % 11)),
    factor("attitude", ["inf", "pol"], (i) => i % 2),
    factor("Sex", ["Female", "Male"], (i) => Math.floor(i / 2) % 2),
    factor("dose level", ["lo", "mid", "hi"], (i) => i % 3),
    factor("a:b × c vs. d", ["x", "y"], (i) => Math.floor(i / 3) % 2),
    factor("g", ["g1", "g2", "g3"], (i) => Math.floor(i / 4)),
  ],
};

function labels(formula: string, options: ModelFrameOptions = {}): Record<string, string> {
  const frame = buildModelFrame(table, parseFormula(formula), options);
  const info = termInfoOf(frame.fixed);
  assert.ok(info);
  const label = termLabeller(info);
  return Object.fromEntries(frame.fixed.names.map((name) => [name, label(name)]));
}

test("treatment contrasts: the level against the baseline; numbers by their name; the intercept as Intercept", () => {
  assert.deepEqual(labels("y ~ attitude + age + (1 | g)"), { "(Intercept)": "Intercept", attitudepol: "attitude: pol vs. inf", age: "age" });
});

test("a numeric × factor interaction: the variables joined by ×, then the contrast", () => {
  const l = labels("y ~ age * Sex + (1 | g)");
  assert.equal(l["age:SexMale"], "age × Sex: Male vs. Female");
  assert.equal(l.SexMale, "Sex: Male vs. Female");
});

test("two factors: each contrast in parentheses", () => {
  const l = labels("y ~ attitude * Sex + (1 | g)");
  assert.equal(l["attitudepol:SexMale"], "attitude × Sex: (pol vs. inf) × (Male vs. Female)");
});

test("sum contrasts: a level's deviation from the mean of the levels, as factor [level]", () => {
  const l = labels("y ~ attitude * `dose level` + (1 | g)", { contrasts: "sum" });
  assert.deepEqual(Object.keys(l), ["(Intercept)", "attitude1", "`dose level`1", "`dose level`2", "attitude1:`dose level`1", "attitude1:`dose level`2"]);
  assert.equal(l.attitude1, "attitude [inf]");
  assert.equal(l["`dose level`2"], "dose level [mid]");
  assert.equal(l["attitude1:`dose level`2"], "attitude [inf] × dose level [mid]");
});

test("indicator coding (no intercept): the level alone", () => {
  const l = labels("y ~ 0 + attitude + age + (1 | g)");
  assert.deepEqual(l, { attitudeinf: "attitude: inf", attitudepol: "attitude: pol", age: "age" });
});

test("hostile column names: no backticks, and ':' / '×' / 'vs.' inside a name do not split it", () => {
  const l = labels("y ~ `a:b × c vs. d` * `Reaction time (ms)` + (1 | g)");
  assert.equal(l["`a:b × c vs. d`y"], "a:b × c vs. d: y vs. x");
  assert.equal(l["`Reaction time (ms)`"], "Reaction time (ms)");
  assert.equal(l["`a:b × c vs. d`y:`Reaction time (ms)`"], "a:b × c vs. d × Reaction time (ms): y vs. x");
  for (const text of Object.values(l)) assert.doesNotMatch(text, /`/);
});

test("poly(): orthogonal columns as linear/quadratic, raw ones as powers; functions and I() sensibly", () => {
  const l = labels("y ~ poly(age, 2) + log(`Reaction time (ms)`) + (1 | g)");
  assert.equal(l["poly(age, 2)1"], "age (linear)");
  assert.equal(l["poly(age, 2)2"], "age (quadratic)");
  assert.equal(l["log(`Reaction time (ms)`)"], "log(Reaction time (ms))");
  const raw = labels("y ~ poly(age, 3, raw = TRUE) + I(age^2):Sex + (1 | g)");
  assert.deepEqual([raw["poly(age, 3, raw = TRUE)1"], raw["poly(age, 3, raw = TRUE)2"], raw["poly(age, 3, raw = TRUE)3"]], ["age", "age²", "age³"]);
  assert.equal(plainVariableName("I(age^2)"), "age^2");
  assert.equal(plainVariableName("I(a) + I(b)"), "I(a) + I(b)");
});

test("a logical predictor reads as the comparison, TRUE vs. FALSE", () => {
  assert.equal(labels("y ~ I(age > 9) + (1 | g)")["I(age > 9)TRUE"], "age > 9: TRUE vs. FALSE");
});

test("R names: the coefficient names as R prints them, without backticks", () => {
  const frame = buildModelFrame(table, parseFormula("y ~ attitude * `Reaction time (ms)` + (1 | g)"), {});
  const r = termLabeller(termInfoOf(frame.fixed), "r");
  assert.deepEqual(frame.fixed.names.map(r), ["(Intercept)", "attitudepol", "Reaction time (ms)", "attitudepol:Reaction time (ms)"]);
});

test("names not among the columns (random slopes, older projects) are read from R's name", () => {
  const frame = buildModelFrame(table, parseFormula("y ~ attitude + (1 | g)"), {});
  const label = termLabeller(termInfoOf(frame.fixed));
  assert.equal(label("attitudeinf"), "attitude: inf");
  assert.equal(label("`Reaction time (ms)`:age"), "Reaction time (ms) × age");
  const old = termLabeller(undefined);
  assert.equal(old("(Intercept)"), "Intercept");
  assert.equal(old("Days:`Subject ID`"), "Days × Subject ID");
});

test("model terms (ANOVA rows): variables joined by ×, poly() named as a polynomial", () => {
  const frame = buildModelFrame(table, parseFormula("y ~ poly(age, 2) * attitude + (1 | g)"), {});
  const info = termInfoOf(frame.fixed);
  assert.equal(modelTermLabel("poly(age, 2):attitude", info), "age (polynomial, degree 2) × attitude");
  assert.equal(modelTermLabel("attitude", info), "attitude");
  assert.equal(modelTermLabel("poly(age, 2):attitude", info, "r"), "poly(age, 2):attitude");
  assert.equal(modelTermLabel("`dose level`:Sex", undefined), "dose level × Sex");
});

test("columns dropped as rank deficient are left out of the metadata, the rest keep their meaning", () => {
  const frame = buildModelFrame(table, parseFormula("y ~ I(age > 100) + attitude + (1 | g)"), {});
  assert.deepEqual(frame.fixed.dropped, ["I(age > 100)TRUE"]);
  const info = termInfoOf(frame.fixed)!;
  assert.deepEqual(info.columns.map((c) => c.name), ["(Intercept)", "attitudepol"]);
  assert.deepEqual(info.columns[1].parts, [{ kind: "treatment", variable: "attitude", level: "pol", baseline: "inf" }]);
  assert.deepEqual(info.factors.attitude, ["inf", "pol"]);
});

test("the formula beside the results: plain names, or as R writes it", () => {
  assert.equal(formulaText("`Reaction time (ms)` ~ Days + (1 | `Subject ID`)"), "Reaction time (ms) ~ Days + (1 | Subject ID)");
  assert.equal(formulaText("`a b` ~ x", "r"), "`a b` ~ x");
});
