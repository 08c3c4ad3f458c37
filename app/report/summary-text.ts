/**
 * A plain-text summary of a fitted linear mixed model, laid out like R's summary() of an
 * lmerTest fit (lme4's print.summary.merMod): method, formula, criterion, scaled residuals,
 * random effects, fixed effects with Satterthwaite (or Kenward–Roger) df and p-values when inference has run, and
 * the warnings. Used by `mixwell fit` and the text export.
 */
import type { GlmmFit } from "../engine/glmm/types";
import { hasDispersion } from "../engine/glmm/family";
import type { IntervalRow, LmmFit } from "../engine/lmm/types";
import type { MixedFit } from "../engine/run-fit/mixed-fit";
import { formatColumn, formatPValue, layoutTable, significanceStars } from "./format-number";

export function formatFitSummary(fit: MixedFit): string {
  const lines: string[] = [
    ...titleLines(fit),
    `Formula: ${fit.formula}`,
    "",
    ...criterionLines(fit),
    "",
    "Scaled residuals:",
    ...residualLines(fit),
    "",
    "Random effects:",
    ...randomEffectLines(fit),
    `Number of obs: ${fit.nobs}, groups:  ${Object.entries(fit.ngroups).map(([g, n]) => `${g}, ${n}`).join("; ")}`,
    "",
    fit.family === "gaussian" && fit.ddfMethod ? `Fixed effects (t tests use ${fit.ddfMethod}'s method for the df):` : "Fixed effects:",
    ...fixedEffectLines(fit),
  ];
  if (fit.family !== "gaussian" && fit.overdispersion) lines.push("", overdispersionLine(fit));
  if (fit.family === "gaussian") lines.push(...inferenceLines(fit));
  if (fit.warnings.length > 0) lines.push("", "Warnings:", ...fit.warnings.map((w) => `  - ${w}`));
  return lines.join("\n") + "\n";
}

function titleLines(fit: MixedFit): string[] {
  if (fit.family === "gaussian") {
    return [fit.method === "REML" ? "Linear mixed model fit by REML" : "Linear mixed model fit by maximum likelihood"];
  }
  // lme4's methTitle: anything but nAGQ = 1 is titled AGQ, the one-stage nAGQ = 0 fit included
  const approx = fit.nAGQ !== 1 ? `Adaptive Gauss-Hermite Quadrature, nAGQ = ${fit.nAGQ}` : "Laplace Approximation";
  return [`Generalized linear mixed model fit by maximum likelihood (${approx})`, ` Family: ${rFamilyName(fit)}  ( ${fit.link} )`];
}

/** The family as lme4's summary names it: Gamma, inverse.gaussian, Negative Binomial(θ). */
function rFamilyName(fit: GlmmFit): string {
  if (fit.nbTheta !== undefined) return `Negative Binomial(${Number(fit.nbTheta.toPrecision(4))})`;
  return fit.family === "gamma" ? "Gamma" : fit.family === "inverse-gaussian" ? "inverse.gaussian" : fit.family;
}

function overdispersionLine(fit: GlmmFit): string {
  const o = fit.overdispersion!;
  return `Overdispersion: Pearson chi-squared ${o.chisq.toFixed(1)} on ${o.rdf} df, ratio ${o.ratio.toFixed(3)}, p ${formatPValue(o.p)}`;
}

function criterionLines(fit: MixedFit): string[] {
  // lme4 rounds these to one decimal (.prt.aictab, print.summary.merMod); a GLMM's column is −2·logLik.
  if (fit.family !== "gaussian") {
    const cells = [fit.AIC, fit.BIC, fit.logLik, -2 * fit.logLik].map((x) => x.toFixed(1));
    return layoutTable([["AIC", "BIC", "logLik", "deviance", "df.resid"], [...cells, String(fit.nobs - fit.df)]], 0);
  }
  if (fit.method === "REML") return [`REML criterion at convergence: ${(fit.REMLcrit ?? -2 * fit.logLik).toFixed(1)}`];
  const deviance = fit.deviance ?? -2 * fit.logLik;
  const cells = [fit.AIC, fit.BIC, fit.logLik, deviance].map((x) => x.toFixed(1));
  return layoutTable([["AIC", "BIC", "logLik", "deviance", "df.resid"], [...cells, String(fit.nobs - fit.df)]], 0);
}

/** Quantiles of residual/σ (Pearson residuals for a GLMM; R's quantile type 7), as lme4 prints them. */
function residualLines(fit: MixedFit): string[] {
  const raw = fit.family === "gaussian" ? Array.from(fit.residuals, (r) => r / fit.sigma) : Array.from(fit.pearsonResiduals);
  const scaled = raw.sort((a, b) => a - b);
  const quantile = (q: number): number => {
    const h = (scaled.length - 1) * q;
    const lo = Math.floor(h);
    return scaled[lo] + (h - lo) * ((scaled[Math.min(lo + 1, scaled.length - 1)] ?? 0) - scaled[lo]);
  };
  const values = [0, 0.25, 0.5, 0.75, 1].map(quantile);
  return layoutTable([["Min", "1Q", "Median", "3Q", "Max"], formatColumn(values, 4)], 0);
}

function randomEffectLines(fit: MixedFit): string[] {
  const variances = fit.varcorr.filter((r) => r.kind === "variance");
  const variance = formatColumn(variances.map((r) => r.value), 4);
  const sd = formatColumn(variances.map((r) => r.sd), 4);
  const rows: string[][] = [["Groups", "Name", "Variance", "Std.Dev.", "Corr"]];
  let previousGroup = "";
  variances.forEach((r, i) => {
    const correlations = fit.varcorr
      .filter((c) => c.kind === "correlation" && c.group === r.group && c.name2 === r.name1)
      .map((c) => c.value.toFixed(2));
    const group = r.group === previousGroup ? "" : r.group;
    previousGroup = r.group;
    rows.push([group, r.group === "Residual" ? "" : r.name1, variance[i], sd[i], correlations.join(" ")]);
  });
  return layoutTable(rows, 2).map((l) => ` ${l}`);
}

function fixedEffectLines(fit: MixedFit): string[] {
  // lme4 labels the Wald statistic of a family with a scale "t value", its p-value still Pr(>|z|)
  const stat = fit.family === "gaussian" || hasDispersion(fit.family) ? "t" : "z";
  const pStat = fit.family === "gaussian" ? "t" : "z";
  const withDf = fit.fixef.some((r) => r.df !== undefined);
  const withP = fit.fixef.some((r) => r.p !== undefined);
  const estimate = formatColumn(fit.fixef.map((r) => r.estimate), 4);
  const se = formatColumn(fit.fixef.map((r) => r.se), 4);
  const df = formatColumn(fit.fixef.map((r) => r.df), 4);
  const t = formatColumn(fit.fixef.map((r) => r.statistic), 3);
  const header = ["", "Estimate", "Std. Error", ...(withDf ? ["df"] : []), `${stat} value`, ...(withP ? [`Pr(>|${pStat}|)`, ""] : [])];
  const rows = fit.fixef.map((r, i) => [
    r.term,
    estimate[i],
    se[i],
    ...(withDf ? [df[i]] : []),
    t[i],
    ...(withP ? [r.p === undefined ? "" : formatPValue(r.p), significanceStars(r.p)] : []),
  ]);
  const lines = layoutTable([header, ...rows]);
  if (withP) lines.push("---", "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1");
  return lines;
}

function anovaLines(fit: LmmFit): string[] {
  const rows = fit.anova3 ?? [];
  const F = formatColumn(rows.map((r) => r.F), 4);
  const den = formatColumn(rows.map((r) => r.denDF), 4);
  return layoutTable([
    ["", "NumDF", "DenDF", "F value", "Pr(>F)", ""],
    ...rows.map((r, i) => [r.term, String(r.numDF), den[i], F[i], formatPValue(r.p), significanceStars(r.p)]),
  ]);
}

/** lmerTest's type III table, Wald and profile intervals, Nakagawa's R² and the ICC (when inference has run). */
function inferenceLines(fit: LmmFit): string[] {
  const lines: string[] = [];
  if (fit.anova3 && fit.anova3.length > 0) {
    lines.push("", `Type III Analysis of Variance Table with ${fit.ddfMethod ?? "Satterthwaite"}'s method:`, ...anovaLines(fit));
  }
  if (fit.ci) lines.push("", `95% confidence intervals (Wald, ${fit.ddfMethod ?? "Satterthwaite"} t quantiles):`, ...intervalLines(fit.ci, (r) => r.term ?? ""));
  if (fit.ci_profile) {
    lines.push("", "95% profile-likelihood intervals of the variance components:", ...intervalLines(fit.ci_profile, profileLabel));
  }
  if (fit.r2_marginal !== undefined) {
    const f = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "not available" : x.toFixed(3));
    lines.push("", `Conditional R2: ${f(fit.r2_conditional)}`, `   Marginal R2: ${f(fit.r2_marginal)}`, `  Adjusted ICC: ${f(fit.icc)}`);
  }
  return lines;
}

function profileLabel(r: IntervalRow): string {
  if (r.group === "Residual") return "sd (Residual)";
  return r.kind === "correlation" ? `cor ${r.name1}, ${r.name2} | ${r.group}` : `sd ${r.name1} | ${r.group}`;
}

function intervalLines(rows: readonly IntervalRow[], label: (r: IntervalRow) => string): string[] {
  const lower = formatColumn(rows.map((r) => (Number.isFinite(r.lower) ? r.lower : null)), 4);
  const upper = formatColumn(rows.map((r) => (Number.isFinite(r.upper) ? r.upper : null)), 4);
  return layoutTable([["", "2.5 %", "97.5 %"], ...rows.map((r, i) => [label(r), lower[i] || "n/a", upper[i] || "n/a"])]);
}
