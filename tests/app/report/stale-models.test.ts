// A report never mixes data sets (issue 15): a model whose fit was made on other data (edited or
// replaced since) is named with one line saying it is left out, and none of its numbers appear.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { runFitWithFrame } from "../../../app/engine/run-fit";
import { toFitView } from "../../../app/model-spec/to-fit-view";
import { modelReportText } from "../../../app/report/text-report";
import type { ModelSpec } from "../../../app/model-spec";
import type { ProjectModel } from "../../../app/project/schema";

const table = parseCsv(readFileSync(join(import.meta.dirname, "../../fixtures/reference/data/sleepstudy.csv")));
const spec: ModelSpec = { name: "Sleep", formula: "Reaction ~ Days + (Days | Subject)", family: "gaussian", method: "REML", contrasts: "treatment", categorical: [] };
const { fit, frame } = runFitWithFrame(table, { formula: spec.formula });
const model = (current: boolean): ProjectModel => ({ spec, result: { view: toFitView(fit, frame, 0), fittedSpec: spec, current, fittedAt: null } });

test("a current fit is reported with its tables; one fitted on other data is left out with one line", () => {
  const estimate = fit.fixef[1].estimate.toFixed(2);
  const current = modelReportText(model(true), table);
  assert.match(current, /Fixed effects/);
  assert.ok(current.includes(estimate), current);
  const stale = modelReportText(model(false), table);
  assert.match(stale, /Model: Sleep/);
  assert.match(stale, /Left out: this model was fitted on other data \(edited or replaced since\); refit it to report its results\./);
  assert.doesNotMatch(stale, /Fixed effects/);
  assert.ok(!stale.includes(estimate), stale);
});
