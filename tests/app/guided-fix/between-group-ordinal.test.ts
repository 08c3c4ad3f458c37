// Guided fix: a random slope of a between-group predictor (Orthodont's Sex by Subject) is named
// and removed; short distinct names and subtitles of guided-fix models; the guided fix of
// ordinal (clmm) and Gamma fits. R: orthodont-reference.R and its output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../app/data";
import { diagnose, fitModelForFix, formatSimplificationLog, guidedFixName, guidedSimplification, guidedStepTitle, suggestSimplifications } from "../../../app/guided-fix";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const table = (f: string) => parseCsv(readFileSync(`${root}/tests/fixtures/${f}`, "utf8"));
const ORTHODONT = "distance ~ age * Sex + (1 + age + Sex | Subject)";
const ref = readFileSync(`${root}/tests/app/guided-fix/orthodont-reference-output.txt`, "utf8");
const rNumber = (label: RegExp) => Number(label.exec(ref)![1]);

test("Orthodont: Sex varies only between Subjects — named as the cause; the fix drops its slope, not the correlations", () => {
  const orthodont = table("nlme-residual/data/orthodont.csv");
  const model = fitModelForFix(orthodont, { formula: ORTHODONT });
  assert.equal(model.fit.converged, false, "lme4 does not converge either (R output)");
  const d = diagnose(model);
  assert.equal(d.causes[0].kind, "between-group-slope");
  assert.equal(d.causes[0].predictor, "Sex");
  assert.match(d.causes[0].message, /^Sex varies only between Subject groups/);
  assert.deepEqual(
    d.suggestions.map((s) => s.formula),
    ["distance ~ age * Sex + (1 + age | Subject)"],
  );
  assert.equal(d.suggestions[0].reason, "remove the random slope of Sex by Subject, which cannot be estimated; the fixed effect of Sex stays");
  assert.equal(new Set(d.causes.map((c) => c.message)).size, d.causes.length, "no cause is said twice");

  const log = guidedSimplification(orthodont, { formula: ORTHODONT });
  assert.equal(log.resolved, true, formatSimplificationLog(log));
  assert.equal(log.steps.length, 2);
  const crit = rNumber(/without the Sex slope: REMLcrit ([\d.]+)/);
  assert.ok(Math.abs(log.steps[1].objective - crit) < 1e-4, `${log.steps[1].objective} vs lme4 ${crit}`);
  assert.equal(guidedStepTitle({ action: log.steps[0].applied!.action, fromFormula: ORTHODONT, formula: log.finalFormula }), "slope of Sex dropped");
});

test("between-group slopes of several groups: all dropped in one step first, then one at a time; || parts vanish", () => {
  const causes = [
    { kind: "between-group-slope" as const, group: "subject", effect: "gendermale", predictor: "gender", message: "" },
    { kind: "between-group-slope" as const, group: "item", effect: "freq", predictor: "freq", message: "" },
    { kind: "perfect-correlation" as const, group: "subject", effect: "attitudepol", other: "(Intercept)", message: "" },
  ];
  const s = suggestSimplifications("y ~ gender + freq + attitude + (1 + attitude + gender | subject) + (1 + freq || item)", causes);
  assert.deepEqual(
    s.map((x) => x.formula),
    [
      "y ~ gender + freq + attitude + (1 + attitude | subject) + (1 | item)",
      "y ~ gender + freq + attitude + (1 + attitude | subject) + (1 + freq || item)",
      "y ~ gender + freq + attitude + (1 + attitude + gender | subject) + (1 | item)",
    ],
  );
  assert.ok(s.every((x) => x.action === "drop-slope"));
});

test("guided-fix model names are short and distinct: Model 2 → Model 2b, 2c; subtitles say the step", () => {
  assert.equal(guidedFixName("Model 2", ["Model 1", "Model 2"]), "Model 2b");
  assert.equal(guidedFixName("Model 2", ["Model 2", "Model 2b"]), "Model 2c");
  assert.equal(guidedFixName("Model 2b", ["Model 2", "Model 2b"]), "Model 2c");
  assert.equal(guidedFixName("pitch model", ["pitch model"]), "pitch model b");
  const many = ["Model 1", ..."bcdefghijklmnopqrstuvwxyz".split("").map((l) => `Model 1${l}`)];
  assert.equal(guidedFixName("Model 1", many), "Model 1 fix 2");
  const title = (action: "drop-correlation" | "drop-term" | "centre-scale", fromFormula: string, formula: string) => guidedStepTitle({ action, fromFormula, formula });
  assert.equal(title("drop-correlation", "y ~ a + (1 + a | s) + (1 | i)", "y ~ a + (1 + a || s) + (1 | i)"), "correlations of s dropped");
  assert.equal(title("drop-term", "y ~ a + (1 | s) + (1 | i)", "y ~ a + (1 | s)"), "(1 | i) dropped");
  assert.equal(title("centre-scale", "y ~ a + (1 | s)", "y ~ scale(a) + (1 | s)"), "a rescaled");
  assert.equal(guidedStepTitle({ action: "drop-slope", fromFormula: "y ~ a + (1 + a | s) + (1 + a | i)", formula: "y ~ a + (1 | s) + (1 + a | i)" }), "slope of a by s dropped");
});

test("ordinal (clmm): a singular fit gets causes and steps — the between-bottle slope of contact, then a clean model", () => {
  const wine = table("reference-ordinal/data/wine.csv");
  const spec = { formula: "rating ~ temp + contact + (1 + contact | bottle)", family: "ordinal" as const, categorical: ["rating"] };
  const model = fitModelForFix(wine, spec);
  assert.equal(model.fit.singular, true);
  const d = diagnose(model);
  assert.equal(d.ok, false);
  assert.deepEqual(d.causes.map((c) => c.kind).slice(0, 1), ["between-group-slope"]);
  assert.match(d.causes[0].message, /^contact varies only between bottle groups/);
  assert.deepEqual(d.suggestions.map((s) => s.formula), ["rating ~ temp + contact + (1 | bottle)"]);

  const zero = fitModelForFix(wine, { ...spec, formula: "rating ~ temp + contact + (1 | judge) + (1 | bottle)" });
  const z = diagnose(zero);
  assert.deepEqual(z.causes.map((c) => [c.kind, c.group]), [["zero-variance", "bottle"]]);
  assert.match(z.causes[0].message, /variance of the intercept across 'bottle' groups is estimated as zero/);
  const log = guidedSimplification(wine, { ...spec, formula: "rating ~ temp + contact + (1 | judge) + (1 | bottle)" });
  assert.equal(log.resolved, true, formatSimplificationLog(log));
  assert.equal(log.finalFormula, "rating ~ temp + contact + (1 | judge)");
});

test("Gamma (log link): a correlation at −1 of a numeric slope is named and made uncorrelated", () => {
  const data = table("reference-families/data/positive-crossed.csv");
  const model = fitModelForFix(data, { formula: "time ~ x + cond + (1 + x | item) + (1 | subj)", family: "gamma", link: "log" });
  assert.equal(model.fit.singular, true);
  const d = diagnose(model);
  assert.deepEqual(d.causes.map((c) => [c.kind, c.group, c.effect]), [["perfect-correlation", "item", "x"]]);
  assert.deepEqual(d.suggestions.map((s) => s.formula), ["time ~ x + cond + (1 + x || item) + (1 | subj)"]);
});
