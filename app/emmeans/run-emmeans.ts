/**
 * runEmmeans: data + model + request → marginal means (or trends) and, on request, pairwise
 * comparisons; the path shared by the CLI and the UI's worker. The model is fitted by runFit
 * (the one fit path); the model frame is rebuilt with the same options for the reference grid.
 */
import type { DataTable } from "../data/column";
import { createLmmProblem } from "../engine/lmm";
import { isGlmmFit, runFitWithFrame, type FitSpec } from "../engine/run-fit";
import type { Adjustment } from "./adjust";
import { defaultDfMethod, isGlmm, linearInference, type FittedModel } from "./inference";
import { responseScaleMeans } from "./response-scale";
import { marginalMeans } from "./marginal-means";
import { pairwiseComparisons } from "./pairwise";
import { effectSizes } from "./effect-size";
import { covariateValues } from "./covariates";
import { simpleEffectTests } from "./joint-tests";
import type { DfMethod, MarginalMeans, PairwiseComparisons, SimpleEffectTest } from "./types";

export interface EmmeansRequest {
  readonly specs: readonly string[];
  readonly by?: readonly string[];
  /** Numeric predictor: estimate its slope per cell (emtrends) instead of means. */
  readonly trendOf?: string;
  /** Default: the model's own df method (spec.ddf: Kenward–Roger or Satterthwaite) for an LMM, "asymptotic" for a GLMM. */
  readonly df?: DfMethod;
  /** Pairwise comparisons with this adjustment; omit for means only. */
  readonly adjust?: Adjustment;
  readonly level?: number;
  /** Also the simple-effect F tests within each by group (emmeans' joint_tests). */
  readonly jointTests?: boolean;
  /** Values for numeric model variables other than their means (runEmmeans: emmeans' rule for expressions). */
  readonly at?: ReadonlyMap<string, number>;
  /**
   * Linear mixed models: the equivalent df of σ for the effect sizes (emmeans' eff_size edf);
   * default df.residual(m) = nobs − number of parameters. Infinity treats σ as known.
   */
  readonly edf?: number;
}

export interface EmmeansResult {
  readonly means: MarginalMeans;
  readonly pairs?: PairwiseComparisons;
  readonly tests?: readonly SimpleEffectTest[];
}

/** Fit the model for marginal means: runFit, plus the frame (and for an LMM the profiled problem). */
export function fitForEmmeans(table: DataTable, spec: FitSpec): FittedModel {
  // Inference (Satterthwaite for every coefficient) is not needed here: only the contrasts asked for.
  const { fit, frame } = runFitWithFrame(table, { ...spec, inference: false });
  if (isGlmmFit(fit)) return { fit, frame };
  return { fit, frame, problem: createLmmProblem(frame, fit.method === "REML") };
}

/**
 * Means on the linear-predictor scale; for a GLMM also on the response scale (probabilities or
 * rates), and comparisons also as odds ratios / ratios for the logit / log links.
 */
export function emmeansOf(model: FittedModel, request: EmmeansRequest): EmmeansResult {
  const inference = linearInference(model, request.df ?? defaultDfMethod(model));
  const linkScale = marginalMeans(model.frame.fixed, inference, { ...request, ...offsetAtMean(model.frame.offset) });
  const glmm = isGlmm(model) ? model.fit : null;
  const means = glmm && linkScale.kind === "emmeans" ? { ...linkScale, response: responseScaleMeans(linkScale, glmm.family, glmm.link) } : linkScale;
  const tests = request.jointTests ? { tests: simpleEffectTests(linkScale, inference) } : {};
  if (!request.adjust) return { means, ...tests };
  const pairs = pairwiseComparisons(means, inference, request.adjust, means.level, glmm?.link);
  if (isGlmm(model)) return { means, pairs, ...tests };
  // Effect sizes scale by the residual SD (emmeans' eff_size(emm, sigma(m), edf = df.residual(m))).
  const { fit } = model;
  const edf = request.edf ?? fit.nobs - fit.df;
  const effect = effectSizes(means, inference, pairs, { sigma: fit.sigma, edf, edfSource: request.edf === undefined ? "df.residual" : "user" });
  return { means, pairs: { ...pairs, effectSizes: effect }, ...tests };
}

/** emmeans holds an offset at its mean over the model rows (its reference grid's `.offset.`). */
function offsetAtMean(offset: Float64Array | undefined): { offset?: number } {
  if (!offset) return {};
  let s = 0;
  for (let i = 0; i < offset.length; i++) s += offset[i];
  return { offset: s / offset.length };
}

export function runEmmeans(table: DataTable, spec: FitSpec, request: EmmeansRequest): EmmeansResult {
  const model = fitForEmmeans(table, spec);
  return emmeansOf(model, { ...request, df: request.df ?? modelDfMethod(model, spec), at: covariateValues(table, model.frame) });
}

/** The df method the model was fitted with: Kenward–Roger when its spec asks for it (LMMs), else emmeans' default. */
export function modelDfMethod(model: FittedModel, spec: FitSpec): DfMethod {
  return !isGlmm(model) && spec.ddf === "Kenward-Roger" ? "kenward-roger" : defaultDfMethod(model);
}
