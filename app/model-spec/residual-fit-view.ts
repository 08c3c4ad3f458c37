/**
 * The FitView of a fit with a residual structure (nlme::lme, app/engine/residual-structure): the
 * tables the results show for every fit (fixed effects with nlme's containment df and t-based
 * 95% intervals, random-effect SDs and correlations, marginal F tests, logLik/AIC/BIC), plus
 * `residualStructure` with the correlation parameter and variance ratios and their approximate
 * intervals; and what the plots read, as for an lmer fit: the residual plots, the random effects'
 * conditional modes (nlme's ranef) with their conditional SDs, and the effect curves (effect-curves.ts,
 * from β̂ and nlme's Var(β̂)).
 */
import type { ResidualStructureFit, ResidualStructureSpec } from "../engine/residual-structure/types";
import { qt } from "../stats";
import { effectCurves } from "./effect-curves";
import { sampledDiagnostics } from "./to-fit-view";
import type { DiagnosticsView, FitView } from "./fit-view";

export interface ResidualStructureView {
  readonly spec: ResidualStructureSpec;
  /** "AR(1) over week within subject", "Compound symmetry within class", "Variances differ by arm". */
  readonly description: string;
  readonly correlation: { readonly structure: "ar1" | "car1" | "cs"; readonly parameter: number | null; readonly lower: number | null; readonly upper: number | null } | null;
  readonly varianceReference: string | null;
  readonly varianceRatios: readonly { readonly level: string; readonly ratio: number | null; readonly lower: number | null; readonly upper: number | null }[];
}

const NAMES = { ar1: "AR(1)", car1: "Continuous-time AR(1)", cs: "Compound symmetry" } as const;

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** In words, for the results and the model list: what the residual structure is. */
export function describeResidualStructure(spec: ResidualStructureSpec, group: string): string {
  const parts: string[] = [];
  if (spec.correlation) {
    const within = spec.group ?? group;
    parts.push(spec.correlation === "cs" ? `${NAMES.cs} within ${within}` : `${NAMES[spec.correlation]} over ${spec.time ?? "time"} within ${within}`);
  }
  if (spec.varianceBy) parts.push(`variances differ by ${spec.varianceBy}`);
  const text = parts.join("; ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Pearson residuals (raw residual / (σ · the row's varIdent SD ratio)) against fitted(m), level 1:
 * what nlme's plot(m) and qqnorm(m) show by default (resid(., type = "p")). Raw residuals would
 * hide the unequal variances the model has accounted for; the normalized residuals depend on the
 * data's row order in nlme (conditional.ts). Sampled as for lmer fits (to-fit-view.ts).
 */
function diagnosticsOf(fit: ResidualStructureFit): DiagnosticsView {
  const { observed, fitted, pearson } = fit.rows;
  return sampledDiagnostics(observed, fitted, pearson, "pearson");
}

export function residualFitView(fit: ResidualStructureFit, droppedRows: number, seconds: number): FitView {
  const group = Object.keys(fit.ngroups)[0] ?? "";
  return {
    family: "gaussian",
    link: null,
    method: fit.method,
    formula: fit.formula,
    responseName: fit.formula.split("~")[0].trim(),
    nobs: fit.nobs,
    ngroups: fit.ngroups,
    statisticName: "t",
    fixef: fit.fixef.map((r) => {
      const half = qt(0.975, r.df) * r.se;
      return { term: r.term, estimate: r.estimate, se: r.se, statistic: r.statistic, df: r.df, p: finite(r.p), lower: finite(r.estimate - half), upper: finite(r.estimate + half) };
    }),
    varcorr: fit.varcorr.map((r) =>
      r.kind === "sd"
        ? { group: r.group, name1: r.name1, name2: null, kind: "variance" as const, value: r.value * r.value, sd: r.value }
        : { group: r.group, name1: r.name1, name2: r.name2, kind: "correlation" as const, value: r.value, sd: null },
    ),
    sigma: fit.sigma,
    logLik: fit.logLik,
    npar: fit.df,
    AIC: fit.AIC,
    BIC: fit.BIC,
    deviance: fit.method === "ML" ? -2 * fit.logLik : null,
    REMLcrit: fit.method === "REML" ? -2 * fit.logLik : null,
    r2Marginal: null,
    r2Conditional: null,
    icc: null,
    anova: fit.anova.map((r) => ({ term: r.term, numDF: r.numDF, denDF: r.denDF, F: finite(r.F), p: finite(r.p) })),
    singular: false,
    converged: fit.converged,
    droppedRows,
    warnings: [...fit.warnings],
    ranef: [{ group: fit.ranef.group, terms: [...fit.ranef.terms], levels: [...fit.ranef.levels], values: fit.ranef.values.map((v) => [...v]), condsd: fit.ranef.condsd.map((v) => [...v]) }],
    diagnostics: diagnosticsOf(fit),
    effects: effectCurves({ fixed: fit.fixedDesign, beta: fit.beta, vcov: fit.vcov, responseName: fit.formula.split("~")[0].trim(), family: "gaussian", link: null }),
    evaluations: fit.evaluations,
    seconds,
    residualStructure: {
      spec: fit.structure,
      description: describeResidualStructure(fit.structure, group),
      correlation: fit.correlation && {
        structure: fit.correlation.structure,
        parameter: finite(fit.correlation.parameter),
        lower: finite(fit.correlation.lower),
        upper: finite(fit.correlation.upper),
      },
      varianceReference: fit.varianceReference,
      varianceRatios: fit.varianceRatios.map((r) => ({ level: r.level, ratio: finite(r.ratio), lower: finite(r.lower), upper: finite(r.upper) })),
    },
  };
}
