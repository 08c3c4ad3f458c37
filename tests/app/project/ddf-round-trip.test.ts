// The model specification's df method (Satterthwaite / Kenward–Roger): carried to runFit by
// fitOptionsOf, shown in the result (FitView), and kept by the project file; files saved before
// the field existed open as Satterthwaite.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fitOptionsOf } from "../../../app/model-spec";
import { anovaTable } from "../../../app/report/result-tables";
import { createProject, fitModel, parseProject, projectDataFromTable, serializeProject } from "../../../app/project";
import { parseEnvelope } from "../../../app/api/validate";
import { sleepstudy, spec } from "./sample-projects";

const formula = "Reaction ~ Days + (Days | Subject)";

test("fitOptionsOf passes Kenward–Roger to the fit, and leaves the default out (older specs compare equal)", () => {
  assert.equal(fitOptionsOf(spec("KR", formula, { ddf: "Kenward-Roger" })).ddf, "Kenward-Roger");
  assert.deepEqual(fitOptionsOf(spec("S", formula, { ddf: "Satterthwaite" })), fitOptionsOf(spec("S", formula)));
  assert.equal("ddf" in fitOptionsOf(spec("bin", "y ~ x + (1 | g)", { family: "binomial", ddf: "Kenward-Roger" })), false);
});

test("a Kenward–Roger model and its result survive serialize → parse; its ANOVA says Kenward–Roger", () => {
  const kr = spec("KR", formula, { ddf: "Kenward-Roger" });
  const result = fitModel(sleepstudy, kr, "2026-11-26T12:00:00.000Z");
  assert.equal(result.view.ddfMethod, "Kenward-Roger");
  // sleepstudy slopes, pbkrtest (tests/app/inference/kenward-roger/reference.json): Days df 17, F 45.853
  assert.ok(Math.abs(result.view.fixef[1].df! - 17) < 1e-3);
  assert.ok(Math.abs(result.view.anova![0].F! - 45.8529615558584) < 1e-3 * 45.85);
  assert.match(anovaTable(result.view).title, /Kenward-Roger/);
  const project = createProject(
    { data: projectDataFromTable(sleepstudy, "sleepstudy.csv", ["NA", ""]), models: [{ spec: kr, result }], view: { selectedModel: 0, settings: {} } },
    "0.1.0",
    "2026-11-26T12:01:00.000Z",
  );
  const back = parseProject(serializeProject(project), "kr.mixwell");
  assert.deepEqual(back, JSON.parse(JSON.stringify(project)));
  assert.equal(back.models[0].spec.ddf, "Kenward-Roger");
  assert.equal(back.models[0].result!.view.ddfMethod, "Kenward-Roger");
});

test("an older project without the field opens with Satterthwaite; an unknown df method is refused as damaged", () => {
  const old = parseProject(readFileSync(join(import.meta.dirname, "fixtures/version1.mixwell")), "old.mixwell");
  assert.equal(old.models[0].spec.ddf, undefined);
  assert.equal(fitOptionsOf(old.models[0].spec).ddf, undefined);
  const project = createProject({ data: null, models: [{ spec: spec("S", formula), result: null }], view: { selectedModel: 0, settings: {} } }, "0.1.0");
  const doc = JSON.parse(serializeProject(project)) as { models: { spec: Record<string, unknown> }[] };
  doc.models[0].spec.ddf = "Kenward";
  assert.throws(() => parseProject(JSON.stringify(doc), "bad.mixwell"), /ddf/);
});

test("the fit request accepts the df method and refuses an unknown one", () => {
  const call = (ddf: string) => parseEnvelope({ requestId: "r1", method: "fit", payload: { tableId: "t1", spec: { formula, ddf } } });
  assert.equal((call("Kenward-Roger").payload as unknown as { spec: { ddf: string } }).spec.ddf, "Kenward-Roger");
  assert.throws(() => call("KR"));
});
