/**
 * The results of a fit as tables — fixed effects, random effects, type III ANOVA, fit statistics —
 * read from the fit's JSON (fitToJson), the one result object the UI, the CSV, the clipboard and
 * the PDF all show. Cells hold raw numbers; formatting for display (plain or APA) is applied by
 * formatTable, so a CSV can keep full precision.
 */
import type { FitJson } from "./fit-json";

export type Cell = string | number | null;

/** How a column's numbers are formatted (see format-table.ts). */
export type ColumnKind = "text" | "estimate" | "df" | "statistic" | "p" | "bounded" | "count" | "value";

export interface TableColumn {
  readonly label: string;
  readonly kind: ColumnKind;
  /** APA label (statistical symbols, italic in HTML and PDF). */
  readonly apa?: string;
}

export type ResultTableId = "fixed-effects" | "random-effects" | "anova" | "fit-statistics";

export interface ResultTable {
  readonly id: ResultTableId;
  readonly title: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly Cell[])[];
  /** Per row, a kind that overrides the columns' for its numbers (fit statistics mix counts, criteria and R²). */
  readonly rowKinds?: readonly (ColumnKind | null)[];
}

const col = (label: string, kind: ColumnKind, apa?: string): TableColumn => ({ label, kind, ...(apa ? { apa } : {}) });

export function resultTables(fit: FitJson): ResultTable[] {
  const tables = [fixedEffectsTable(fit), randomEffectsTable(fit)];
  if (fit.anova3 && fit.anova3.length > 0) tables.push(anovaTable(fit));
  tables.push(fitStatisticsTable(fit));
  return tables;
}

export function fixedEffectsTable(fit: FitJson): ResultTable {
  const hasDf = fit.fixef.some((r) => r.df !== undefined);
  const hasP = fit.fixef.some((r) => r.p !== undefined);
  const z = fit.family !== "gaussian";
  const ci = new Map((fit.ci ?? []).filter((r) => typeof r.term === "string").map((r) => [r.term as string, r]));
  const columns = [
    col("Term", "text"),
    col("Estimate", "estimate", "b"),
    col("Std. Error", "estimate", "SE"),
    ...(hasDf ? [col("df", "df", "df")] : []),
    col(z ? "z value" : "t value", "statistic", z ? "z" : "t"),
    ...(hasP ? [col(z ? "Pr(>|z|)" : "Pr(>|t|)", "p", "p")] : []),
    ...(ci.size ? [col("95% CI lower", "estimate", "95% CI LL"), col("95% CI upper", "estimate", "95% CI UL")] : []),
  ];
  const rows = fit.fixef.map((r) => {
    const term = String(r.term);
    const interval = ci.get(term);
    return [
      term,
      num(r.estimate),
      num(r.se),
      ...(hasDf ? [num(r.df)] : []),
      num(r.statistic),
      ...(hasP ? [num(r.p)] : []),
      ...(ci.size ? [num(interval?.lower), num(interval?.upper)] : []),
    ];
  });
  return { id: "fixed-effects", title: "Fixed effects", columns, rows };
}

export function randomEffectsTable(fit: FitJson): ResultTable {
  const columns = [col("Group", "text"), col("Term", "text"), col("Variance", "value"), col("Std. Dev.", "value", "SD"), col("Corr", "bounded", "r")];
  const rows = fit.varcorr.map((r): Cell[] =>
    r.kind === "correlation"
      ? [str(r.group), `${str(r.name1)} : ${str(r.name2)}`, null, null, num(r.value)]
      : [str(r.group), r.group === "Residual" ? "" : str(r.name1), num(r.value), num(r.sd), null],
  );
  return { id: "random-effects", title: "Random effects", columns, rows };
}

export function anovaTable(fit: FitJson): ResultTable {
  const columns = [col("Term", "text"), col("NumDF", "df", "df1"), col("DenDF", "df", "df2"), col("F value", "statistic", "F"), col("Pr(>F)", "p", "p")];
  const rows = (fit.anova3 ?? []).map((r) => [str(r.term), num(r.numDF), num(r.denDF), num(r.F), num(r.p)]);
  return { id: "anova", title: "Type III ANOVA (Satterthwaite's method)", columns, rows };
}

export function fitStatisticsTable(fit: FitJson): ResultTable {
  const rows: Cell[][] = [["Observations", fit.nobs]];
  for (const [group, n] of Object.entries(fit.ngroups)) rows.push([`Groups: ${group}`, n]);
  const add = (label: string, value: number | null | undefined) => {
    if (value !== undefined && value !== null) rows.push([label, value]);
  };
  add("Log-likelihood", fit.logLik);
  add("AIC", fit.AIC);
  add("BIC", fit.BIC);
  add("Deviance", fit.deviance);
  add("REML criterion", fit.REMLcrit);
  add("Residual std. dev. (sigma)", fit.sigma);
  add("Parameters", fit.df);
  const bounded: Cell[][] = [];
  const addBounded = (label: string, value: number | null | undefined) => {
    if (value !== undefined && value !== null) bounded.push([label, value]);
  };
  addBounded("Marginal R²", fit.r2_marginal);
  addBounded("Conditional R²", fit.r2_conditional);
  addBounded("ICC (adjusted)", fit.icc);
  const rowKinds = [...rows.map(() => null), ...bounded.map((): ColumnKind => "bounded"), null, null];
  rows.push(...bounded, ["Converged", fit.converged ? "yes" : "no"], ["Singular fit", fit.singular ? "yes" : "no"]);
  return { id: "fit-statistics", title: "Fit statistics", columns: [col("Statistic", "text"), col("Value", "value")], rows, rowKinds };
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function str(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}
