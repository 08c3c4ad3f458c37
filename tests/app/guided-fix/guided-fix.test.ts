// Guided fix: causes of singular fits, simpler formulas, allFit-style optimiser comparison, step log.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../app/data";
import {
  compareOptimizers,
  diagnose,
  diagnoseFit,
  fitForFix,
  formatOptimizerComparison,
  formatParts,
  formatSimplificationLog,
  guidedSimplification,
  modelParts,
  suggestSimplifications,
} from "../../../app/guided-fix";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const table = (f: string) => parseCsv(readFileSync(`${root}/tests/fixtures/reference/data/${f}`, "utf8"));
const POLITENESS = "frequency ~ attitude + gender + (1 + attitude | subject) + (1 + attitude | scenario)";

test("formulas as parts print back as lme4 expands them", () => {
  assert.equal(formatParts(modelParts("Reaction ~ Days + (Days || Subject)")), "Reaction ~ Days + (1 + Days || Subject)");
  assert.equal(formatParts(modelParts("Y ~ N * V + (1 | B/V)")), "Y ~ N * V + (1 | V:B) + (1 | B)");
  assert.equal(formatParts(modelParts(POLITENESS)), POLITENESS);
});

test("politeness: the subject correlation at +1 is named, and the categorical slope is dropped (not ||)", () => {
  const model = fitForFix(table("politeness.csv"), { formula: POLITENESS });
  assert.equal(model.fit.singular, true);
  const d = diagnose(model);
  assert.equal(d.ok, false);
  const corr = d.causes.find((c) => c.kind === "perfect-correlation")!;
  assert.deepEqual([corr.group, corr.effect, corr.other], ["subject", "attitudepol", "(Intercept)"]);
  assert.match(corr.message, /correlation between the intercept and the slope of attitudepol across 'subject' groups is estimated as 1\.00/);
  assert.equal(d.suggestions[0].action, "drop-slope");
  assert.equal(d.suggestions[0].formula, "frequency ~ attitude + gender + (1 | subject) + (1 + attitude | scenario)");
});

test("the guided simplification records each step and ends at a non-singular model", () => {
  const log = guidedSimplification(table("politeness.csv"), { formula: POLITENESS });
  assert.equal(log.steps.length, 2);
  assert.equal(log.steps[0].applied?.action, "drop-slope");
  assert.equal(log.steps[1].singular, false);
  assert.equal(log.resolved, true);
  assert.equal(log.finalFormula, "frequency ~ attitude + gender + (1 | subject) + (1 + attitude | scenario)");
  assert.match(formatSimplificationLog(log), /Step 2: .*\(not singular, converged/);
});

test("a numeric slope at ±1 is made uncorrelated; a zero-variance slope or term is dropped; rescaling", () => {
  const perfect = suggestSimplifications("Reaction ~ Days + (Days | Subject)", [{ kind: "perfect-correlation", group: "Subject", effect: "Days", other: "(Intercept)", message: "" }]);
  assert.deepEqual(perfect.map((s) => [s.action, s.formula]), [["drop-correlation", "Reaction ~ Days + (1 + Days || Subject)"]]);
  const zeroSlope = suggestSimplifications("Reaction ~ Days + (Days | Subject)", [{ kind: "zero-variance", group: "Subject", effect: "Days", message: "" }]);
  assert.deepEqual(zeroSlope.map((s) => s.formula), ["Reaction ~ Days + (1 | Subject)"]);
  const zeroTerm = suggestSimplifications("diameter ~ 1 + (1 | plate) + (1 | sample)", [{ kind: "zero-variance", group: "sample", effect: "(Intercept)", message: "" }]);
  assert.deepEqual(zeroTerm.map((s) => [s.action, s.formula]), [["drop-term", "diameter ~ 1 + (1 | plate)"]]);
  const scaled = suggestSimplifications("Reaction ~ Days + (Days | Subject)", [{ kind: "poorly-scaled", predictor: "Days", message: "" }]);
  assert.deepEqual(scaled.map((s) => s.formula), ["Reaction ~ scale(Days) + (1 + scale(Days) | Subject)"]);
});

test("dyestuff2: the only random term has zero variance; nothing simpler is proposed", () => {
  const log = guidedSimplification(table("dyestuff2.csv"), { formula: "Yield ~ 1 + (1 | Batch)" });
  assert.equal(log.steps.length, 1);
  assert.equal(log.resolved, false);
  assert.equal(log.steps[0].causes[0].kind, "zero-variance");
  assert.equal(log.steps[0].causes[0].group, "Batch");
});

test("allFit-style comparison: sleepstudy reaches lme4's optimum with every optimiser", () => {
  const model = fitForFix(table("sleepstudy.csv"), { formula: "Reaction ~ Days + (Days | Subject)" });
  const c = compareOptimizers(model.frame, true);
  assert.deepEqual(c.runs.map((r) => r.optimizer), ["bobyqa (lme4's start)", "Nelder-Mead", "bobyqa (moment start)"]);
  for (const r of c.runs) {
    assert.ok(Math.abs(r.objective - 1743.6282719) < 1e-4, `${r.optimizer}: ${r.objective}`);
    assert.ok(r.agrees);
  }
  assert.equal(c.allAgree, true);
  assert.match(formatOptimizerComparison(c), /All optimisers reach the same estimates/);
});

/**
 * lme4's allFit (lmm-all-fit.R, output in lmm-all-fit-output.txt): the default run is lmer's own
 * fit (nloptwrap BOBYQA from lme4's start) and Nelder-Mead is allFit's Nelder_Mead — the same
 * evaluation counts (optinfo$feval) and θ.
 */
test("allFit-style comparison: the default and Nelder–Mead runs follow lme4's allFit (feval, θ) on sleepstudy and politeness", () => {
  const cases = [
    {
      file: "sleepstudy.csv",
      formula: "Reaction ~ Days + (Days | Subject)",
      bobyqa: { feval: 43, theta: [0.9667418, 0.0151691, 0.23091] },
      nm: { feval: 196, theta: [0.9667396, 0.0151692, 0.2309101] },
    },
    {
      file: "politeness.csv",
      formula: "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)",
      bobyqa: { feval: 41, theta: [0.5828945, 0.9762395] },
      nm: { feval: 96, theta: [0.5828983, 0.9762407] },
    },
  ];
  for (const { file, formula, bobyqa, nm } of cases) {
    const c = compareOptimizers(fitForFix(table(file), { formula }).frame, true);
    for (const [name, r] of [["bobyqa (lme4's start)", bobyqa], ["Nelder-Mead", nm]] as const) {
      const run = c.runs.find((x) => x.optimizer === name)!;
      assert.equal(run.evaluations, r.feval, `${formula}, ${name}: evaluations`);
      run.theta.forEach((t, i) => assert.ok(Math.abs(t - r.theta[i]) < 1e-6, `${formula}, ${name}: θ${i + 1} ${t} vs R ${r.theta[i]}`));
    }
    assert.equal(c.allAgree, true);
  }
});

test("a non-converged fit names poorly scaled predictors and proposes scale()", () => {
  const lines = ["y,dose,g"];
  for (let i = 0; i < 60; i++) lines.push(`${(i * 13) % 17 + (i % 6)},${1000 + 250 * (i % 5)},g${i % 6}`);
  const model = fitForFix(parseCsv(lines.join("\n")), { formula: "y ~ dose + (1 | g)" });
  const causes = diagnoseFit({ ...model.fit, converged: false, singular: false }, model.frame);
  assert.deepEqual(causes.map((c) => c.kind), ["not-converged", "poorly-scaled"]);
  assert.equal(causes[1].predictor, "dose");
  const s = suggestSimplifications("y ~ dose + (1 | g)", causes);
  assert.deepEqual(s.map((x) => [x.action, x.formula]), [["centre-scale", "y ~ scale(dose) + (1 | g)"]]);
});
