// The export dialog's model choice through the API (issue 15, "a report never mixes data sets"): a
// report request with a list of models prints only those, refits a chosen model whose stored fit
// was made on other data (never printing its stale numbers), and refuses a list naming no model.
// Reference: lme4 1.1-31, lmer(Reaction ~ Days + (1 | Subject), sleepstudy, REML = FALSE):
// (Intercept) 251.405105 SE 9.50618519, Days 10.467286 SE 0.80173542; with Reaction doubled the
// intercept is 502.810210 (the stale fit below).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFParse } from "pdf-parse";
import type { ApiResult } from "../../../app/api";
import { parseCsv } from "../../../app/data";
import { createProject, fitModel, projectDataFromTable, type Project } from "../../../app/project";
import { reportModels } from "../../../app/project/report-models";
import { ApiDispatcher, createHandlers, TableStore } from "../../../main/api";
import { WorkerPool } from "../../../main/workers";
import { sleepstudy, spec } from "../../app/project/sample-projects";

const csv = readFileSync(join(import.meta.dirname, "../../fixtures/reference/data/sleepstudy.csv"), "utf8");
// The "other data" the stale fit was made on: every reaction time doubled.
const doubled = parseCsv(
  csv.replace(/^([0-9.]+),/gm, (_, r: string) => `${Number(r) * 2},`),
  { categorical: ["Subject"] },
);

const slopes = spec("Random slopes", "Reaction ~ Days + (Days | Subject)");
const intercepts = spec("Intercepts", "Reaction ~ Days + (1 | Subject)", { method: "ML" });
const noDays = spec("No days", "Reaction ~ 1 + (1 | Subject)");

function project(): Project {
  const stale = fitModel(doubled, intercepts, "2026-11-26T11:00:00.000Z");
  return createProject(
    {
      data: projectDataFromTable(sleepstudy, "sleepstudy.csv", ["NA", ""]),
      models: [
        { spec: slopes, result: fitModel(sleepstudy, slopes, "2026-11-26T12:00:00.000Z") },
        { spec: intercepts, result: { ...stale, current: false }, posthoc: [] },
        { spec: noDays, result: fitModel(sleepstudy, noDays, "2026-11-26T12:00:00.000Z") },
      ],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
  );
}

function setup(t: { after(fn: () => unknown): void }) {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-report-models-"));
  const pool = new WorkerPool({ size: 1 });
  const d = new ApiDispatcher(createHandlers({ mode: "browser", pool, tables: new TableStore(), quit: () => {}, configDir: join(dir, "config") }));
  t.after(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });
  let counter = 0;
  const call = async <T>(method: string, payload: unknown): Promise<ApiResult<T>> =>
    (await d.dispatch({ requestId: `r${++counter}`, method, payload }, () => {})).result as ApiResult<T>;
  return { dir, call };
}

test("the stale fit really was made on other data (the test can tell the two apart)", () => {
  const stale = project().models[1].result!;
  assert.equal(stale.view.fixef[0].estimate.toFixed(2), "502.81");
});

test("reportModels keeps only the chosen models and refits the out-of-date one on the current data", () => {
  const refitted: string[] = [];
  const original = project();
  const chosen = reportModels(original, [0, 1], (name) => refitted.push(name));
  assert.deepEqual(chosen.models.map((m) => m.spec.name), ["Random slopes", "Intercepts"]);
  assert.deepEqual(refitted, ["Intercepts"]);
  const fit = chosen.models[1].result!;
  assert.equal(fit.current, true);
  assert.ok(Math.abs(fit.view.fixef[0].estimate - 251.405105) < 1e-3, String(fit.view.fixef[0].estimate));
  assert.ok(Math.abs(fit.view.fixef[0].se - 9.50618519) < 1e-3, String(fit.view.fixef[0].se));
  assert.ok(Math.abs(fit.view.fixef[1].estimate - 10.467286) < 1e-4);
  assert.equal(chosen.models[0].result, original.models[0].result, "a current fit is kept, not refitted");
  assert.equal(reportModels(original), original, "no list: the project as stored (the report leaves the stale fit out with a line)");
});

test("exportReport with a model list: only those models in the PDF, the out-of-date one refitted, never its stale numbers", async (t) => {
  const { dir, call } = setup(t);
  const written = await call<{ path: string }>("exportReport", { project: project(), projectName: "sleep.mixwell", numberStyle: "plain", models: [1, 2], path: join(dir, "report") });
  assert.ok(written.ok, !written.ok ? written.error.message : "");
  const text = (await new PDFParse({ data: new Uint8Array(readFileSync(written.value.path)) }).getText()).text;
  assert.match(text, /Model: Intercepts/);
  assert.match(text, /Model: No days/);
  assert.doesNotMatch(text, /Model: Random slopes/, "a model left out of the list is not in the report");
  assert.doesNotMatch(text, /Left out:/, "the chosen out-of-date model is refitted, not left out");
  assert.ok(text.includes("251.41"), "the refitted intercept (lme4: 251.405105)");
  assert.match(text, /\bIntercept 251\.41 9\.5062 /, "the refitted intercept and its standard error (lme4: 251.405105, 9.50618519)");
  assert.ok(!text.includes("502.81"), "the stale fit's intercept is not printed");
});

test("exportReport refuses a model list naming no model of the project, or one model twice", async (t) => {
  const { call } = setup(t);
  const request = { project: project(), projectName: "sleep.mixwell", numberStyle: "plain" };
  const beyond = await call("exportReport", { ...request, models: [0, 3] });
  assert.ok(!beyond.ok);
  assert.match(beyond.error.message, /model number 4, but the project has 3 models/);
  const twice = await call("exportReport", { ...request, models: [2, 2] });
  assert.ok(!twice.ok);
  assert.match(twice.error.message, /names model 'No days' twice/);
  const negative = await call("exportReport", { ...request, models: [-1] });
  assert.ok(!negative.ok);
});
