/**
 * runComparison: data + two or more model specifications → lme4's anova(m1, m2, …) table.
 * Checks first that the models use the same rows and outcome (cheap), then fits each by ML
 * through runFit, the one fit path.
 */
import { MixwellError } from "../errors";
import type { DataTable } from "../data/column";
import { runFit, type FitHooks, type FitSpec } from "../engine/run-fit";
import { buildModelFrame } from "../engine/model-frame";
import { parseFormula } from "../formula";
import { checkComparable, likelihoodRatioTable, type ModelComparison } from "./compare-models";

export function runComparison(table: DataTable, specs: readonly FitSpec[], hooks: FitHooks = {}): ModelComparison {
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
  const refitted = specs.some((s) => (s.method ?? "REML") === "REML");
  const fits = specs.map((spec) => {
    const fit = runFit(table, { ...spec, method: "ML", inference: false, profileCi: false }, hooks);
    if (fit.family !== "gaussian") throw new MixwellError("Comparing binomial or Poisson models is not available yet; only linear mixed models can be compared.");
    return fit;
  });
  return likelihoodRatioTable(fits, refitted);
}
