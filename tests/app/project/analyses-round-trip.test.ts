// Project format 3: each model's guided-fix step and post-hoc analyses are saved, validated and
// read back; version 2 files still open (migrated with no step and no analyses). The post-hoc
// numbers compared with R are in tests/app/report/analyses-report.test.ts (cake, cbpp values from
// tests/app/emmeans/reference.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  computePosthoc, createProject, fitModel, parseProject, projectDataFromTable, PROJECT_VERSION, serializeProject, type GuidedStep, type PosthocSpec, type Project,
} from "../../../app/project";
import { cake, CAKE_FORMULA, cbpp, spec } from "./sample-projects";

const STEP: GuidedStep = {
  fromModel: "Model 1",
  fromFormula: "angle ~ recipe * temperature + (1 + temperature | recipe:replicate)",
  causes: ["The correlation between the intercept and the slope of temperaturet185 across 'recipe:replicate' groups is estimated as 1.00."],
  action: "drop-slope",
  reason: "remove that random slope",
  formula: CAKE_FORMULA,
  at: "2026-11-26T12:05:00.000Z",
};

let cached: Project | null = null;
function cakeProject(): Project {
  if (cached) return cached;
  const model = spec("Model 1, slope dropped", CAKE_FORMULA);
  const tukey: PosthocSpec = { specs: ["recipe"], by: [], adjust: "tukey", df: "satterthwaite" };
  const byRecipe: PosthocSpec = { specs: ["temperature"], by: ["recipe"], adjust: "holm", df: null };
  cached = createProject(
    {
      data: projectDataFromTable(cake, "cake.csv"),
      models: [
        {
          spec: model,
          result: fitModel(cake, model, "2026-11-26T12:06:00.000Z"),
          guidedStep: STEP,
          posthoc: [
            { request: tukey, result: computePosthoc(cake, model, tukey) },
            { request: byRecipe, result: null },
          ],
        },
      ],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
    "2026-11-26T12:07:00.000Z",
  );
  return cached;
}

test("format 3 saves a model's guided-fix step and post-hoc analyses, and reads them back unchanged", () => {
  const project = cakeProject();
  const text = serializeProject(project);
  assert.equal(JSON.parse(text).version, 3);
  const back = parseProject(text, "cake.mixwell");
  assert.deepEqual(back, JSON.parse(JSON.stringify(project)));
  const m = back.models[0];
  assert.deepEqual(m.guidedStep, STEP);
  assert.deepEqual(m.posthoc!.map((a) => a.request), project.models[0].posthoc!.map((a) => a.request));
  const pairs = m.posthoc![0].result!.pairs!;
  assert.equal(pairs.adjust, "tukey");
  assert.deepEqual(pairs.rows.map((r) => r.p), project.models[0].posthoc![0].result!.pairs!.rows.map((r) => r.p), "p-values keep every digit");
  assert.equal(m.posthoc![1].result, null);
});

test("a GLMM's asymptotic df (∞, written as null in JSON) reads back as ∞", () => {
  const model = spec("cbpp", "cbind(incidence, size - incidence) ~ period + (1 | herd)", { family: "binomial" });
  const request: PosthocSpec = { specs: ["period"], by: [], adjust: "tukey", df: null };
  const result = computePosthoc(cbpp, model, request);
  assert.equal(result.means.dfMethod, "asymptotic");
  assert.equal(result.means.rows[0].df, Infinity);
  const project = createProject(
    { data: projectDataFromTable(cbpp, "cbpp.csv"), models: [{ spec: model, result: null, posthoc: [{ request, result }] }], view: { selectedModel: 0, settings: {} } },
    "0.1.0",
  );
  const back = parseProject(serializeProject(project), "cbpp.mixwell").models[0].posthoc![0].result!;
  assert.ok(back.means.rows.every((r) => r.df === Infinity));
  assert.ok(back.pairs!.rows.every((r) => r.df === Infinity));
  assert.deepEqual(back.means.response!.rows, result.means.response!.rows);
  assert.deepEqual(back.pairs!.rows.map((r) => r.ratio), result.pairs!.rows.map((r) => r.ratio));
});

test("a version 2 file opens: its models migrate with no guided-fix step and no post-hoc analyses", () => {
  // tests/app/project/fixtures/version2.mixwell: written by Mixwell with project format 2 (sleepstudy, one fitted model).
  const text = readFileSync(join(import.meta.dirname, "fixtures/version2.mixwell"), "utf8");
  assert.equal(JSON.parse(text).version, 2);
  const project = parseProject(text, "v2.mixwell");
  assert.equal(project.version, PROJECT_VERSION);
  assert.equal(project.data!.table.nrow, 180);
  assert.deepEqual(project.models.map((m) => [m.spec.name, m.guidedStep, m.posthoc]), [
    ["Random slopes", null, []],
    ["Intercepts", null, []],
  ]);
  assert.ok(Math.abs(project.models[0].result!.view.fixef[1].estimate - 10.467) < 1e-3);
  const again = parseProject(serializeProject(project), "v2.mixwell");
  assert.equal(JSON.parse(serializeProject(again)).version, 3);
  assert.deepEqual(again, project);
});

/** The saved document of the cake project with one change made by `edit`. */
function damaged(edit: (model: Record<string, any>) => void): string {
  const doc = JSON.parse(serializeProject(cakeProject()));
  edit(doc.models[0]);
  return JSON.stringify(doc);
}

test("damaged guided-fix and post-hoc fields are refused, naming the field and what it should be", () => {
  const cases: [(m: Record<string, any>) => void, RegExp][] = [
    [(m) => (m.posthoc[0].request.adjust = "sidak"), /models\[0\]\.posthoc\[0\]\.request\.adjust should be one of tukey, holm, bonferroni, none/],
    [(m) => (m.posthoc[0].request.specs = []), /models\[0\]\.posthoc\[0\]\.request\.specs should be at least one factor whose means are compared/],
    [(m) => (m.posthoc[1].request.by = ["temperature"]), /models\[0\]\.posthoc\[1\]\.request\.by should be factors other than those compared \('temperature' is in both\)/],
    [(m) => (m.posthoc[0].request.df = "wald"), /models\[0\]\.posthoc\[0\]\.request\.df should be one of satterthwaite, kenward-roger, asymptotic/],
    [(m) => delete m.posthoc[0].request.by, /models\[0\]\.posthoc\[0\]\.request\.by is missing/],
    [(m) => (m.posthoc[0].result.means.specs = ["temperature"]), /models\[0\]\.posthoc\[0\]\.result\.means\.specs should be the factors of the request \(recipe\)/],
    [(m) => (m.posthoc[0].result.pairs.adjust = "none"), /models\[0\]\.posthoc\[0\]\.result\.pairs\.adjust should be the adjustment of the request \(tukey\)/],
    [(m) => (m.posthoc[0].result.pairs.rows[1].p = "0.8"), /models\[0\]\.posthoc\[0\]\.result\.pairs\.rows\[1\]\.p should be a number/],
    [(m) => (m.posthoc = {}), /models\[0\]\.posthoc should be a list/],
    [(m) => (m.guidedStep.action = "drop-everything"), /models\[0\]\.guidedStep\.action should be one of drop-correlation, drop-slope, drop-term, centre-scale/],
    [(m) => (m.guidedStep.formula = " "), /models\[0\]\.guidedStep\.formula should be text that is not empty/],
    [(m) => delete m.guidedStep.fromModel, /models\[0\]\.guidedStep\.fromModel is missing/],
    [(m) => (m.guidedStep.causes = "singular"), /models\[0\]\.guidedStep\.causes should be a list/],
    [(m) => (m.guidedSteps = []), /models\[0\]\.guidedSteps is not part of a Mixwell project/],
  ];
  for (const [edit, message] of cases) {
    assert.throws(() => parseProject(damaged(edit), "cake.mixwell"), (err: Error) => {
      assert.match(err.message, /^Could not open 'cake\.mixwell'\. The project file is damaged: project\./);
      assert.match(err.message, message);
      return true;
    });
  }
});

test("serializeProject refuses a post-hoc analysis whose result does not match its request", () => {
  const project = cakeProject();
  const m = project.models[0];
  const wrong = { ...m, posthoc: [{ request: { ...m.posthoc![0].request, adjust: "holm" as const }, result: m.posthoc![0].result }] };
  assert.throws(() => serializeProject({ ...project, models: [wrong] }), /posthoc\[0\]\.result\.pairs\.adjust should be the adjustment of the request \(holm\)/);
});
