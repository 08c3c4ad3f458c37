/**
 * inferLmm: the inference step that runFit applies right after fitLmm — Satterthwaite df and
 * p-values for each fixed effect (lmerTest's summary), the type III ANOVA table (lmerTest's
 * anova), Wald intervals with Satterthwaite t quantiles, Nakagawa's R² and the adjusted ICC
 * (performance), and, on request, profile-likelihood intervals (lme4's confint).
 */
import { createLmmProblem } from "../engine/lmm";
import type { AnovaRow, FixedEffectRow, IntervalRow, LmmFit } from "../engine/lmm/types";
import type { ModelFrame } from "../engine/model-frame/types";
import { pnorm } from "../stats";
import { fTest, satterthwaiteModel, tTest, type SatterthwaiteModel } from "./satterthwaite";
import { profileIntervals } from "./profile-ci";
import { nakagawaR2, varianceDecomposition } from "./r2";
import { missingCells, type3Contrasts } from "./type3-contrasts";
import { waldIntervals } from "./wald-ci";

export interface InferenceOptions {
  /** Also compute profile-likelihood intervals of the variance components (slower). */
  readonly profileCi?: boolean;
  /** How profile interval ends are found: "lme4" (default) or "exact" (see profile-ci.ts). */
  readonly profileMethod?: "lme4" | "exact";
  readonly onProgress?: (p: { stage: string; done: number; total: number }) => void;
  readonly signal?: { cancelled: boolean };
}

/** The fit with df, p, anova3, ci, r2 and icc (and ci_profile on request) filled in. */
export function inferLmm(fit: LmmFit, frame: ModelFrame, options: InferenceOptions = {}): LmmFit {
  const problem = createLmmProblem(frame, fit.method === "REML");
  const model = satterthwaiteModel(problem, fit.theta, fit.sigma, fit.beta, fit.vcovBeta, options);
  const notes: string[] = [...model.notes];
  const fixef = fixefTests(fit, model);
  const ci = waldIntervals(fixef);
  notes.push(...fixefNotes(fixef, ci));
  const anova3 = anovaType3(frame, model, notes);
  const r2 = nakagawaR2(varianceDecomposition(fit, frame, problem.theta));
  notes.push(...r2.notes);
  let ciProfile: LmmFit["ci_profile"];
  if (options.profileCi) {
    const profile = profileIntervals(fit, frame, { method: options.profileMethod, onProgress: options.onProgress, signal: options.signal });
    ciProfile = profile.rows;
    notes.push(...profile.notes);
  }
  return {
    ...fit,
    fixef,
    anova3,
    ci,
    r2_marginal: r2.marginal,
    ...(r2.conditional !== undefined ? { r2_conditional: r2.conditional } : {}),
    ...(r2.icc !== undefined ? { icc: r2.icc } : {}),
    ...(ciProfile ? { ci_profile: ciProfile } : {}),
    warnings: [...fit.warnings, ...notes],
  };
}

/** Plain words for df that are missing or below 1 and for intervals that cannot be finite. */
function fixefNotes(fixef: readonly FixedEffectRow[], ci: readonly IntervalRow[]): string[] {
  const notes: string[] = [];
  if (fixef.some((r) => r.df === undefined)) {
    notes.push("Some fixed effects have no usable Satterthwaite degrees of freedom (the variance parameters are not identified); their p-values and intervals use the normal distribution.");
  }
  const tiny = fixef.filter((r) => r.df !== undefined && r.df < 1).map((r) => r.term);
  if (tiny.length > 0) {
    notes.push(
      `The Satterthwaite degrees of freedom of ${tiny.join(", ")} are below 1: the variance parameters are barely determined by the data (for example a grouping factor with very few levels, or a predictor that only varies between groups), so these t tests, p-values and intervals are not informative.`,
    );
  }
  const noCi = ci.filter((r) => !Number.isFinite(r.lower) || !Number.isFinite(r.upper)).map((r) => r.term);
  if (noCi.length > 0) notes.push(`No finite confidence interval could be computed for ${noCi.join(", ")} (too few degrees of freedom).`);
  return notes;
}

function fixefTests(fit: LmmFit, model: SatterthwaiteModel): FixedEffectRow[] {
  const p = fit.fixef.length;
  return fit.fixef.map((row, i) => {
    const l = new Float64Array(p);
    l[i] = 1;
    const t = tTest(model, l);
    if (Number.isFinite(t.df) && t.df > 0) return { ...row, df: t.df, p: t.p };
    // No Satterthwaite df (e.g. every variance parameter at a boundary): a z test, said in a note.
    const { df: _unused, ...rest } = row;
    return { ...rest, p: 2 * pnorm(-Math.abs(row.statistic)) };
  });
}

/** lmerTest's anova(): one Satterthwaite F test per term on its type III contrast. */
function anovaType3(frame: ModelFrame, model: SatterthwaiteModel, notes: string[]): AnovaRow[] {
  const rows: AnovaRow[] = [];
  const missing = missingCells(frame.fixed);
  if (missing.length > 0) {
    notes.push(`No rows have these combinations: ${missing.join(", ")}. Interpret the type III tests with care (as lmerTest warns).`);
  }
  for (const { term, rows: L } of type3Contrasts(frame.fixed)) {
    const test = L.length > 0 ? fTest(model, L) : null;
    if (!test || test.numDF === 0) {
      notes.push(`No F test for '${term}': its coefficients could not be estimated (aliased with other terms).`);
      continue;
    }
    if (!Number.isFinite(test.denDF) || test.denDF <= 0) {
      notes.push(`The F test for '${term}' has no usable denominator degrees of freedom; its p-value is not reported.`);
    }
    rows.push({ term, ...test });
  }
  return rows;
}
