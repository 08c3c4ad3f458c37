/**
 * Guided simplification: fit, diagnose, and while the fit is singular or has not converged take
 * the first suggested simpler model and refit, recording every step (formula, state, causes,
 * the change made) for the report. Stops when the fit is clean, nothing simpler is suggested, or
 * after `maxSteps` refits.
 */
import type { DataTable } from "../data/column";
import type { ModelFrame } from "../engine/model-frame";
import { isGlmmFit, runFitWithFrame, type FitSpec, type MixedFit } from "../engine/run-fit";
import { diagnoseFit } from "./diagnose";
import { needsGuidedFix } from "./needs-fix";
import { suggestSimplifications } from "./suggest";
import type { Diagnosis, SimplificationLog, SimplificationStep } from "./types";

export interface FittedForFix {
  readonly fit: MixedFit;
  readonly frame: ModelFrame;
}

/** Fit an LMM or GLMM for the guided fix, as runFit does but without the inference step. */
export function fitForFix(table: DataTable, spec: FitSpec): FittedForFix {
  const { ddf: _ddf, profileCi: _profile, ...rest } = spec;
  return runFitWithFrame(table, { ...rest, inference: false });
}

/** The criterion the fit minimised: REML criterion, or −2·logLik (ML, Laplace, AGQ). */
export function criterionOf(fit: MixedFit): number {
  return isGlmmFit(fit) ? fit.minus2LogLik : (fit.REMLcrit ?? fit.deviance ?? NaN);
}

export function diagnose(model: FittedForFix): Diagnosis {
  const causes = diagnoseFit(model.fit, model.frame);
  const ok = !needsGuidedFix(model.fit);
  return { ok, causes, suggestions: ok ? [] : suggestSimplifications(model.fit.formula, causes) };
}

export function guidedSimplification(table: DataTable, spec: FitSpec, maxSteps = 5): SimplificationLog {
  const steps: SimplificationStep[] = [];
  let formula = spec.formula;
  for (let i = 0; ; i++) {
    const model = fitForFix(table, { ...spec, formula });
    const d = diagnose(model);
    const objective = criterionOf(model.fit);
    const base = { formula: model.fit.formula, singular: model.fit.singular, converged: model.fit.converged, objective, causes: d.causes };
    const next = d.suggestions[0];
    if (d.ok || !next || i >= maxSteps) {
      steps.push(base);
      return { steps, finalFormula: model.fit.formula, resolved: d.ok };
    }
    steps.push({ ...base, applied: next });
    formula = next.formula;
  }
}
