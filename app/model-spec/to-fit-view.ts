/**
 * MixedFit (engine) + its model frame → FitView, the plain data the UI reads. Typed arrays become
 * arrays, non-finite numbers null; the residual plots get at most MAX_POINTS evenly spaced rows.
 */
import type { MixedFit } from "../engine/run-fit";
import type { ModelFrame } from "../engine/model-frame";
import { effectCurves } from "./effect-curves";
import { termInfoField } from "./term-columns";
import { hasDispersion } from "../engine/glmm/family";
import type { DiagnosticsView, FitView, FixedEffectView } from "./fit-view";

const MAX_POINTS = 5000;
const Z975 = 1.959963984540054;

const num = (x: number | undefined | null): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

export function toFitView(fit: MixedFit, frame: ModelFrame, seconds: number): FitView {
  const glmm = fit.family !== "gaussian";
  return {
    family: fit.family,
    link: glmm ? fit.link : null,
    method: fit.method,
    ...(glmm ? { nAGQ: fit.nAGQ } : {}),
    formula: fit.formula,
    responseName: fit.responseName,
    nobs: fit.nobs,
    ngroups: { ...fit.ngroups },
    statisticName: glmm && !hasDispersion(fit.family) ? "z" : "t",
    fixef: fixefView(fit),
    varcorr: fit.varcorr.map((r) => ({ group: r.group, name1: r.name1 ?? null, name2: r.name2, kind: r.kind, value: r.value, sd: num(r.sd) })),
    sigma: glmm ? num(fit.sigma) : fit.sigma,
    ...(glmm && fit.nbTheta !== undefined ? { nbTheta: fit.nbTheta } : {}),
    logLik: fit.logLik,
    npar: fit.df,
    AIC: fit.AIC,
    BIC: fit.BIC,
    deviance: num(fit.deviance),
    REMLcrit: glmm ? null : num(fit.REMLcrit),
    r2Marginal: num(fit.r2_marginal),
    r2Conditional: num(fit.r2_conditional),
    icc: glmm ? null : num(fit.icc),
    ...(!glmm && fit.ddfMethod ? { ddfMethod: fit.ddfMethod } : {}),
    anova: glmm || !fit.anova3 ? null : fit.anova3.map((r) => ({ term: r.term, numDF: r.numDF, denDF: num(r.denDF), F: num(r.F), p: num(r.p) })),
    singular: fit.singular,
    converged: fit.converged,
    droppedRows: frame.droppedRows,
    warnings: [...fit.warnings],
    ranef: fit.ranef.map((b) => ({ group: b.group, terms: [...b.terms], levels: [...b.levels], values: b.values.map((v) => [...v]), condsd: b.condsd.map((v) => [...v]) })),
    diagnostics: diagnosticsOf(fit, frame),
    effects: effectCurves({
      fixed: frame.fixed,
      beta: fit.beta,
      vcov: fit.vcovBeta,
      responseName: fit.responseName,
      family: fit.family,
      link: glmm ? fit.link : null,
      ...(frame.offset ? { offset: frame.offset.reduce((s, v) => s + v, 0) / frame.offset.length } : {}),
    }),
    evaluations: fit.optimizer.evaluations,
    seconds,
    ...termInfoField(frame.fixed),
  };
}

function fixefView(fit: MixedFit): FixedEffectView[] {
  const ci = fit.family === "gaussian" ? fit.ci : undefined;
  return fit.fixef.map((r) => {
    const interval = ci?.find((c) => c.term === r.term);
    // GLMM: lme4's confint(method = "Wald"), normal quantile.
    const lower = interval ? interval.lower : r.estimate - Z975 * r.se;
    const upper = interval ? interval.upper : r.estimate + Z975 * r.se;
    const row = { term: r.term, estimate: r.estimate, se: r.se, statistic: r.statistic, df: num(r.df), p: num(r.p), lower: num(lower), upper: num(upper) };
    // exp(b) for log and logit links: rate/mean ratios and odds ratios with exp of the Wald bounds
    const ratio = fit.family !== "gaussian" && (fit.link === "log" || fit.link === "logit");
    return ratio ? { ...row, expEstimate: num(Math.exp(r.estimate)), expLower: num(Math.exp(lower)), expUpper: num(Math.exp(upper)) } : row;
  });
}

function diagnosticsOf(fit: MixedFit, frame: ModelFrame): DiagnosticsView {
  return sampledDiagnostics(frame.y, fit.fitted, fit.residuals, fit.family === "gaussian" ? "raw" : "deviance");
}

/** The residual plots' rows: at most MAX_POINTS evenly spaced ones (all when fewer). */
export function sampledDiagnostics(
  y: ArrayLike<number>,
  fit: ArrayLike<number>,
  res: ArrayLike<number>,
  residualKind: DiagnosticsView["residualKind"],
): DiagnosticsView {
  const n = fit.length;
  const step = Math.max(1, Math.ceil(n / MAX_POINTS));
  const observed: number[] = [];
  const fitted: number[] = [];
  const residuals: number[] = [];
  for (let i = 0; i < n; i += step) {
    observed.push(y[i]);
    fitted.push(fit[i]);
    residuals.push(res[i]);
  }
  return { observed, fitted, residuals, residualKind, total: n };
}
