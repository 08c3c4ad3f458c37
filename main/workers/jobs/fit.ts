/**
 * Fit a mixed model in a worker (runFit, the one fit path) and return the plain FitView the UI
 * reads; also the likelihood-ratio comparison of several models (its first message says which
 * models are refitted by ML: compare-progress.ts). Progress reports the optimizer's evaluations and
 * current deviance, at most every 100 ms. Cancelling terminates the worker.
 */
import type { DataTable } from "../../../app/data";
import { runFitWithFrame, type FitSpec } from "../../../app/engine/run-fit";
import { runComparison, type ModelComparison } from "../../../app/inference";
import { checkComparison, fitForComparison } from "../../../app/inference/run-compare";
import type { ComparableFit } from "../../../app/inference/compare-models";
import type { FitView } from "../../../app/model-spec";
import { toFitView } from "../../../app/model-spec/to-fit-view";
import type { JobContext } from "../job-context";
import { hasResidualStructure, runResidualFit, type ResidualStructureSpec } from "../../../app/engine/residual-structure";
import { residualFitView } from "../../../app/model-spec/residual-fit-view";
import { fitOrdinalView } from "../../../app/model-spec/ordinal-fit-view";
import { comparisonStartMessage } from "./compare-progress";

export interface FitJobInput {
  readonly table: DataTable;
  readonly spec: FitSpec & { readonly residual?: ResidualStructureSpec };
}

export function fitJob(input: FitJobInput, context: JobContext): FitView {
  const started = performance.now();
  context.progress(null, "Preparing the model…");
  let last = 0;
  if (input.spec.family === "ordinal") {
    return fitOrdinalView(input.table, { ...input.spec, contrasts: input.spec.contrasts ?? "treatment", categorical: input.spec.categorical ?? [] }, {
      onProgress: ({ evaluations, objective }) => context.progress(null, `Iteration ${evaluations}, −log-likelihood ${objective.toFixed(4)}`),
    });
  }
  if (hasResidualStructure(input.spec.residual)) {
    const fit = runResidualFit(input.table, { ...input.spec, residual: input.spec.residual }, {
      onProgress: ({ evaluations, objective }) => context.progress(null, `Iteration ${evaluations}, −2 log-likelihood ${objective.toFixed(4)}`),
    });
    const dropped = input.table.nrow - fit.nobs;
    return residualFitView(fit, dropped, (performance.now() - started) / 1000);
  }
  const { fit, frame } = runFitWithFrame(input.table, input.spec, {
    onProgress: ({ evaluations, objective }) => {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      context.progress(null, `Iteration ${evaluations}, deviance ${objective.toFixed(4)}`);
    },
    onStage: ({ stage, done, total }) => context.progress(total > 0 ? done / total : null, `${stage} (${done} of ${total})`),
  });
  context.progress(1, "Preparing the results…");
  return toFitView(fit, frame, (performance.now() - started) / 1000);
}

export interface CompareJobInput {
  readonly table: DataTable;
  readonly specs: readonly FitSpec[];
}

export function compareJob(input: CompareJobInput, context: JobContext): ModelComparison {
  context.progress(null, comparisonStartMessage(input.specs));
  let fitted = 0;
  return runComparison(input.table, input.specs, {
    onProgress: ({ evaluations }) => {
      if (evaluations === 1) context.progress(null, `Fitting model ${++fitted} of ${input.specs.length}…`);
    },
  });
}

/** The checks of a comparison split over workers (main/workers/run-compare-pool.ts): before any result is used. */
export function compareCheckJob(input: CompareJobInput, context: JobContext): null {
  context.progress(null, "Checking that the models can be compared…");
  checkComparison(input.table, input.specs);
  return null;
}

export interface CompareFitJobInput extends CompareJobInput {
  /** The model of `specs` to fit. */
  readonly index: number;
}

/** One model of a comparison split over workers, fitted as anova() needs it (ML for linear models). */
export function compareFitJob(input: CompareFitJobInput, context: JobContext): ComparableFit {
  context.progress(null, `Fitting model ${input.index + 1} of ${input.specs.length}…`);
  return fitForComparison(input.table, input.specs, input.index);
}
