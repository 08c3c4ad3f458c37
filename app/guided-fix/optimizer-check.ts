/**
 * The allFit-style check of a model as the user specified it: build its model frame as runFit
 * does, then refit with other optimisers — the LMM comparison (all-fit.ts) for gaussian models,
 * glmer's two stages per optimiser (glmm-all-fit.ts) for binomial and Poisson models.
 */
import type { DataTable } from "../data/column";
import { buildModelFrame } from "../engine/model-frame";
import type { FitSpec } from "../engine/run-fit";
import { parseFormula } from "../formula";
import { compareOptimizers } from "./all-fit";
import { compareGlmmOptimizers } from "./glmm-all-fit";
import type { OptimizerComparison } from "./types";

export function checkOptimizers(table: DataTable, spec: FitSpec): OptimizerComparison {
  const family = spec.family ?? "gaussian";
  const frame = buildModelFrame(table, parseFormula(spec.formula), { categorical: spec.categorical, contrasts: spec.contrasts, family, weights: spec.weights });
  if (family === "gaussian") return compareOptimizers(frame, (spec.method ?? "REML") === "REML");
  return compareGlmmOptimizers(frame, { family, link: spec.link, nAGQ: spec.nAGQ });
}
