import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readCsv } from "../../../app/data";
import { buildModelFrame } from "../../../app/engine/model-frame";
import { runFit } from "../../../app/engine/run-fit";
import { parseFormula } from "../../../app/formula";
import { adviceFor, type FitView } from "../../../app/model-spec";
import { SEE_GUIDED_FIX } from "../../../app/model-spec/advice";
import { toFitView } from "../../../app/model-spec/to-fit-view";

const table = readCsv(new Uint8Array(readFileSync("tests/fixtures/reference/data/politeness.csv")), {}).table;

function view(formula: string): FitView {
  const fit = runFit(table, { formula });
  return toFitView(fit, buildModelFrame(table, parseFormula(formula)), 0);
}

const additive = view("frequency ~ attitude + gender + (1 | subject) + (1 | scenario)");

test("the view is plain data: JSON keeps every field, typed arrays became arrays", () => {
  assert.deepEqual(JSON.parse(JSON.stringify(additive)), additive);
  assert.ok(Array.isArray(additive.diagnostics.fitted));
  assert.equal(additive.diagnostics.fitted.length, 83);
  // LMM residuals are observed − fitted.
  const d = additive.diagnostics;
  assert.ok(d.observed.every((y, i) => Math.abs(y - d.fitted[i] - d.residuals[i]) < 1e-9));
  assert.equal(additive.droppedRows, 1);
  assert.equal(additive.statisticName, "t");
});

test("fixed effects carry Satterthwaite df and 95% intervals", () => {
  const genderM = additive.fixef.find((r) => r.term === "genderM")!;
  assert.ok(Math.abs(genderM.df! - 4.00707962894289) < 1e-2 * 4);
  assert.ok(genderM.lower! < genderM.estimate && genderM.estimate < genderM.upper!);
  assert.equal(additive.anova?.map((r) => r.term).join(","), "attitude,gender");
});

test("effect curves: cell predictions are β sums, averaged over the other factor with equal weights", () => {
  const [b0, b1, b2] = additive.fixef.map((r) => r.estimate);
  const byGender = additive.effects.curves.find((c) => c.x === "attitude" && c.by === "gender")!;
  assert.deepEqual(byGender.at, ["inf", "pol"]);
  assert.deepEqual(byGender.lines.map((l) => l.level), ["F", "M"]);
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);
  close(byGender.lines[0].estimate[0], b0);
  close(byGender.lines[1].estimate[1], b0 + b1 + b2);
  // The band at the baseline cell is β₀ ± z·SE(β₀).
  close(byGender.lines[0].lower[0], b0 - 1.959963984540054 * additive.fixef[0].se);
  const alone = additive.effects.curves.find((c) => c.x === "attitude" && c.by === null)!;
  close(alone.lines[0].estimate[1], b0 + b1 + b2 / 2);
  assert.deepEqual(additive.effects.predictors, ["attitude", "gender"]);
});

test("a numeric predictor gets 25 points from its minimum to its maximum", () => {
  const v = view("frequency ~ scenario + gender + (1 | subject)");
  const curve = v.effects.curves.find((c) => c.x === "scenario" && c.by === "gender")!;
  assert.equal(curve.xKind, "numeric");
  assert.equal(curve.at.length, 25);
  assert.equal(curve.at[0], 1);
  assert.equal(curve.at[24], 7);
});

test("advice: a singular fit points to the guided fix (one source of advice), dropped rows say why", () => {
  const singular = view("frequency ~ attitude + (attitude | subject)");
  const advice = adviceFor(singular);
  assert.equal(singular.singular, true);
  const s = advice.find((a) => a.kind === "singular")!;
  assert.equal(s.suggestion, SEE_GUIDED_FIX);
  assert.ok(!advice.some((a) => /untick Correlated/.test(a.suggestion ?? "")));
  assert.ok(advice.some((a) => a.kind === "dropped-rows" && /missing values/.test(a.message)));
  const lines = advice.flatMap((a) => [a.message, a.suggestion]).filter((x) => x !== null);
  assert.equal(new Set(lines).size, lines.length, "no line is said twice");
});

test("advice: a singular, non-converged fit says the guided-fix pointer once; repeated warnings are said once", () => {
  const message = "The model failed to converge: the Hessian has 1 negative eigenvalue.";
  const fake: FitView = { ...additive, singular: true, converged: false, warnings: [message, message, "A note."] };
  const advice = adviceFor(fake);
  assert.deepEqual(advice.map((a) => [a.kind, a.suggestion]), [["singular", SEE_GUIDED_FIX], ["convergence", null], ["note", null]]);
  assert.equal(advice[1].message, message);
  const converging: FitView = { ...additive, singular: false, converged: false, warnings: [message] };
  assert.deepEqual(adviceFor(converging).map((a) => a.suggestion), [SEE_GUIDED_FIX]);
});

test("a binomial fit: z tests, Wald intervals, no ANOVA, effect plot on the probability scale", () => {
  const cbpp = readCsv(new Uint8Array(readFileSync("tests/fixtures/reference/data/cbpp.csv")), { categorical: ["period"] }).table;
  const formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)";
  const fit = runFit(cbpp, { formula, family: "binomial", categorical: ["period"] });
  const v = toFitView(fit, buildModelFrame(cbpp, parseFormula(formula), { family: "binomial", categorical: ["period"] }), 0);
  assert.deepEqual(JSON.parse(JSON.stringify(v)), v);
  assert.equal(v.statisticName, "z");
  assert.equal(v.anova, null);
  assert.equal(v.sigma, null);
  const b0 = v.fixef[0];
  assert.ok(Math.abs(b0.lower! - (b0.estimate - 1.959963984540054 * b0.se)) < 1e-12);
  const curve = v.effects.curves.find((c) => c.x === "period" && c.by === null)!;
  assert.match(v.effects.yLabel, /^probability of /);
  const p = curve.lines[0].estimate[0];
  assert.ok(Math.abs(p - 1 / (1 + Math.exp(-b0.estimate))) < 1e-12);
  assert.ok(curve.lines[0].lower[0] < p && p < curve.lines[0].upper[0]);
});

test("advice: a predictor that repeats another's information is reported with what to do; no effect plots then", () => {
  // subject determines gender, so one subject column is a combination of gender and the others.
  const v = view("frequency ~ gender + subject + (1 | scenario)");
  const dropped = adviceFor(v).find((a) => a.kind === "dropped-columns");
  assert.ok(dropped, JSON.stringify(adviceFor(v)));
  assert.match(dropped.message, /rank deficient/);
  assert.match(dropped.suggestion!, /remove one of them/);
  assert.equal(v.effects.curves.length, 0);
  assert.match(v.effects.unavailable!, /could not be estimated/);
});
