/**
 * runEmmeans: data + model + request → marginal means (or trends) and, on request, pairwise
 * comparisons; the path shared by the CLI and the UI's worker. The model is fitted by runFit
 * (the one fit path); the model frame is rebuilt with the same options for the reference grid.
 */
import { MixwellError } from "../errors";
import type { DataTable } from "../data/column";
import { createLmmProblem } from "../engine/lmm";
import { buildModelFrame } from "../engine/model-frame";
import { isGlmmFit, runFit, type FitSpec } from "../engine/run-fit";
import { parseFormula } from "../formula";
import type { Adjustment } from "./adjust";
import { linearInference, type FittedLmm } from "./inference";
import { marginalMeans } from "./marginal-means";
import { pairwiseComparisons } from "./pairwise";
import type { DfMethod, MarginalMeans, PairwiseComparisons } from "./types";

export interface EmmeansRequest {
  readonly specs: readonly string[];
  readonly by?: readonly string[];
  /** Numeric predictor: estimate its slope per cell (emtrends) instead of means. */
  readonly trendOf?: string;
  /** Default "satterthwaite". */
  readonly df?: DfMethod;
  /** Pairwise comparisons with this adjustment; omit for means only. */
  readonly adjust?: Adjustment;
  readonly level?: number;
}

export interface EmmeansResult {
  readonly means: MarginalMeans;
  readonly pairs?: PairwiseComparisons;
}

/** Fit the model for marginal means: runFit, plus the frame and the profiled problem. */
export function fitForEmmeans(table: DataTable, spec: FitSpec): FittedLmm {
  if ((spec.family ?? "gaussian") !== "gaussian") {
    throw new MixwellError("Marginal means are available for linear mixed models; binomial and Poisson models cannot be fitted yet.");
  }
  // Inference (Satterthwaite for every coefficient) is not needed here: only the contrasts asked for.
  const fit = runFit(table, { ...spec, inference: false });
  if (isGlmmFit(fit)) throw new Error("runFit returned a GLMM fit for a gaussian model.");
  const frame = buildModelFrame(table, parseFormula(spec.formula), { categorical: spec.categorical, contrasts: spec.contrasts, weights: spec.weights });
  return { fit, frame, problem: createLmmProblem(frame, fit.method === "REML") };
}

export function emmeansOf(model: FittedLmm, request: EmmeansRequest): EmmeansResult {
  const inference = linearInference(model, request.df ?? "satterthwaite");
  const means = marginalMeans(model.frame.fixed, inference, request);
  if (!request.adjust) return { means };
  return { means, pairs: pairwiseComparisons(means, inference, request.adjust) };
}

export function runEmmeans(table: DataTable, spec: FitSpec, request: EmmeansRequest): EmmeansResult {
  return emmeansOf(fitForEmmeans(table, spec), request);
}
