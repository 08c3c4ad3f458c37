/**
 * Random-effect tests in a worker: fit the linear mixed model (no inference step), then refit it
 * without each random-effect term or with a slope reduced (app/inference/ranova, lmerTest's ranova).
 * Also the Johnson–Neyman job, which likewise fits once and probes the fit.
 */
import type { DataTable } from "../../../app/data";
import { MixwellError } from "../../../app/errors";
import { runFitWithFrame, type FitSpec } from "../../../app/engine/run-fit";
import { ranova } from "../../../app/inference/ranova";
import type { LmmFit } from "../../../app/engine/lmm";
import type { JohnsonNeymanView, RanovaView } from "../../../app/api/contract-analysis";
import { runJohnsonNeyman } from "../../../app/inference/run-johnson-neyman";
import { standardizedEffects, type StandardizedEffect } from "../../../app/inference/standardize";
import type { ResidualStructureSpec } from "../../../app/engine/residual-structure";
import type { JobContext } from "../job-context";

export interface RanovaJobInput {
  readonly table: DataTable;
  readonly spec: FitSpec & { readonly residual?: ResidualStructureSpec };
}

export function ranovaJob(input: RanovaJobInput, context: JobContext): RanovaView {
  const { spec, table } = input;
  if ((spec.family ?? "gaussian") !== "gaussian") throw new MixwellError("Random-effect tests (lmerTest's ranova) are for linear mixed models.");
  if (spec.residual && (spec.residual.correlation || spec.residual.varianceBy)) throw new MixwellError("Random-effect tests are for models without a residual correlation or variance structure.");
  context.progress(null, "Fitting the model…");
  const { fit, frame } = runFitWithFrame(table, { ...spec, inference: false, profileCi: false });
  context.progress(null, "Refitting without each random-effect term…");
  const rows = ranova(table, spec.formula, fit as LmmFit, frame, { categorical: spec.categorical, contrasts: spec.contrasts, weights: spec.weights });
  return { reml: fit.method === "REML", rows };
}

export interface JohnsonNeymanJobInput extends RanovaJobInput {
  readonly x: string;
  readonly moderator: string;
}

/** Johnson–Neyman interval of x over the moderator (app/inference/run-johnson-neyman). */
export function johnsonNeymanJob(input: JohnsonNeymanJobInput, context: JobContext): JohnsonNeymanView {
  if (input.spec.residual && (input.spec.residual.correlation || input.spec.residual.varianceBy)) throw new MixwellError("Johnson–Neyman intervals are for models without a residual correlation or variance structure.");
  context.progress(null, "Fitting the model…");
  return runJohnsonNeyman(input.table, { ...input.spec, profileCi: false }, { x: input.x, moderator: input.moderator });
}

/** Standardized fixed effects: fit, then refit on standardized numeric columns (app/inference/standardize). */
export function standardizedEffectsJob(input: RanovaJobInput, context: JobContext): StandardizedEffect[] {
  if (input.spec.residual && (input.spec.residual.correlation || input.spec.residual.varianceBy)) throw new MixwellError("Standardized effects are for models without a residual correlation or variance structure.");
  context.progress(null, "Refitting on standardized columns…");
  const { frame } = runFitWithFrame(input.table, { ...input.spec, inference: false, profileCi: false });
  return standardizedEffects(input.table, input.spec, frame);
}
