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
import { fTest, satterthwaiteModel, tTest } from "../inference";
import { kenwardRogerDf, kenwardRogerModel } from "../inference/kenward-roger";
import { pchisq, pf } from "../stats";
import type { DfMethod, JointTest, LinearInference } from "./types";

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
    return asymptotic(method, model.fit.beta, model.fit.vcovBeta);
  }
  const { fit, frame, problem } = model;
  if (method === "kenward-roger") {
    const kr = kenwardRogerModel(problem, frame, fit.theta, fit.sigma, fit.beta, fit.vcovBeta);
    // emmeans' joint test with Kenward–Roger: Wald F with the adjusted covariance (no F scaling), Lb_ddf df.
    const jointTest = (rows: readonly Float64Array[]): JointTest => {
      const df1 = rows.length;
      const F = wald(rows, fit.beta, kr.vcovAdj) / df1;
      const df2 = kenwardRogerDf(kr, rows);
      return { df1, df2, F, p: pf(F, df1, df2, false) };
    };
    return { method, p, beta: fit.beta, vcov: kr.vcovAdj, df: (l) => kenwardRogerDf(kr, [l]), jointTest };
  }
  if (method === "asymptotic") return asymptotic(method, fit.beta, fit.vcovBeta);
  const sat = satterthwaiteModel(problem, fit.theta, fit.sigma, fit.beta, fit.vcovBeta);
  const jointTest = (rows: readonly Float64Array[]): JointTest => {
    const f = fTest(sat, rows);
    return { df1: f.numDF, df2: f.denDF, F: f.F, p: f.p };
  };
  return { method, p, beta: fit.beta, vcov: fit.vcovBeta, df: (l) => tTest(sat, l).df, jointTest };
}

function asymptotic(method: DfMethod, beta: Float64Array, vcov: Float64Array): LinearInference {
  const jointTest = (rows: readonly Float64Array[]): JointTest => {
    const chi2 = wald(rows, beta, vcov);
    return { df1: rows.length, df2: Infinity, F: chi2 / rows.length, p: pchisq(chi2, rows.length, false) };
  };
  return { method, p: beta.length, beta, vcov, df: () => Infinity, jointTest };
}

/** (Lβ)ᵀ(L V Lᵀ)⁻¹(Lβ), by Cholesky of the small L V Lᵀ. */
function wald(rows: readonly Float64Array[], beta: Float64Array, vcov: Float64Array): number {
  const q = rows.length;
  const p = beta.length;
  const lb = rows.map((r) => r.reduce((s, x, j) => s + x * beta[j], 0));
  const m = new Float64Array(q * q);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let j = 0; j < p; j++) for (let i = 0; i < p; i++) s += rows[a][i] * vcov[i + j * p] * rows[b][j];
      m[a + b * q] = m[b + a * q] = s;
    }
  }
  // Cholesky, then ‖L⁻¹ Lβ‖².
  for (let j = 0; j < q; j++) {
    let d = m[j + j * q];
    for (let k = 0; k < j; k++) d -= m[j + k * q] ** 2;
    if (!(d > 0)) throw new MixwellError("The contrasts of a joint test are linearly dependent.");
    m[j + j * q] = Math.sqrt(d);
    for (let i = j + 1; i < q; i++) {
      let s = m[i + j * q];
      for (let k = 0; k < j; k++) s -= m[i + k * q] * m[j + k * q];
      m[i + j * q] = s / m[j + j * q];
    }
  }
  let total = 0;
  const z = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    let s = lb[i];
    for (let k = 0; k < i; k++) s -= m[i + k * q] * z[k];
    z[i] = s / m[i + i * q];
    total += z[i] * z[i];
  }
  return total;
}
