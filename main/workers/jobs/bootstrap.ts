/**
 * One worker's share of a parametric bootstrap (refits `from` … `to − 1`): fit the model (every
 * share fits the same data the same way, so every worker simulates from the same θ̂, β̂, σ̂), then
 * simulate and refit (app/inference/bootstrap). Also a share of pbkrtest's PBmodcomp
 * (app/inference/pb-modcomp). Progress reports refits done in this share, at most every 50 ms;
 * main/workers/run-bootstrap.ts sums the shares.
 */
import type { DataTable } from "../../../app/data";
import { MixwellError } from "../../../app/errors";
import { runFitWithFrame, type FitSpec } from "../../../app/engine/run-fit";
import type { LmmFit } from "../../../app/engine/lmm";
import { bootstrapLabels, bootstrapRefits } from "../../../app/inference/bootstrap";
import type { BootstrapLabel, PbRefit, RefitOutcome } from "../../../app/inference/bootstrap-summary";
import { fitPbModels, pbRefits } from "../../../app/inference/pb-modcomp";
import type { ResidualStructureSpec } from "../../../app/engine/residual-structure";
import type { JobContext } from "../job-context";

export interface BootstrapShareInput {
  readonly table: DataTable;
  readonly spec: FitSpec & { readonly residual?: ResidualStructureSpec };
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

export interface BootstrapShareOutput {
  readonly labels: BootstrapLabel[];
  readonly refits: RefitOutcome[];
}

/** Progress as refits done of this share; `fraction` carries it, the message says it. */
function refitCounter(context: JobContext, total: number): () => void {
  let done = 0;
  let last = 0;
  return () => {
    done++;
    const now = performance.now();
    if (done < total && now - last < 50) return;
    last = now;
    context.progress(done / total, `${done} of ${total} refits`);
  };
}

export function bootstrapShareJob(input: BootstrapShareInput, context: JobContext): BootstrapShareOutput {
  const { spec, table } = input;
  if ((spec.family ?? "gaussian") !== "gaussian") throw new MixwellError("The parametric bootstrap is available for linear mixed models (gaussian family).");
  if (spec.residual && (spec.residual.correlation || spec.residual.varianceBy)) throw new MixwellError("The parametric bootstrap is for models without a residual correlation or variance structure.");
  const { fit, frame } = runFitWithFrame(table, { ...spec, inference: false, profileCi: false });
  const refits = bootstrapRefits(frame, fit as LmmFit, input.seed, input.from, input.to, refitCounter(context, input.to - input.from));
  return { labels: bootstrapLabels(frame), refits };
}

export interface PbShareInput {
  readonly table: DataTable;
  readonly specs: readonly FitSpec[];
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

export interface PbShareOutput {
  readonly lrt: number;
  readonly df: number;
  readonly refits: PbRefit[];
}

export function pbShareJob(input: PbShareInput, context: JobContext): PbShareOutput {
  const models = fitPbModels(input.table, input.specs);
  const refits = pbRefits(models, input.seed, input.from, input.to, refitCounter(context, input.to - input.from));
  return { lrt: models.lrt, df: models.df, refits };
}
