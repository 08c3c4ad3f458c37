/**
 * An ordinal (cumulative link, ordinal::clmm) fit as the FitView the UI reads: the thresholds in
 * their own table (`thresholds`), the coefficients without an intercept with Wald z tests, 95%
 * Wald intervals and, for the logit link, exp(b) — cumulative odds ratios — with exp of the
 * bounds; the random-effect variances; logLik, AIC and BIC. No residual plots, effect curves,
 * R² or ANOVA (clmm has none of them); the fit job and the CLI report build it from
 * runOrdinalFitWithFrame.
 */
import type { DataTable } from "../data/column";
import type { ModelFrame } from "../engine/model-frame";
import { termInfoField } from "./term-columns";
import { ordinalProbabilities, runOrdinalFitWithFrame, type OrdinalFit } from "../engine/ordinal";
import { referenceGrid } from "../emmeans/reference-grid";
import { MixwellError } from "../errors";
import type { OrdinalLink } from "../engine/ordinal/links";
import type { EffectCurve, EffectsView, FitView, FixedEffectView } from "./fit-view";
import type { ModelSpec } from "./types";

const Z975 = 1.959963984540054;
const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The link of an ordinal spec: logit (default) or probit. */
export function ordinalLinkOf(spec: Pick<ModelSpec, "link">): OrdinalLink {
  return spec.link === "probit" ? "probit" : "logit";
}

export function ordinalFitView(fit: OrdinalFit, frame: ModelFrame, seconds: number): FitView {
  const fixef: FixedEffectView[] = fit.fixef.map((t) => {
    const lower = t.estimate - Z975 * t.se;
    const upper = t.estimate + Z975 * t.se;
    const row = { term: t.name, estimate: t.estimate, se: t.se, statistic: t.statistic, df: null, p: num(t.p), lower: num(lower), upper: num(upper) };
    return fit.link === "logit" ? { ...row, expEstimate: num(Math.exp(t.estimate)), expLower: num(Math.exp(lower)), expUpper: num(Math.exp(upper)) } : row;
  });
  return {
    family: "ordinal",
    link: fit.link,
    method: fit.nAGQ > 1 ? "AGQ" : "Laplace",
    nAGQ: fit.nAGQ,
    formula: fit.formula,
    responseName: fit.responseName,
    nobs: fit.nobs,
    ngroups: { ...fit.ngroups },
    statisticName: "z",
    fixef,
    thresholds: fit.thresholds.map((t) => ({ name: t.name, estimate: t.estimate, se: t.se, statistic: t.statistic, p: num(t.p) })),
    categories: [...fit.levels],
    varcorr: fit.varcorr.map((r) => ({ group: r.group, name1: r.name1, name2: r.name2, kind: r.kind, value: r.value, sd: r.sd === null ? null : num(r.sd) })),
    sigma: null,
    logLik: fit.logLik,
    npar: fit.df,
    AIC: fit.AIC,
    BIC: -2 * fit.logLik + fit.df * Math.log(fit.nobs),
    deviance: null,
    REMLcrit: null,
    r2Marginal: null,
    r2Conditional: null,
    icc: null,
    anova: null,
    singular: fit.singular,
    converged: fit.converged,
    droppedRows: frame.droppedRows,
    warnings: [...fit.warnings],
    // clmm's ranef/condVar per grouping factor, as the CLI JSON carries them (engine/ordinal/ranef-blocks.ts).
    ranef: fit.ranefBlocks,
    diagnostics: { observed: [], fitted: [], residuals: [], residualKind: "deviance", total: 0 },
    effects: ordinalEffects(fit, frame),
    evaluations: fit.evaluations,
    seconds,
    ...termInfoField(frame.fixed),
  };
}

/**
 * The Plots tab's effects of an ordinal fit: for each factor, the probability of each outcome
 * category per level (emmeans' mode = "prob", app/engine/ordinal/probabilities.ts), as a curve
 * over the factor's levels with one line per category — `by` is the outcome, so the PDF (which
 * draws curves without a "by" factor) leaves them out and the Plots tab draws them as stacked
 * bars. Numeric predictors get no curve: their effect is the odds ratio in the Summary tab.
 */
function ordinalEffects(fit: OrdinalFit, frame: ModelFrame): EffectsView {
  const grid = referenceGrid(frame.fixed);
  const curves: EffectCurve[] = [];
  for (const f of grid.factors) {
    let rows;
    try {
      rows = ordinalProbabilities(fit, frame, f.name).filter((r) => r.category !== "mean.class");
    } catch (e) {
      if (e instanceof MixwellError) continue;
      throw e;
    }
    const at = [...f.levels];
    const cell = (level: string, category: string) => rows.find((r) => r.level === level && r.category === category);
    const lines = fit.levels.map((category) => ({
      level: category,
      estimate: at.map((l) => cell(l, category)?.estimate ?? NaN),
      lower: at.map((l) => cell(l, category)?.lower ?? NaN),
      upper: at.map((l) => cell(l, category)?.upper ?? NaN),
    }));
    curves.push({ x: f.name, xKind: "factor", at, by: fit.responseName, lines });
  }
  const numeric = [...grid.covariates.keys()];
  const unavailable =
    curves.length > 0
      ? null
      : `Category probabilities are drawn per level of a factor, and this model has none${numeric.length ? ` (${numeric.join(", ")} ${numeric.length === 1 ? "is" : "are"} numeric: see the odds ratios in the Summary tab)` : ""}.`;
  return { predictors: curves.map((c) => c.x), factors: [], curves, yLabel: "probability", unavailable };
}

/** Fit an ordinal model spec on a table (the worker's and the CLI report's path). */
export function fitOrdinalView(
  table: DataTable,
  spec: Pick<ModelSpec, "formula" | "link" | "nAGQ" | "categorical" | "contrasts">,
  hooks: { onProgress?: (p: { evaluations: number; objective: number }) => void } = {},
): FitView {
  const started = performance.now();
  const { fit, frame } = runOrdinalFitWithFrame(
    table,
    { formula: spec.formula, link: ordinalLinkOf(spec), nAGQ: spec.nAGQ ?? 1, categorical: spec.categorical, contrasts: spec.contrasts },
    hooks,
  );
  return ordinalFitView(fit, frame, (performance.now() - started) / 1000);
}
