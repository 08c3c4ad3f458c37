/**
 * The JSON form of a fit, with the field names of the reference cases
 * (tests/fixtures/reference/README.md): what `mixwell fit --json` prints and what exports and
 * the reference tests read. Non-finite numbers become null (JSON has no NaN).
 */
import type { GlmmFit } from "../engine/glmm/types";
import type { MixedFit } from "../engine/run-fit/mixed-fit";
import { ranefBlockJson, type RanefBlockJson } from "../engine/ranef-json";

export interface FitJson {
  readonly formula: string;
  readonly family: string;
  readonly method: string;
  readonly nobs: number;
  readonly ngroups: Readonly<Record<string, number>>;
  readonly fixef: readonly Readonly<Record<string, string | number | null>>[];
  readonly varcorr: readonly Readonly<Record<string, string | number | null>>[];
  readonly sigma: number | null;
  readonly logLik: number | null;
  readonly df: number;
  readonly AIC: number | null;
  readonly BIC: number | null;
  readonly REMLcrit: number | null;
  readonly deviance: number | null;
  readonly theta: readonly (number | null)[];
  readonly singular: boolean;
  readonly converged: boolean;
  readonly ranef: readonly RanefBlockJson[];
  /** LMM with inference: the denominator df method of the fixef tests, Wald intervals and anova3. */
  readonly ddfMethod?: string;
  readonly anova3?: readonly Readonly<Record<string, string | number | null>>[];
  readonly r2_marginal?: number | null;
  readonly r2_conditional?: number | null;
  readonly icc?: number | null;
  /** Wald intervals of the fixed effects: term, lower, upper. */
  readonly ci?: readonly Readonly<Record<string, string | number | null | undefined>>[];
  readonly ci_profile?: readonly Readonly<Record<string, string | number | null | undefined>>[];
  readonly warnings: readonly string[];
  /** GLMM only: link function, quadrature points, Poisson overdispersion check; negative binomial θ (lme4's getME(m, "glmer.nb.theta")). */
  readonly link?: string;
  readonly nb_theta?: number | null;
  readonly nAGQ?: number;
  readonly overdispersion?: Readonly<Record<string, number | null>>;
}

/** A finite number, or null. */
function num(x: number | undefined | null): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

export function fitToJson(fit: MixedFit): FitJson {
  const glmm: GlmmFit | null = fit.family === "gaussian" ? null : fit;
  const lmm = fit.family === "gaussian" ? fit : null;
  return {
    formula: fit.formula,
    family: fit.family,
    method: fit.method,
    nobs: fit.nobs,
    ngroups: fit.ngroups,
    fixef: fit.fixef.map((r) => ({
      term: r.term,
      estimate: num(r.estimate),
      se: num(r.se),
      ...(r.df !== undefined ? { df: num(r.df) } : {}),
      statistic: num(r.statistic),
      ...(r.p !== undefined ? { p: num(r.p) } : {}),
    })),
    varcorr: fit.varcorr.map((r) => ({
      group: r.group,
      name1: r.group === "Residual" ? null : r.name1,
      name2: r.name2,
      kind: r.kind,
      value: num(r.value),
      sd: num(r.sd),
    })),
    sigma: num(lmm ? lmm.sigma : glmm?.sigma),
    logLik: num(fit.logLik),
    df: fit.df,
    AIC: num(fit.AIC),
    BIC: num(fit.BIC),
    REMLcrit: num(lmm?.REMLcrit),
    deviance: num(fit.deviance),
    theta: fit.theta.map(num),
    singular: fit.singular,
    converged: fit.converged,
    ranef: fit.ranef.map(ranefBlockJson),
    ...(lmm?.ddfMethod ? { ddfMethod: lmm.ddfMethod } : {}),
    ...(lmm?.anova3
      ? { anova3: lmm.anova3.map((r) => ({ term: r.term, numDF: num(r.numDF), denDF: num(r.denDF), F: num(r.F), p: num(r.p) })) }
      : {}),
    ...(fit.r2_marginal !== undefined ? { r2_marginal: num(fit.r2_marginal) } : {}),
    ...(fit.r2_conditional !== undefined ? { r2_conditional: num(fit.r2_conditional) } : {}),
    ...(lmm?.icc !== undefined ? { icc: num(lmm?.icc) } : {}),
    ...(lmm?.ci ? { ci: lmm.ci.map((r) => ({ term: r.term, lower: num(r.lower), upper: num(r.upper) })) } : {}),
    ...(lmm?.ci_profile
      ? { ci_profile: lmm.ci_profile.map((r) => ({ ...r, lower: num(r.lower), upper: num(r.upper) })) }
      : {}),
    warnings: fit.warnings,
    ...(glmm ? glmmFields(glmm) : {}),
  };
}

function glmmFields(fit: GlmmFit): Pick<FitJson, "link" | "nAGQ" | "overdispersion" | "nb_theta"> {
  const o = fit.overdispersion;
  return {
    link: fit.link,
    nAGQ: fit.nAGQ,
    ...(fit.nbTheta !== undefined ? { nb_theta: num(fit.nbTheta) } : {}),
    ...(o ? { overdispersion: { chisq: num(o.chisq), rdf: o.rdf, ratio: num(o.ratio), p: num(o.p) } } : {}),
  };
}
