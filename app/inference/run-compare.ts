/**
 * runComparison: data + two or more model specifications → lme4's anova(m1, m2, …) table, for
 * linear models and for binomial or Poisson models. Checks first that the models are comparable
 * — one family, link and nAGQ; the same rows, outcome and weights — (cheap), then fits each
 * through runFit, the one fit path: linear models by ML (refitting REML specs, as anova does),
 * glmer models as specified (they are maximum-likelihood fits already).
 */
import type { DataTable } from "../data/column";
import { runFit, type FitHooks, type FitSpec } from "../engine/run-fit";
import { buildModelFrame } from "../engine/model-frame";
import { parseFormula } from "../formula";
import { checkComparable, checkSameKind, likelihoodRatioTable, type ModelComparison } from "./compare-models";

export function runComparison(table: DataTable, specs: readonly FitSpec[], hooks: FitHooks = {}): ModelComparison {
  checkSameKind(specs);
  const frames = specs.map((spec) => ({
    formula: spec.formula,
    frame: buildModelFrame(table, parseFormula(spec.formula), {
      categorical: spec.categorical,
      contrasts: spec.contrasts,
      family: spec.family ?? "gaussian",
      weights: spec.weights,
    }),
  }));
  checkComparable(frames);
  const linear = (specs[0].family ?? "gaussian") === "gaussian";
  const refitted = linear && specs.some((s) => (s.method ?? "REML") === "REML");
  const fits = specs.map((spec) =>
    runFit(table, linear ? { ...spec, method: "ML", inference: false, profileCi: false } : { ...spec, inference: false, profileCi: false }, hooks),
  );
  return likelihoodRatioTable(fits, refitted);
}
