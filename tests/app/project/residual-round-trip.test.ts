// A model with a residual structure (issue 20) and its result survive serialize → parse with no
// change of the project version; older specs have no such field; a damaged one is refused; the
// fit request accepts the field and refuses an unknown structure.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { createProject, fitModel, parseProject, projectDataFromTable, serializeProject } from "../../../app/project";
import { parseEnvelope } from "../../../app/api/validate";
import type { ModelSpec } from "../../../app/model-spec";

const table = parseCsv(readFileSync(join(import.meta.dirname, "../../fixtures/nlme-residual/data/ovary.csv")));
const spec: ModelSpec = {
  name: "AR(1)",
  formula: "follicles ~ sin2pi + cos2pi + (1 | Mare)",
  family: "gaussian",
  method: "REML",
  contrasts: "treatment",
  categorical: ["Mare"],
  residual: { correlation: "ar1", time: "obs" },
};

test("a residual-structure model and its result read back unchanged", () => {
  const result = fitModel(table, spec, "2026-12-07T12:00:00.000Z");
  // nlme: tests/fixtures/nlme-residual/cases/ovary-ar1-reml.json
  assert.ok(Math.abs(result.view.residualStructure!.correlation!.parameter! - 0.607442276852759) < 1e-4);
  assert.ok(Math.abs(result.view.logLik - -775.223348326966) < 1e-3);
  const project = createProject(
    { data: projectDataFromTable(table, "ovary.csv", ["NA", ""]), models: [{ spec, result }], view: { selectedModel: 0, settings: {} } },
    "0.1.0",
    "2026-12-07T12:01:00.000Z",
  );
  const back = parseProject(serializeProject(project), "ovary.mixwell");
  assert.deepEqual(back, JSON.parse(JSON.stringify(project)));
  assert.deepEqual(back.models[0].spec.residual, { correlation: "ar1", time: "obs" });
  assert.equal(back.models[0].result!.view.residualStructure!.description, "AR(1) over obs within Mare");
});

test("a damaged residual field is refused, naming it", () => {
  const project = createProject({ data: null, models: [{ spec, result: null }], view: { selectedModel: 0, settings: {} } }, "0.1.0");
  const doc = JSON.parse(serializeProject(project)) as { models: { spec: { residual: Record<string, unknown> } }[] };
  doc.models[0].spec.residual.correlation = "ar2";
  assert.throws(() => parseProject(JSON.stringify(doc), "bad.mixwell"), /residual/);
});

test("the fit request accepts a residual structure and refuses an unknown one", () => {
  const call = (residual: unknown) => parseEnvelope({ requestId: "r1", method: "fit", payload: { tableId: "t1", spec: { formula: spec.formula, residual } } });
  assert.deepEqual((call({ correlation: "car1", time: "Time" }).payload as unknown as { spec: { residual: unknown } }).spec.residual, { correlation: "car1", time: "Time" });
  assert.throws(() => call({ correlation: "ar2" }));
  assert.throws(() => call({ correlation: "ar1", lag: 2 }));
});
