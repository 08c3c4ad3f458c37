/**
 * The status-bar text when a model comparison starts, true for each kind of model: lme4's anova()
 * refits linear models fitted by REML by maximum likelihood (runComparison does the same), fits
 * linear ML models as they are, and fits glmer models as specified (they are maximum-likelihood
 * fits already, by the Laplace approximation, adaptive Gauss–Hermite or nAGQ = 0).
 */
import type { FitSpec } from "../../../app/engine/run-fit";

export function comparisonStartMessage(specs: readonly FitSpec[]): string {
  const n = specs.length;
  const models = `${n} model${n === 1 ? "" : "s"}`;
  const family = specs[0]?.family ?? "gaussian";
  if (family !== "gaussian") {
    const nAGQ = specs[0].nAGQ ?? 1;
    const how = nAGQ === 0 ? "fast approximation, nAGQ = 0" : nAGQ > 1 ? `adaptive Gauss–Hermite, nAGQ = ${nAGQ}` : "Laplace approximation";
    return `Fitting ${models} (${family}, maximum likelihood by the ${how})…`;
  }
  const reml = specs.filter((s) => (s.method ?? "REML") === "REML").length;
  if (reml === 0) return `Fitting ${models} by maximum likelihood…`;
  if (reml === n) return `Refitting ${models} by maximum likelihood (ML instead of REML, as anova() does)…`;
  return `Fitting ${models} by maximum likelihood; ${reml} fitted by REML ${reml === 1 ? "is" : "are"} refitted by ML, as anova() does…`;
}
