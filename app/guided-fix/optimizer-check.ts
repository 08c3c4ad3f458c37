/**
 * The allFit-style check of a model as the user specified it: build its model frame as runFit
 * does, then refit with other optimisers — the LMM comparison (all-fit.ts) for gaussian models,
 * glmer's two stages per optimiser (glmm-all-fit.ts) for generalized models (a negative binomial
 * one at its estimated θ, as allFit refits a glmer.nb fit).
 */
import type { DataTable } from "../data/column";
import { fitGlmm } from "../engine/glmm";
import { ORDINAL_NOT_AVAILABLE } from "../engine/families";
import { MixwellError } from "../errors";
import { buildModelFrame } from "../engine/model-frame";
import type { FitSpec } from "../engine/run-fit";
import { parseFormula } from "../formula";
import type { ModelFrame } from "../engine/model-frame";
import type { GlmmFamilyName } from "../engine/glmm";
import { compareOptimizers, lmmOptimizerRun } from "./all-fit";
import { compareGlmmOptimizers, glmmOptimizerRun, type GlmmOptimizerOptions } from "./glmm-all-fit";
import type { RunWithSe } from "./agreement";
import type { OptimizerComparison } from "./types";

/** `onRun` is called before each GLMM optimiser's run (the LMM runs take a fraction of a fit each). */
export function checkOptimizers(table: DataTable, spec: FitSpec, onRun?: (index: number, total: number, optimizer: string) => void): OptimizerComparison {
  const frame = frameFor(table, spec);
  if ((spec.family ?? "gaussian") === "gaussian") return compareOptimizers(frame, (spec.method ?? "REML") === "REML");
  return compareGlmmOptimizers(frame, { ...glmmOptions(spec, nbThetaOf(frame, spec)), onRun });
}

/** The check's frame, as runFit builds it (an ordinal model is refused). */
function frameFor(table: DataTable, spec: FitSpec): ModelFrame {
  const family = spec.family ?? "gaussian";
  if (family === "ordinal") throw new MixwellError(ORDINAL_NOT_AVAILABLE);
  return buildModelFrame(table, parseFormula(spec.formula), { categorical: spec.categorical, contrasts: spec.contrasts, family, weights: spec.weights });
}

/** allFit on a glmer.nb fit refits at its θ̂ (the family stored in the fit): θ is estimated first. */
function nbThetaOf(frame: ModelFrame, spec: FitSpec): number | undefined {
  return spec.family === "negative-binomial" ? fitGlmm(frame, { family: spec.family, formula: spec.formula }).nbTheta : undefined;
}

function glmmOptions(spec: FitSpec, nbTheta: number | undefined): GlmmOptimizerOptions {
  const family = spec.family as GlmmFamilyName;
  return { family, link: spec.link, nAGQ: spec.nAGQ, ...(nbTheta !== undefined ? { nbTheta } : {}) };
}

/**
 * The negative binomial θ̂ every run of a check keeps fixed, estimated once before the runs are
 * spread over workers (undefined for other families).
 */
export function optimizerCheckNbTheta(table: DataTable, spec: FitSpec): number | undefined {
  return nbThetaOf(frameFor(table, spec), spec);
}

/** Run `index` of the check (optimizerRunNames' order) alone: one part of a check spread over workers. */
export function optimizerCheckRun(table: DataTable, spec: FitSpec, index: number, nbTheta: number | undefined): RunWithSe {
  const frame = frameFor(table, spec);
  if ((spec.family ?? "gaussian") === "gaussian") return lmmOptimizerRun(frame, (spec.method ?? "REML") === "REML", index);
  return glmmOptimizerRun(frame, glmmOptions(spec, nbTheta), index);
}
