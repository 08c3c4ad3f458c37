/**
 * The results of a fit as tables — fixed effects, random effects, type III ANOVA, fit statistics —
 * read from the FitView (app/model-spec), the one result object the UI, the project file, the CSV,
 * the clipboard and the PDF all use. Cells hold raw numbers; formatting for display (plain or APA)
 * is applied by formatTable, so a CSV can keep full precision.
 */
import type { FitView } from "../model-spec/fit-view";
import { displayTerm } from "../formula/names";
import { modelTermLabel, termLabeller } from "./term-labels";

export type Cell = string | number | null;

/** How a column's numbers are formatted (see format-table.ts). */
export type ColumnKind = "text" | "estimate" | "df" | "statistic" | "p" | "bounded" | "count" | "value";

export interface TableColumn {
  readonly label: string;
  readonly kind: ColumnKind;
  /** APA label (statistical symbols, italic in HTML and PDF). */
  readonly apa?: string;
  /** A bound of an interval: shown together with the other bound as "[a, b]" (format-table.ts). */
  readonly interval?: "lower" | "upper";
  /**
   * The quantity cannot be below 0 (a probability), though an interval bound of it can: a bound
   * that rounds to zero is shown without its minus sign (format-table.ts); the raw value stays.
   */
  readonly nonNegative?: true;
}

export type ResultTableId =
  | "thresholds"
  | "fixed-effects"
  | "random-effects"
  | "anova"
  | "fit-statistics"
  | "marginal-means"
  | "marginal-means-response"
  | "pairwise-comparisons"
  | "effect-sizes"
  | "category-probabilities"
  | "mean-class"
  | "simple-effects"
  | "design-groupings"
  | "design-random-terms"
  | "optimizer-check"
  | "random-effect-tests"
  | "standardized-effects"
  | "johnson-neyman"
  | "simple-slopes"
  | "bootstrap-intervals";

export interface ResultTable {
  readonly id: ResultTableId;
  readonly title: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly Cell[])[];
  /** Per row, a kind that overrides the columns' for its numbers (fit statistics mix counts, criteria and R²). */
  readonly rowKinds?: readonly (ColumnKind | null)[];
  /** Tells apart several tables of one id in file names ("attitude-by-gender"). */
  readonly slug?: string;
  /**
   * A column holding R's term names (without backticks) and the readable name of each row
   * (app/report/term-labels.ts): formatTable shows one or the other, a CSV keeps R's names and
   * adds the readable ones in a column beside them.
   */
  readonly termNames?: { readonly column: number; readonly readable: readonly string[] };
}

const col = (label: string, kind: ColumnKind, apa?: string): TableColumn => ({ label, kind, ...(apa ? { apa } : {}) });
/** The lower or upper bound column of an interval. */
export const boundColumn = (bound: "lower" | "upper", label: string, apa?: string): TableColumn => ({ ...col(label, "estimate", apa), interval: bound });

export function resultTables(fit: FitView): ResultTable[] {
  const tables = [...(fit.thresholds ? [thresholdsTable(fit)] : []), fixedEffectsTable(fit), randomEffectsTable(fit)];
  if (fit.anova && fit.anova.length > 0) tables.push(anovaTable(fit));
  tables.push(fitStatisticsTable(fit));
  return tables;
}

/** Ordinal (clmm) models: the thresholds between successive categories with Wald z tests. */
export function thresholdsTable(fit: FitView): ResultTable {
  const columns = [col("Threshold", "text"), col("Estimate", "estimate", "b"), col("Std. Error", "estimate", "SE"), col("z value", "statistic", "z"), col("Pr(>|z|)", "p", "p")];
  const rows = (fit.thresholds ?? []).map((t) => [t.name, num(t.estimate), num(t.se), num(t.statistic), num(t.p)]);
  return { id: "thresholds", title: "Thresholds", columns, rows };
}

export function fixedEffectsTable(fit: FitView): ResultTable {
  const hasDf = fit.fixef.some((r) => r.df !== null);
  const hasP = fit.fixef.some((r) => r.p !== null);
  const hasCi = fit.fixef.some((r) => r.lower !== null);
  const hasExp = fit.fixef.some((r) => r.expEstimate !== undefined);
  const z = fit.statisticName === "z";
  // lme4: a GLMM's p-value is normal even where its statistic is labelled t (Gamma, inverse Gaussian)
  const pz = z || fit.family !== "gaussian";
  const columns = [
    col("Term", "text"),
    col("Estimate", "estimate", "b"),
    col("Std. Error", "estimate", "SE"),
    ...(hasDf ? [col("df", "df", "df")] : []),
    col(z ? "z value" : "t value", "statistic", z ? "z" : "t"),
    ...(hasP ? [col(pz ? "Pr(>|z|)" : "Pr(>|t|)", "p", "p")] : []),
    ...(hasCi ? [boundColumn("lower", "95% CI lower", "95% CI LL"), boundColumn("upper", "95% CI upper", "95% CI UL")] : []),
    ...(hasExp ? [col("exp(b)", "estimate", "exp(b)"), col("exp(b) 95% CI lower", "estimate", "exp(b) LL"), col("exp(b) 95% CI upper", "estimate", "exp(b) UL")] : []),
  ];
  // Terms as people read them: R's backticks around column names left out (`Subject ID` → Subject ID).
  const rows = fit.fixef.map((r) => [
    displayTerm(r.term),
    num(r.estimate),
    num(r.se),
    ...(hasDf ? [num(r.df)] : []),
    num(r.statistic),
    ...(hasP ? [num(r.p)] : []),
    ...(hasCi ? [num(r.lower), num(r.upper)] : []),
    ...(hasExp ? [num(r.expEstimate), num(r.expLower), num(r.expUpper)] : []),
  ]);
  const readable = termLabeller(fit.termInfo);
  const termNames = { column: 0, readable: fit.fixef.map((r) => readable(r.term)) };
  return { id: "fixed-effects", title: fit.ddfMethod === "Kenward-Roger" ? "Fixed effects (Kenward–Roger df)" : "Fixed effects", columns, rows, termNames };
}

export function randomEffectsTable(fit: FitView): ResultTable {
  // The correlation column only when the model estimates a correlation (APA: no empty column).
  const hasCorr = fit.varcorr.some((r) => r.kind === "correlation");
  const columns = [col("Group", "text"), col("Term", "text"), col("Variance", "value"), col("Std. Dev.", "value", "SD"), ...(hasCorr ? [col("Corr", "bounded", "r")] : [])];
  const corr = (value: number | null): Cell[] => (hasCorr ? [value] : []);
  const rows = fit.varcorr.map((r): Cell[] =>
    r.kind === "correlation"
      ? [displayTerm(r.group), displayTerm(`${r.name1 ?? ""} : ${r.name2 ?? ""}`), null, null, ...corr(num(r.value))]
      : [displayTerm(r.group), r.group === "Residual" ? "" : displayTerm(r.name1 ?? ""), num(r.value), num(r.sd), ...corr(null)],
  );
  const readable = termLabeller(fit.termInfo);
  const labels = fit.varcorr.map((r) =>
    r.kind === "correlation" ? `${readable(r.name1 ?? "")} with ${readable(r.name2 ?? "")}` : r.group === "Residual" ? "" : readable(r.name1 ?? ""),
  );
  return { id: "random-effects", title: "Random effects", columns, rows, termNames: { column: 1, readable: labels } };
}

export function anovaTable(fit: FitView): ResultTable {
  const columns = [col("Term", "text"), col("NumDF", "df", "df1"), col("DenDF", "df", "df2"), col("F value", "statistic", "F"), col("Pr(>F)", "p", "p")];
  const rows = (fit.anova ?? []).map((r) => [displayTerm(r.term), num(r.numDF), num(r.denDF), num(r.F), num(r.p)]);
  const title = fit.residualStructure ? "Marginal F tests (nlme's anova type = \"marginal\", containment df)" : `Type III ANOVA (${fit.ddfMethod ?? "Satterthwaite"}'s method)`;
  const termNames = { column: 0, readable: (fit.anova ?? []).map((r) => modelTermLabel(r.term, fit.termInfo)) };
  return { id: "anova", title, columns, rows, termNames };
}

export function fitStatisticsTable(fit: FitView): ResultTable {
  const rows: Cell[][] = [["Observations", fit.nobs]];
  for (const [group, n] of Object.entries(fit.ngroups)) rows.push([`Groups: ${displayTerm(group)}`, n]);
  const add = (label: string, value: number | null | undefined) => {
    if (value !== undefined && value !== null && Number.isFinite(value)) rows.push([label, value]);
  };
  if (fit.droppedRows > 0) add("Rows left out (missing values)", fit.droppedRows);
  add("Log-likelihood", fit.logLik);
  add("AIC", fit.AIC);
  add("BIC", fit.BIC);
  add("Deviance", fit.deviance);
  add("REML criterion", fit.REMLcrit);
  add(fit.family === "gaussian" ? "Residual std. dev. (sigma)" : "Dispersion sigma (lme4's sigma())", fit.sigma);
  add("Negative binomial θ", fit.nbTheta);
  add("Parameters", fit.npar);
  const plain = rows.length;
  add("Marginal R²", fit.r2Marginal);
  add("Conditional R²", fit.r2Conditional);
  add("ICC (adjusted)", fit.icc);
  const rowKinds = rows.map((_, i): ColumnKind | null => (i < plain ? null : "bounded"));
  rows.push(["Converged", fit.converged ? "yes" : "no"], ["Singular fit", fit.singular ? "yes" : "no"]);
  return { id: "fit-statistics", title: "Fit statistics", columns: [col("Statistic", "text"), col("Value", "value")], rows, rowKinds: [...rowKinds, null, null] };
}

function num(v: number | null | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
