/**
 * A parametric bootstrap in parts: "bootstrapStart" fits the model once (θ̂, β̂, σ̂ and the labels
 * of the statistics), then each "bootstrapShare" (refits `from` … `to − 1`) builds the model frame
 * as the fit did and simulates and refits from that fit (app/inference/bootstrap).
 * pbkrtest's PBmodcomp likewise (app/inference/pb-modcomp): "pbStart" fits both models once,
 * "pbShare" refits. Progress reports refits done in a share, at most every 50 ms;
 * main/workers/run-bootstrap.ts sums the shares.
 */
import type { DataTable } from "../../../app/data";
import { MixwellError } from "../../../app/errors";
import { runFitWithFrame, type FitSpec } from "../../../app/engine/run-fit";
import { buildModelFrame, type ModelFrame } from "../../../app/engine/model-frame";
import { parseFormula } from "../../../app/formula";
import type { LmmFit } from "../../../app/engine/lmm";
import { bootstrapLabels, bootstrapRefits, type BootstrapModel } from "../../../app/inference/bootstrap";
import type { BootstrapLabel, PbRefit, RefitOutcome } from "../../../app/inference/bootstrap-summary";
import { fitPbModels, pbRefits, type PbModels } from "../../../app/inference/pb-modcomp";
import type { ResidualStructureSpec } from "../../../app/engine/residual-structure";
import type { JobContext } from "../job-context";

export interface BootstrapShareInput {
  readonly table: DataTable;
  readonly spec: FitSpec & { readonly residual?: ResidualStructureSpec };
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  /** The fitted model the refits simulate from (bootstrapStart's). */
  readonly model: BootstrapModel;
}

export interface BootstrapShareOutput {
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

export interface BootstrapStartInput {
  readonly table: DataTable;
  readonly spec: FitSpec & { readonly residual?: ResidualStructureSpec };
}

export interface BootstrapStartOutput {
  readonly labels: BootstrapLabel[];
  readonly model: BootstrapModel;
}

function refuseUnsupported(spec: BootstrapStartInput["spec"]): void {
  if ((spec.family ?? "gaussian") !== "gaussian") throw new MixwellError("The parametric bootstrap is available for linear mixed models (gaussian family).");
  if (spec.residual && (spec.residual.correlation || spec.residual.varianceBy)) throw new MixwellError("The parametric bootstrap is for models without a residual correlation or variance structure.");
}

/** The parts of a fit the refits start from (only these are sent to the shares). */
const modelOf = ({ beta, theta, sigma, method, formula }: BootstrapModel): BootstrapModel => ({ beta, theta, sigma, method, formula });

/** Fit the model once for every share of the bootstrap. */
export function bootstrapStartJob(input: BootstrapStartInput, context: JobContext): BootstrapStartOutput {
  context.progress(null, "Fitting the model…");
  refuseUnsupported(input.spec);
  const { fit, frame } = runFitWithFrame(input.table, { ...input.spec, inference: false, profileCi: false });
  return { labels: bootstrapLabels(frame), model: modelOf(fit as LmmFit) };
}

/** The model frame exactly as runFitWithFrame builds it for the fit (the same options). */
function frameOf({ table, spec }: BootstrapStartInput): ModelFrame {
  return buildModelFrame(table, parseFormula(spec.formula), { categorical: spec.categorical, contrasts: spec.contrasts, family: "gaussian", weights: spec.weights });
}

export function bootstrapShareJob(input: BootstrapShareInput, context: JobContext): BootstrapShareOutput {
  refuseUnsupported(input.spec);
  return { refits: bootstrapRefits(frameOf(input), input.model, input.seed, input.from, input.to, refitCounter(context, input.to - input.from)) };
}

/** The two ML fits of a PBmodcomp, made once for every share ("pbStart"). */
export interface PbStartOutput {
  readonly lrt: number;
  readonly df: number;
  /** Which of the specs is the smaller model. */
  readonly smallIndex: 0 | 1;
  readonly small: BootstrapModel;
  readonly large: BootstrapModel;
}

export interface PbShareInput {
  readonly table: DataTable;
  readonly specs: readonly FitSpec[];
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  /** The fits the refits start from (pbStart's). */
  readonly start: PbStartOutput;
}

export interface PbShareOutput {
  readonly refits: PbRefit[];
}

export interface PbStartInput {
  readonly table: DataTable;
  readonly specs: readonly FitSpec[];
}

export function pbStartJob(input: PbStartInput, context: JobContext): PbStartOutput {
  context.progress(null, "Fitting both models by maximum likelihood…");
  const models = fitPbModels(input.table, input.specs);
  return { lrt: models.lrt, df: models.df, smallIndex: models.smallIndex, small: modelOf(models.small.fit), large: modelOf(models.large.fit) };
}

export function pbShareJob(input: PbShareInput, context: JobContext): PbShareOutput {
  const { start } = input;
  const frames = input.specs.map((spec) => frameOf({ table: input.table, spec }));
  const models: PbModels = { small: { frame: frames[start.smallIndex], fit: start.small }, large: { frame: frames[1 - start.smallIndex], fit: start.large }, smallIndex: start.smallIndex, lrt: start.lrt, df: start.df };
  return { refits: pbRefits(models, input.seed, input.from, input.to, refitCounter(context, input.to - input.from)) };
}
