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
import { compareOptimizers } from "./all-fit";
import { compareGlmmOptimizers } from "./glmm-all-fit";
import type { OptimizerComparison } from "./types";

/** `onRun` is called before each GLMM optimiser's run (the LMM runs take a fraction of a fit each). */
export function checkOptimizers(table: DataTable, spec: FitSpec, onRun?: (index: number, total: number, optimizer: string) => void): OptimizerComparison {
  const family = spec.family ?? "gaussian";
  if (family === "ordinal") throw new MixwellError(ORDINAL_NOT_AVAILABLE);
  const frame = buildModelFrame(table, parseFormula(spec.formula), { categorical: spec.categorical, contrasts: spec.contrasts, family, weights: spec.weights });
  if (family === "gaussian") return compareOptimizers(frame, (spec.method ?? "REML") === "REML");
  // allFit on a glmer.nb fit refits at its θ̂ (the family stored in the fit): estimate θ first
  const nbTheta = family === "negative-binomial" ? fitGlmm(frame, { family, formula: spec.formula }).nbTheta : undefined;
  return compareGlmmOptimizers(frame, { family, link: spec.link, nAGQ: spec.nAGQ, onRun, ...(nbTheta !== undefined ? { nbTheta } : {}) });
}
