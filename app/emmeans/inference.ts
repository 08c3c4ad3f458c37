/**
 * The df methods for marginal means and contrasts, as emmeans' options:
 * LMM "satterthwaite" — SEs from Var(β̂), df from lmerTest's Satterthwaite (app/inference);
 * LMM "kenward-roger" — SEs from pbkrtest's adjusted covariance, df from Lb_ddf
 * (app/inference/kenward-roger), emmeans' default when pbkrtest is installed;
 * GLMM "asymptotic" — SEs from lme4's vcov(), z-based (df = ∞).
 */
import type { LmmProblem } from "../engine/lmm";
import type { GlmmFit } from "../engine/glmm";
import type { LmmFit } from "../engine/lmm/types";
import type { ModelFrame } from "../engine/model-frame";
import { MixwellError } from "../errors";
import { satterthwaiteModel, tTest } from "../inference";
import { kenwardRogerDf, kenwardRogerModel } from "../inference/kenward-roger";
import type { DfMethod, LinearInference } from "./types";

export interface FittedLmm {
  readonly fit: LmmFit;
  readonly frame: ModelFrame;
  readonly problem: LmmProblem;
}

export interface FittedGlmm {
  readonly fit: GlmmFit;
  readonly frame: ModelFrame;
}

export type FittedModel = FittedLmm | FittedGlmm;

export const isGlmm = (m: FittedModel): m is FittedGlmm => m.fit.family !== "gaussian";

/** The default df method of a model: Satterthwaite for LMMs, asymptotic for GLMMs. */
export const defaultDfMethod = (m: FittedModel): DfMethod => (isGlmm(m) ? "asymptotic" : "satterthwaite");

export function linearInference(model: FittedModel, method: DfMethod): LinearInference {
  const p = model.fit.beta.length;
  if (isGlmm(model)) {
    if (method !== "asymptotic") {
      throw new MixwellError(`${method === "kenward-roger" ? "Kenward–Roger" : "Satterthwaite"} df apply to linear mixed models; binomial and Poisson models use asymptotic (z) tests.`);
    }
    return { method, p, beta: model.fit.beta, vcov: model.fit.vcovBeta, df: () => Infinity };
  }
  const { fit, frame, problem } = model;
  if (method === "kenward-roger") {
    const kr = kenwardRogerModel(problem, frame, fit.theta, fit.sigma, fit.beta, fit.vcovBeta);
    return { method, p, beta: fit.beta, vcov: kr.vcovAdj, df: (l) => kenwardRogerDf(kr, [l]) };
  }
  if (method === "asymptotic") return { method, p, beta: fit.beta, vcov: fit.vcovBeta, df: () => Infinity };
  const sat = satterthwaiteModel(problem, fit.theta, fit.sigma, fit.beta, fit.vcovBeta);
  return { method, p, beta: fit.beta, vcov: fit.vcovBeta, df: (l) => tTest(sat, l).df };
}
