/**
 * runComparison: data + two or more model specifications → lme4's anova(m1, m2, …) table, for
 * linear models and for binomial or Poisson models. Checks first that the models are comparable
 * — one family, link and nAGQ; the same rows, outcome and weights — (cheap), then fits each
 * through runFit, the one fit path: linear models by ML (refitting REML specs, as anova does),
 * glmer models as specified (they are maximum-likelihood fits already). The parts (checks, each
 * fit, the table) are exported so that the worker pool can fit the models side by side.
 */
import type { DataTable } from "../data/column";
import { runFit, type FitHooks, type FitSpec } from "../engine/run-fit";
import { buildModelFrame } from "../engine/model-frame";
import { parseFormula } from "../formula";
import { checkComparable, checkSameKind, comparisonRefits, likelihoodRatioTable, type ComparableFit, type ModelComparison } from "./compare-models";
import { describeResidualStructure } from "../model-spec/residual-fit-view";
import { hasResidualStructure, runResidualFit, type ResidualStructureFit, type ResidualStructureSpec } from "../engine/residual-structure";
import type { MixedFit } from "../engine/run-fit";

/**
 * An ML fit with a residual structure (nlme::lme) in the place of an lme4 fit in the
 * likelihood-ratio table; its formula names the structure so the rows can be told apart. The same
 * likelihood as lme4's for the model without the structure, so the two compare directly.
 */
function residualAsComparable(fit: ResidualStructureFit): ComparableFit {
  const group = Object.keys(fit.ngroups)[0] ?? "";
  return {
    family: "gaussian",
    method: fit.method,
    formula: `${fit.formula}; ${describeResidualStructure(fit.structure, group)}`,
    df: fit.df,
    logLik: fit.logLik,
    AIC: fit.AIC,
    BIC: fit.BIC,
    converged: fit.converged,
  };
}

/** What the table reads of an lmer or glmer fit (plain data: it crosses from a worker thread). */
function comparable(fit: MixedFit): ComparableFit {
  const { family, method, formula, df, logLik, AIC, BIC, converged } = fit;
  return fit.family === "gaussian" ? { family, method, formula, df, logLik, AIC, BIC, converged } : { family, method, formula, df, logLik, AIC, BIC, converged, nAGQ: fit.nAGQ };
}

type CompareSpec = FitSpec & { readonly residual?: ResidualStructureSpec };

/** The checks before any fit: one family, link and nAGQ; the same rows, outcome and weights (throws in plain words). */
export function checkComparison(table: DataTable, specs: readonly CompareSpec[]): void {
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
}

/** Model `index` of the comparison fitted as anova() needs it: a linear model by ML, a glmer model as specified. */
export function fitForComparison(table: DataTable, specs: readonly CompareSpec[], index: number, hooks: FitHooks = {}): ComparableFit {
  const spec = specs[index];
  const linear = (specs[0].family ?? "gaussian") === "gaussian";
  return linear && hasResidualStructure(spec.residual)
    ? residualAsComparable(runResidualFit(table, { ...spec, method: "ML", residual: spec.residual }, hooks))
    : comparable(runFit(table, linear ? { ...spec, method: "ML", inference: false, profileCi: false } : { ...spec, inference: false, profileCi: false }, hooks));
}

/**
 * The whole comparison in this thread: the checks, then each model's fit in turn, then the table.
 * main/workers/run-compare-pool.ts runs the same parts side by side in worker threads.
 */
export function runComparison(table: DataTable, specs: readonly CompareSpec[], hooks: FitHooks = {}): ModelComparison {
  checkComparison(table, specs);
  const fits = specs.map((_, i) => fitForComparison(table, specs, i, hooks));
  return likelihoodRatioTable(fits, comparisonRefits(specs));
}
