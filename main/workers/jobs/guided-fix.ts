/**
 * Guided fix in a worker: refit the LMM, GLMM (no inference step) or ordinal model and say why it is singular or did not
 * converge, with the simpler models app/guided-fix suggests.
 */
import type { DataTable } from "../../../app/data";
import type { FitSpec } from "../../../app/engine/run-fit";
import { diagnose, fitModelForFix, type Diagnosis } from "../../../app/guided-fix";
import type { JobContext } from "../job-context";

export interface GuidedFixJobInput {
  readonly table: DataTable;
  readonly spec: FitSpec;
}

export function guidedFixJob(input: GuidedFixJobInput, context: JobContext): Diagnosis {
  context.progress(null, "Looking for the cause…");
  return diagnose(fitModelForFix(input.table, input.spec));
}
