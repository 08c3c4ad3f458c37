/**
 * Guided simplification: fit, diagnose, and while the fit is singular or has not converged take
 * the first suggested simpler model and refit, recording every step (formula, state, causes,
 * the change made) for the report. Stops when the fit is clean, nothing simpler is suggested, or
 * after `maxSteps` refits.
 */
import type { DataTable } from "../data/column";
import { fitLmm } from "../engine/lmm";
import type { LmmFit } from "../engine/lmm/types";
import { buildModelFrame, type ModelFrame } from "../engine/model-frame";
import type { FitSpec } from "../engine/run-fit";
import { formatFormula, parseFormula } from "../formula";
import { diagnoseFit } from "./diagnose";
import { suggestSimplifications } from "./suggest";
import type { Diagnosis, SimplificationLog, SimplificationStep } from "./types";

export interface FittedForFix {
  readonly fit: LmmFit;
  readonly frame: ModelFrame;
}

/** Fit an LMM for the guided fix (no inference step). */
export function fitForFix(table: DataTable, spec: FitSpec): FittedForFix {
  const formula = parseFormula(spec.formula);
  const frame = buildModelFrame(table, formula, { categorical: spec.categorical, contrasts: spec.contrasts, weights: spec.weights });
  const fit = fitLmm(frame, { reml: (spec.method ?? "REML") === "REML", formula: formatFormula(formula) });
  return { fit, frame };
}

export function diagnose(model: FittedForFix): Diagnosis {
  const causes = diagnoseFit(model.fit, model.frame);
  const ok = !model.fit.singular && model.fit.converged;
  return { ok, causes, suggestions: ok ? [] : suggestSimplifications(model.fit.formula, causes) };
}

export function guidedSimplification(table: DataTable, spec: FitSpec, maxSteps = 5): SimplificationLog {
  const steps: SimplificationStep[] = [];
  let formula = spec.formula;
  for (let i = 0; ; i++) {
    const model = fitForFix(table, { ...spec, formula });
    const d = diagnose(model);
    const objective = model.fit.REMLcrit ?? model.fit.deviance ?? NaN;
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
