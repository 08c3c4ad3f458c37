/**
 * A rename changes no data (issue 15): the results of a fit, renamed, must equal the results of
 * fitting the renamed data — the same numbers under the names a fresh fit gives them. Checked on
 * politeness with names that need quoting and names that run into their levels (attitudepol).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { applyEdit, readCsv, type DataTable } from "../../../app/data";
import { renameColumnInText, splitInteraction } from "../../../app/formula";
import { renameCoefficient, renameColumnInEmmeans, renameColumnInFit, renameColumnInInference, renameColumnInPosthoc, renameColumnInSpec, type FitView, type ModelSpec } from "../../../app/model-spec";
import type { InferenceResults } from "../../../app/project";
import { runFitWithFrame } from "../../../app/engine/run-fit";
import type { LmmFit } from "../../../app/engine/lmm";
import { ranova } from "../../../app/inference/ranova";
import { standardizedEffects } from "../../../app/inference/standardize";
import { computePosthoc, fitModel } from "../../../app/project";

const csv = readFileSync(join(import.meta.dirname, "../../fixtures/reference/data/politeness.csv"), "utf8");
const politeness = readCsv(csv.replace('"subject","gender"', '"Subject ID","gen der"')).table;

function renamed(table: DataTable, from: string, to: string): DataTable {
  return applyEdit(table, { kind: "renameColumn", col: table.columns.findIndex((c) => c.name === from), name: to }).table;
}

/** The fit without its timing (two fits of the same data differ only there). */
const untimed = (v: FitView) => ({ ...v, seconds: 0 });

const spec: ModelSpec = {
  name: "m",
  formula: "frequency ~ attitude * `gen der` + log(scenario) + (1 + attitude | `Subject ID`)",
  family: "gaussian",
  method: "REML",
  contrasts: "treatment",
  categorical: [],
};

const RENAMES: readonly [string, string][] = [
  ["attitude", "Attitude (polite/informal)"],
  ["gen der", "gender"],
  ["Subject ID", "if"],
  ["frequency", "Pitch (Hz)"],
  ["scenario", "sc"],
];

test("a renamed fit equals the fit of the renamed data, for each column of the model", () => {
  const fit = fitModel(politeness, spec).view;
  for (const [from, to] of RENAMES) {
    const fresh = fitModel(renamed(politeness, from, to), renameColumnInSpec(spec, from, to)).view;
    assert.deepEqual(untimed(renameColumnInFit(fit, from, to)), untimed(fresh), `${from} → ${to}`);
    // And back again: the names return exactly.
    assert.deepEqual(untimed(renameColumnInFit(renameColumnInFit(fit, from, to), to, from)), untimed(fit), `${to} → ${from}`);
  }
});

test("a fit that does not use the column is returned as it is", () => {
  const fit = fitModel(politeness, spec).view;
  assert.equal(renameColumnInFit(fit, "nothing", "x"), fit);
});

test("a renamed post-hoc result equals the one computed on the renamed data", () => {
  const request = { specs: ["attitude"], by: ["`gen der`"], adjust: "tukey" as const, df: null };
  const result = computePosthoc(politeness, spec, request);
  for (const [from, to] of RENAMES.slice(0, 2)) {
    const fresh = computePosthoc(renamed(politeness, from, to), renameColumnInSpec(spec, from, to), renameColumnInPosthoc(request, from, to));
    const strip = (v: ReturnType<typeof computePosthoc>) => JSON.parse(JSON.stringify(v, (k, x) => (k === "L" ? undefined : x)));
    assert.deepEqual(strip(renameColumnInEmmeans(result, from, to)), strip(fresh), `${from} → ${to}`);
  }
});

test("coefficient names: a plain name runs into its level, the longest column of the model wins, quoted names end at the backtick", () => {
  const columns = ["cond", "condition", "gen der", "x"];
  assert.equal(renameCoefficient("condB", "cond", "c 2", columns), "`c 2`B");
  assert.equal(renameCoefficient("conditionB", "cond", "c 2", columns), "conditionB");
  assert.equal(renameCoefficient("condB:`gen der`M", "gen der", "sex", columns), "condB:sexM");
  assert.equal(renameCoefficient("poly(x, 2)1:condB", "x", "time (h)", columns), "poly(`time (h)`, 2)1:condB");
  assert.equal(renameCoefficient("(Intercept)", "Intercept", "x", [...columns, "Intercept"]), "(Intercept)");
  assert.equal(renameColumnInText(renameCoefficient("`gen der`M", "gen der", "if", columns), "if", "gen der"), "`gen der`M");
});

test("a fit with a residual structure (nlme): its structure and description follow the rename too", () => {
  const sleep = readCsv(readFileSync(join(import.meta.dirname, "../../fixtures/reference/data/sleepstudy.csv"), "utf8")).table;
  const ar1: ModelSpec = { ...spec, formula: "Reaction ~ Days + (1 | Subject)", residual: { correlation: "ar1", time: "Days" } };
  const fit = fitModel(sleep, ar1).view;
  assert.ok(fit.residualStructure, "fitted with a residual structure");
  for (const [from, to] of [["Days", "Days of sleep deprivation"], ["Subject", "Subject ID"]] as const) {
    const fresh = fitModel(renamed(sleep, from, to), renameColumnInSpec(ar1, from, to)).view;
    assert.deepEqual(untimed(renameColumnInFit(fit, from, to)), untimed(fresh), `${from} → ${to}`);
  }
});

test("splitInteraction splits at the colons of an interaction only", () => {
  assert.deepEqual(splitInteraction("attitudepol:`a:b`M:log(t)"), ["attitudepol", "`a:b`M", "log(t)"]);
  assert.deepEqual(splitInteraction('I(x == "a:b"):g[1:2]'), ['I(x == "a:b")', "g[1:2]"]);
  assert.deepEqual(splitInteraction("(Intercept)"), ["(Intercept)"]);
});

test("the inference run on a fit (random-effect tests, standardized effects) follows the rename as a fresh run on the renamed data", () => {
  const sleep = readCsv(readFileSync(join(import.meta.dirname, "../../fixtures/reference/data/sleepstudy.csv"), "utf8")).table;
  const formula = "Reaction ~ Days + (Days | Subject)";
  const infer = (table: DataTable, f: string): InferenceResults => {
    const s = { formula: f, family: "gaussian" as const, method: "REML" as const, contrasts: "treatment" as const, categorical: [] };
    const { fit, frame } = runFitWithFrame(table, { ...s, inference: false, profileCi: false });
    return { ranova: { reml: true, rows: ranova(table, f, fit as LmmFit, frame, {}) }, standardized: standardizedEffects(table, s, frame) };
  };
  const stored = infer(sleep, formula);
  for (const [from, to] of [["Days", "Days of sleep deprivation"], ["Subject", "Subject ID"], ["Reaction", "if"]] as const) {
    const fresh = infer(renamed(sleep, from, to), renameColumnInText(formula, from, to));
    assert.deepEqual(renameColumnInInference(stored, formula, from, to), fresh, `${from} → ${to}`);
  }
});
