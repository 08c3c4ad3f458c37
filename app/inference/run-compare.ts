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
import { describeResidualStructure } from "../model-spec/residual-fit-view";
import { hasResidualStructure, runResidualFit, type ResidualStructureFit, type ResidualStructureSpec } from "../engine/residual-structure";
import type { MixedFit } from "../engine/run-fit";

/**
 * An ML fit with a residual structure (nlme::lme) in the place of an lme4 fit in the
 * likelihood-ratio table, which reads only method, family, formula, df, logLik, AIC, BIC and
 * converged; its formula names the structure so the rows can be told apart. The same
 * likelihood as lme4's for the model without the structure, so the two compare directly.
 */
function residualAsComparable(fit: ResidualStructureFit): MixedFit {
  const group = Object.keys(fit.ngroups)[0] ?? "";
  const comparable = {
    family: "gaussian",
    method: fit.method,
    formula: `${fit.formula}; ${describeResidualStructure(fit.structure, group)}`,
    df: fit.df,
    logLik: fit.logLik,
    AIC: fit.AIC,
    BIC: fit.BIC,
    converged: fit.converged,
  };
  return comparable as unknown as MixedFit;
}

export function runComparison(table: DataTable, specs: readonly (FitSpec & { readonly residual?: ResidualStructureSpec })[], hooks: FitHooks = {}): ModelComparison {
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
    linear && hasResidualStructure(spec.residual)
      ? residualAsComparable(runResidualFit(table, { ...spec, method: "ML", residual: spec.residual }, hooks))
      : runFit(table, linear ? { ...spec, method: "ML", inference: false, profileCi: false } : { ...spec, inference: false, profileCi: false }, hooks),
  );
  return likelihoodRatioTable(fits, refitted);
}
