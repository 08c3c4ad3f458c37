/**
 * Fit a stored model on the project's data the way the app's worker does (main/workers/jobs/fit.ts):
 * runFit (with its model frame), toFitView. Used where there is no worker (the CLI report).
 */
import type { DataTable } from "../data/column";
import { runFitWithFrame } from "../engine/run-fit";
import { fitOptionsOf, type ModelSpec } from "../model-spec";
import { toFitView } from "../model-spec/to-fit-view";
import type { ModelResult } from "./schema";
import { hasResidualStructure, runResidualFit } from "../engine/residual-structure";
import { residualFitView } from "../model-spec/residual-fit-view";
import { fitOrdinalView } from "../model-spec/ordinal-fit-view";

export function fitModel(table: DataTable, spec: ModelSpec, fittedAt = new Date().toISOString()): ModelResult {
  const started = performance.now();
  if (spec.family === "ordinal") return { view: fitOrdinalView(table, spec), fittedSpec: spec, current: true, fittedAt };
  const options = fitOptionsOf(spec);
  if (hasResidualStructure(options.residual)) {
    const fit = runResidualFit(table, { ...options, residual: options.residual });
    return { view: residualFitView(fit, table.nrow - fit.nobs, (performance.now() - started) / 1000), fittedSpec: spec, current: true, fittedAt };
  }
  const { fit, frame } = runFitWithFrame(table, options);
  return { view: toFitView(fit, frame, (performance.now() - started) / 1000), fittedSpec: spec, current: true, fittedAt };
}
