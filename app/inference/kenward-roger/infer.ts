/**
 * Kenward–Roger versions of the fit's fixed-effect table and type III ANOVA, as lmerTest's
 * summary(ddf = "Kenward-Roger") and anova(ddf = "Kenward-Roger"): SEs from the adjusted
 * covariance, KR df, t and p per coefficient; KR F tests per term. For the fit path to call when
 * the user picks Kenward–Roger instead of Satterthwaite.
 */
import { createLmmProblem } from "../../engine/lmm";
import type { AnovaRow, FixedEffectRow, LmmFit } from "../../engine/lmm/types";
import type { ModelFrame } from "../../engine/model-frame";
import { kenwardRogerAnova } from "./anova";
import { kenwardRogerTTest } from "./tests";
import { kenwardRogerModel } from "./vcov-adjusted";

export interface KenwardRogerInference {
  readonly fixef: readonly FixedEffectRow[];
  readonly anova3: readonly AnovaRow[];
  /** The adjusted covariance Φ_A, p × p column-major. */
  readonly vcovAdj: Float64Array;
}

/** Throws a MixwellError in plain words for ML fits, weighted fits and too many random effects. */
export function inferKenwardRoger(fit: LmmFit, frame: ModelFrame): KenwardRogerInference {
  const problem = createLmmProblem(frame, fit.method === "REML");
  const model = kenwardRogerModel(problem, frame, fit.theta, fit.sigma, fit.beta, fit.vcovBeta);
  const p = fit.beta.length;
  const fixef = fit.fixef.map((row, i) => {
    const l = new Float64Array(p);
    l[i] = 1;
    const t = kenwardRogerTTest(model, l);
    return { ...row, se: t.se, statistic: t.t, df: t.df, p: t.p };
  });
  return { fixef, anova3: kenwardRogerAnova(model, frame.fixed), vcovAdj: model.vcovAdj };
}
