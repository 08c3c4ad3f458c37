/**
 * Guided simplification: fit, diagnose, and while the fit is singular or has not converged take
 * the first suggested simpler model and refit, recording every step (formula, state, causes,
 * the change made) for the report. Stops when the fit is clean, nothing simpler is suggested, or
 * after `maxSteps` refits. LMMs and GLMMs are fitted as runFit does, ordinal models as clmm
 * (app/engine/ordinal).
 */
import type { DataTable } from "../data/column";
import type { ModelFrame } from "../engine/model-frame";
import { ORDINAL_LINKS, runOrdinalFitWithFrame, type OrdinalFit, type OrdinalLink } from "../engine/ordinal";
import { isGlmmFit, runFitWithFrame, type FitSpec, type MixedFit } from "../engine/run-fit";
import { diagnoseFit } from "./diagnose";
import { needsGuidedFix } from "./needs-fix";
import { diagnoseOrdinalFit } from "./ordinal";
import { suggestSimplifications } from "./suggest";
import type { Diagnosis, SimplificationLog, SimplificationStep } from "./types";

export interface FittedForFix {
  readonly fit: MixedFit;
  readonly frame: ModelFrame;
}

/** An ordinal (clmm) fit with its model frame. */
export interface OrdinalFittedForFix {
  readonly fit: OrdinalFit;
  readonly frame: ModelFrame;
  readonly ordinal: true;
}

/** Any model the guided fix handles. */
export type ModelForFix = FittedForFix | OrdinalFittedForFix;

const isOrdinal = (m: ModelForFix): m is OrdinalFittedForFix => "ordinal" in m;

/** Fit an LMM or GLMM for the guided fix, as runFit does but without the inference step. */
export function fitForFix(table: DataTable, spec: FitSpec): FittedForFix {
  const { ddf: _ddf, profileCi: _profile, ...rest } = spec;
  return runFitWithFrame(table, { ...rest, inference: false });
}

/** fitForFix, or for the ordinal family clmm's fit. */
export function fitModelForFix(table: DataTable, spec: FitSpec): ModelForFix {
  if (spec.family !== "ordinal") return fitForFix(table, spec);
  const link = (ORDINAL_LINKS as readonly string[]).includes(spec.link ?? "") ? (spec.link as OrdinalLink) : undefined;
  const { fit, frame } = runOrdinalFitWithFrame(table, {
    formula: spec.formula,
    link,
    nAGQ: spec.nAGQ,
    categorical: spec.categorical,
    contrasts: spec.contrasts,
    weights: spec.weights,
  });
  return { fit, frame, ordinal: true };
}

/** The criterion the fit minimised: REML criterion, or −2·logLik (ML, Laplace, AGQ, clmm). */
export function criterionOf(fit: MixedFit | OrdinalFit): number {
  if ("thresholds" in fit) return -2 * fit.logLik;
  return isGlmmFit(fit) ? fit.minus2LogLik : (fit.REMLcrit ?? fit.deviance ?? NaN);
}

export function diagnose(model: ModelForFix): Diagnosis {
  const causes = dedupe(isOrdinal(model) ? diagnoseOrdinalFit(model.fit, model.frame) : diagnoseFit(model.fit, model.frame));
  const ok = !needsGuidedFix(isOrdinal(model) ? { ...model.fit, family: "ordinal" } : model.fit);
  return { ok, causes, suggestions: ok ? [] : suggestSimplifications(model.fit.formula, causes) };
}

/** The same sentence is said once. */
function dedupe<T extends { readonly message: string }>(items: readonly T[]): T[] {
  return items.filter((c, i) => items.findIndex((d) => d.message === c.message) === i);
}

export function guidedSimplification(table: DataTable, spec: FitSpec, maxSteps = 5): SimplificationLog {
  const steps: SimplificationStep[] = [];
  let formula = spec.formula;
  for (let i = 0; ; i++) {
    const model = fitModelForFix(table, { ...spec, formula });
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
