// Guided fix of GLMMs (glmer): causes of singular / non-converged / nearly unidentifiable /
// separated fits, the one-click simpler models refitted against lme4, and the allFit-style
// optimiser table. R code: glmm-reference.R next to this file; its output (lme4 1.1-31):
// glmm-reference-output.txt. Numbers below are copied from that output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../app/data";
import type { FitSpec } from "../../../app/engine/run-fit";
import { checkOptimizers, criterionOf, diagnose, fitForFix, formatSimplificationLog, guidedSimplification, needsGuidedFix } from "../../../app/guided-fix";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const table = (f: string) => parseCsv(readFileSync(`${root}/tests/fixtures/${f}`, "utf8"));
const CBPP = "reference/data/cbpp.csv";
const TICKS = "reference/data/grouseticks.csv";

interface RFit {
  readonly theta: readonly number[];
  readonly beta: readonly number[];
  readonly se: readonly number[];
  readonly m2ll: number;
  readonly singular: boolean;
}

/** The reference tolerances (tests/fixtures/reference/README.md): objective, β in SEs, θ relative. */
function assertMatchesR(spec: FitSpec, file: string, r: RFit): void {
  const { fit } = fitForFix(table(file), spec);
  const objective = criterionOf(fit);
  assert.ok(objective <= r.m2ll + 1e-4 && objective >= r.m2ll - 1e-3, `${spec.formula}: −2logLik ${objective} vs R ${r.m2ll}`);
  assert.equal(fit.singular, r.singular, `${spec.formula}: singular`);
  fit.beta.forEach((b, j) => assert.ok(Math.abs(b - r.beta[j]) <= Math.max(1e-3 * r.se[j], 1e-6), `${spec.formula}: β${j} ${b} vs R ${r.beta[j]}`));
  fit.theta.forEach((t, i) => assert.ok(Math.abs(t - r.theta[i]) <= Math.max(1e-3 * Math.abs(r.theta[i]), 1e-5), `${spec.formula}: θ${i} ${t} vs R ${r.theta[i]}`));
}

const cbppSpec = (formula: string): FitSpec => ({ formula, family: "binomial", categorical: ["period", "herd"] });
const ticksSpec = (formula: string): FitSpec => ({ formula, family: "poisson", categorical: ["YEAR", "BROOD", "LOCATION"] });

test("cbpp with (1 | period): the period variance at zero and its 4 levels are named; dropping the term matches lme4", () => {
  // R: isSingular TRUE, period SD 3.208e-05 (θ 6.420986443e-01 3.208022631e-05), -2logLik 184.053132898
  const spec = cbppSpec("cbind(incidence, size - incidence) ~ period + (1 | herd) + (1 | period)");
  const model = fitForFix(table(CBPP), spec);
  assert.equal(model.fit.singular, true);
  const d = diagnose(model);
  assert.equal(d.ok, false);
  assert.deepEqual(d.causes.map((c) => [c.kind, c.group]), [["zero-variance", "period"], ["few-levels", "period"]]);
  assert.match(d.causes[1].message, /'period' has only 4 groups/);
  assert.deepEqual(d.suggestions.map((s) => [s.action, s.formula]), [["drop-term", "cbind(incidence, size - incidence) ~ period + (1 | herd)"]]);
  assertMatchesR(cbppSpec(d.suggestions[0].formula), CBPP, {
    theta: [0.6420699277],
    beta: [-1.398342864, -0.991924975, -1.128216216, -1.579745414],
    se: [0.2312140481, 0.3031506445, 0.3228301532, 0.4220491594],
    m2ll: 184.053132779,
    singular: false,
  });
});

test("the guided simplification of the cbpp model records its step and ends at lme4's cbpp fit (−2logLik 184.053132779)", () => {
  const log = guidedSimplification(table(CBPP), cbppSpec("cbind(incidence, size - incidence) ~ period + (1 | herd) + (1 | period)"));
  assert.equal(log.steps.length, 2);
  assert.equal(log.steps[0].applied?.action, "drop-term");
  assert.equal(log.resolved, true);
  assert.equal(log.finalFormula, "cbind(incidence, size - incidence) ~ period + (1 | herd)");
  assert.ok(Math.abs(log.steps[1].objective - 184.053132779) < 1e-4, String(log.steps[1].objective));
  assert.match(formatSimplificationLog(log), /Step 2: .*\(not singular, converged; criterion 184\.0531\)/);
});

test("grouseticks (1 + HEIGHT | LOCATION): HEIGHT is a location's height (between locations), the correlation at −1 and unscaled HEIGHT are named; the fix drops that slope; || and scale() refits match lme4", () => {
  // R: isSingular TRUE, Corr -1.000, HEIGHT mean 462.2407 sd 35.9565
  const model = fitForFix(table(TICKS), ticksSpec("TICKS ~ YEAR + HEIGHT + (1 + HEIGHT | LOCATION)"));
  const d = diagnose(model);
  const between = d.causes[0];
  assert.deepEqual([between.kind, between.group, between.predictor], ["between-group-slope", "LOCATION", "HEIGHT"]);
  const corr = d.causes.find((c) => c.kind === "perfect-correlation")!;
  assert.deepEqual([corr.group, corr.effect, corr.other], ["LOCATION", "HEIGHT", "(Intercept)"]);
  assert.match(corr.message, /estimated as -1\.00/);
  const scaled = d.causes.find((c) => c.kind === "poorly-scaled")!;
  assert.equal(scaled.predictor, "HEIGHT");
  assert.match(scaled.message, /mean 462 and SD 36\.0/);
  // Neither || nor scale() makes a between-location slope estimable: the only suggestion drops it.
  assert.deepEqual(d.suggestions.map((s) => [s.action, s.formula]), [["drop-slope", "TICKS ~ YEAR + HEIGHT + (1 | LOCATION)"]]);
  assertMatchesR(ticksSpec("TICKS ~ YEAR + HEIGHT + (1 + HEIGHT || LOCATION)"), TICKS, {
    theta: [0.9687003036, 0],
    beta: [11.87010931346, 0.93871931983, -1.41883415201, -0.02416726935],
    se: [1.804729359835, 0.083976766131, 0.121027254549, 0.003905896321],
    m2ll: 2267.0463958,
    singular: true,
  });
  assertMatchesR(ticksSpec("TICKS ~ YEAR + scale(HEIGHT) + (1 + scale(HEIGHT) | LOCATION)"), TICKS, {
    theta: [0.96440222023, -0.01371874371, 0.04637780104],
    beta: [0.7004020685, 0.9403464992, -1.4175441946, -0.865307748],
    se: [0.14938192526, 0.08499395458, 0.1217031502, 0.16915811491],
    m2ll: 2267.03271551,
    singular: false,
  });
});

test("grouseticks with unscaled HEIGHT: not converged and nearly unidentifiable (Rescale variables?) → centre and scale, which converges as in lme4", () => {
  // R: "Model failed to converge with max|grad| = 0.0397797", "Model is nearly unidentifiable: very large eigenvalue - Rescale variables?"
  const model = fitForFix(table(TICKS), ticksSpec("TICKS ~ YEAR + HEIGHT + (1 | BROOD) + (1 | LOCATION)"));
  assert.equal(needsGuidedFix(model.fit), true);
  const d = diagnose(model);
  assert.deepEqual(d.causes.map((c) => c.kind), ["not-converged", "nearly-unidentifiable", "poorly-scaled"]);
  assert.match(d.causes[1].message, /Rescale variables\?/);
  assert.deepEqual(d.suggestions.map((s) => [s.action, s.formula]), [["centre-scale", "TICKS ~ YEAR + scale(HEIGHT) + (1 | BROOD) + (1 | LOCATION)"]]);
  const spec = ticksSpec(d.suggestions[0].formula);
  assertMatchesR(spec, TICKS, {
    theta: [0.7696510877, 0.5741368746],
    beta: [0.4668622853, 1.1655823505, -0.9779324918, -0.8466355994],
    se: [0.1920215028, 0.2297882046, 0.2548214451, 0.124594365],
    m2ll: 1975.87631387,
    singular: false,
  });
  const after = fitForFix(table(TICKS), spec);
  assert.equal(after.fit.converged, true); // R: no messages
  assert.equal(diagnose(after).ok, true);
});

test("complete separation: every cond C row a success is named, next to the zero subject variance (lme4: condC 35.56, SE 6.2e6, singular)", () => {
  const model = fitForFix(table("guided-fix/separation.csv"), { formula: "y ~ cond + (1 | subject)", family: "binomial" });
  assert.equal(model.fit.singular, true);
  const d = diagnose(model);
  assert.deepEqual(d.causes.map((c) => c.kind), ["zero-variance", "separation", "separation"]);
  assert.equal(d.causes[1].predictor, "cond");
  assert.match(d.causes[1].message, /every row with cond = 'C' has outcome 1/);
  assert.match(d.causes[2].message, /estimate for 'condC' is extremely large/);
  assert.equal(d.suggestions.length, 0); // the only random term: nothing simpler to fit
});

test("allFit for glmer: on cbpp all optimisers agree (R: −2logLik 184.0531322–184.0531330 for all seven)", () => {
  const c = checkOptimizers(table(CBPP), cbppSpec("cbind(incidence, size - incidence) ~ period + (1 | herd) + (1 | period)"));
  assert.deepEqual(c.runs.map((r) => r.optimizer), ["bobyqa + Nelder_Mead (glmer's default)", "bobyqa", "Nelder_Mead", "nloptwrap (BOBYQA)"]);
  for (const r of c.runs) assert.ok(Math.abs(r.objective - 184.053132779) < 1e-4, `${r.optimizer}: ${r.objective}`);
  assert.equal(c.allAgree, true);
  // Evaluations are lme4's optinfo$feval (the last stage's optimiser count). R 4.x, lme4 1.1:
  //   m <- glmer(cbind(incidence, size - incidence) ~ period + (1 | herd) + (1 | period), cbpp, binomial)
  //   m@optinfo$feval                                  → 408
  //   a <- allFit(m); sapply(a, \(f) f@optinfo$feval)  → bobyqa 91, Nelder_Mead 377, nloptwrap.NLOPT_LN_BOBYQA 65
  assert.deepEqual(c.runs.map((r) => r.evaluations), [408, 91, 377, 65]);
});

test("allFit for glmer: unscaled grouseticks — the BOBYQA runs stop at a worse optimum than Nelder_Mead, as in lme4's allFit", () => {
  // R allFit −2logLik: bobyqa 1975.95891253, Nelder_Mead 1975.87631387, nloptwrap.NLOPT_LN_BOBYQA 1975.95877942
  const c = checkOptimizers(table(TICKS), ticksSpec("TICKS ~ YEAR + HEIGHT + (1 | BROOD) + (1 | LOCATION)"));
  const by = (name: string) => c.runs.find((r) => r.optimizer === name)!;
  assert.ok(Math.abs(by("Nelder_Mead").objective - 1975.87631387) < 1e-4);
  assert.ok(by("Nelder_Mead").agrees);
  for (const name of ["bobyqa", "nloptwrap (BOBYQA)"]) {
    assert.ok(by(name).objectiveDifference > 0.05 && by(name).objectiveDifference < 0.1, `${name}: Δ ${by(name).objectiveDifference}`);
    assert.equal(by(name).agrees, false);
  }
  assert.equal(c.allAgree, false);
  assert.match(c.message, /optimisers disagree/);
});
