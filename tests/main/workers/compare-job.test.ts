// The comparison job (main/workers/jobs/fit.ts compareJob): its first progress message says what
// is really done for each kind of model (compare-progress.ts) — lme4's anova() refits REML lmer
// fits by ML, while glmer fits are maximum likelihood already and are fitted as specified — and
// each table row names its model by position in the list given (rows are in npar order, and two
// models may share a formula).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readCsv, type DataTable } from "../../../app/data";
import { compareJob } from "../../../main/workers/jobs/fit";
import { comparisonStartMessage } from "../../../main/workers/jobs/compare-progress";
import type { FitSpec } from "../../../app/engine/run-fit";

const read = (name: string): DataTable => readCsv(new Uint8Array(readFileSync(`tests/fixtures/reference/data/${name}`)), {}).table;

function run(table: DataTable, specs: FitSpec[]) {
  const messages: string[] = [];
  const result = compareJob({ table, specs }, { progress: (_f, m) => messages.push(m) });
  return { result, messages };
}

test("glmer models: the comparison says they are fitted (not refitted) by maximum likelihood, with their approximation", () => {
  const cbpp = read("cbpp.csv");
  const specs: FitSpec[] = [
    { formula: "cbind(incidence, size - incidence) ~ period + (1 | herd)", family: "binomial", categorical: ["period"] },
    { formula: "cbind(incidence, size - incidence) ~ 1 + (1 | herd)", family: "binomial", categorical: ["period"] },
  ];
  const { result, messages } = run(cbpp, specs);
  assert.equal(messages[0], "Fitting 2 models (binomial, maximum likelihood by the Laplace approximation)…");
  assert.ok(!messages.some((m) => /Refitting|REML/.test(m)), messages.join(" | "));
  // lme4's anova(m1, m0) lists m0 (npar 2) first: the second model given.
  assert.deepEqual(result.rows.map((r) => r.model), [1, 0]);
  assert.equal(result.refitted, false);
  assert.equal(
    comparisonStartMessage(specs.map((s) => ({ ...s, nAGQ: 0 }))),
    "Fitting 2 models (binomial, maximum likelihood by the fast approximation, nAGQ = 0)…",
  );
  assert.match(comparisonStartMessage([{ formula: "y ~ 1 + (1 | g)", family: "poisson", nAGQ: 5 }, { formula: "y ~ x + (1 | g)", family: "poisson", nAGQ: 5 }]), /^Fitting 2 models \(poisson, .*adaptive Gauss–Hermite, nAGQ = 5\)…$/);
});

test("linear models: REML fits are said to be refitted by ML, ML fits only fitted; same formula, two rows, two models", () => {
  const sleep = read("sleepstudy.csv");
  const formula = "Reaction ~ Days + (Days | Subject)";
  const { result, messages } = run(sleep, [{ formula }, { formula, method: "ML" }]);
  assert.equal(messages[0], "Fitting 2 models by maximum likelihood; 1 fitted by REML is refitted by ML, as anova() does…");
  // Same formula and the same ML fit: the rows keep their own models.
  assert.deepEqual(result.rows.map((r) => r.model), [0, 1]);
  assert.equal(result.rows[0].formula, result.rows[1].formula);
  assert.equal(result.refitted, true);
  assert.equal(comparisonStartMessage([{ formula }, { formula: "Reaction ~ Days + (1 | Subject)" }]), "Refitting 2 models by maximum likelihood (ML instead of REML, as anova() does)…");
  assert.equal(comparisonStartMessage([{ formula, method: "ML" }, { formula: "Reaction ~ Days + (1 | Subject)", method: "ML" }]), "Fitting 2 models by maximum likelihood…");
});
