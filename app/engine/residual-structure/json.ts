/**
 * The JSON form of a residual-structure fit (`mixwell fit --correlation … --json`): the field
 * names of `fit --json` where they mean the same, plus `correlation: {structure, parameter,
 * lower, upper}`, `variance_ratios`, and `anova` (nlme's anova(type = "marginal")).
 * Non-finite numbers become null.
 */
import type { ResidualStructureFit } from "./types";

function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export function residualFitToJson(fit: ResidualStructureFit): Record<string, unknown> {
  return {
    formula: fit.formula,
    family: "gaussian",
    method: fit.method,
    engine: "nlme::lme",
    residual: fit.structure,
    nobs: fit.nobs,
    ngroups: fit.ngroups,
    fixef: fit.fixef.map((r) => ({ term: r.term, estimate: num(r.estimate), se: num(r.se), df: num(r.df), statistic: num(r.statistic), p: num(r.p) })),
    varcorr: fit.varcorr.map((r) => ({ group: r.group, name1: r.name1, name2: r.name2, kind: r.kind, value: num(r.value) })),
    sigma: num(fit.sigma),
    correlation: fit.correlation && {
      structure: fit.correlation.structure,
      parameter: num(fit.correlation.parameter),
      lower: num(fit.correlation.lower),
      upper: num(fit.correlation.upper),
    },
    variance_reference: fit.varianceReference,
    variance_ratios: fit.varianceRatios.map((r) => ({ level: r.level, ratio: num(r.ratio), lower: num(r.lower), upper: num(r.upper) })),
    logLik: num(fit.logLik),
    df: fit.df,
    AIC: num(fit.AIC),
    BIC: num(fit.BIC),
    anova: fit.anova.map((r) => ({ term: r.term, numDF: r.numDF, denDF: r.denDF, F: num(r.F), p: num(r.p) })),
    converged: fit.converged,
    warnings: fit.warnings,
  };
}
