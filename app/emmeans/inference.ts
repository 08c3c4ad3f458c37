/**
 * The df methods for marginal means and contrasts of an LMM, as emmeans' lmer.df options:
 * "satterthwaite" — SEs from Var(β̂), df from lmerTest's Satterthwaite (app/inference);
 * "kenward-roger" — SEs from pbkrtest's adjusted covariance, df from Lb_ddf
 * (app/inference/kenward-roger), emmeans' default when pbkrtest is installed.
 */
import type { LmmProblem } from "../engine/lmm";
import type { LmmFit } from "../engine/lmm/types";
import type { ModelFrame } from "../engine/model-frame";
import { satterthwaiteModel, tTest } from "../inference";
import { kenwardRogerDf, kenwardRogerModel } from "../inference/kenward-roger";
import type { DfMethod, LinearInference } from "./types";

export interface FittedLmm {
  readonly fit: LmmFit;
  readonly frame: ModelFrame;
  readonly problem: LmmProblem;
}

export function linearInference(model: FittedLmm, method: DfMethod): LinearInference {
  const { fit, frame, problem } = model;
  const p = fit.beta.length;
  if (method === "kenward-roger") {
    const kr = kenwardRogerModel(problem, frame, fit.theta, fit.sigma, fit.beta, fit.vcovBeta);
    return { method, p, beta: fit.beta, vcov: kr.vcovAdj, df: (l) => kenwardRogerDf(kr, [l]) };
  }
  const sat = satterthwaiteModel(problem, fit.theta, fit.sigma, fit.beta, fit.vcovBeta);
  return { method, p, beta: fit.beta, vcov: fit.vcovBeta, df: (l) => tTest(sat, l).df };
}
