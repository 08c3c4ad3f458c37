/**
 * Fit a stored model on the project's data the way the app's worker does (main/workers/jobs/fit.ts):
 * build the model frame, runFit, toFitView. Used where there is no worker (the CLI report).
 */
import type { DataTable } from "../data/column";
import { buildModelFrame } from "../engine/model-frame";
import { runFit } from "../engine/run-fit";
import { parseFormula } from "../formula";
import { fitOptionsOf, type ModelSpec } from "../model-spec";
import { toFitView } from "../model-spec/to-fit-view";
import type { ModelResult } from "./schema";

export function fitModel(table: DataTable, spec: ModelSpec, fittedAt = new Date().toISOString()): ModelResult {
  const started = performance.now();
  const options = fitOptionsOf(spec);
  const frame = buildModelFrame(table, parseFormula(options.formula), {
    categorical: options.categorical,
    contrasts: options.contrasts,
    family: options.family,
  });
  const fit = runFit(table, options);
  return { view: toFitView(fit, frame, (performance.now() - started) / 1000), fittedSpec: spec, current: true, fittedAt };
}
