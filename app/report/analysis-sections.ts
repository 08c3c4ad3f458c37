/**
 * Issue 19's inference stored with a model (app/project's InferenceResults) as report sections:
 * titled result tables and the sentences saying what was done — lmerTest's ranova,
 * effectsize's standardized (refit) effects, the Johnson–Neyman interval with its simple slopes,
 * and the parametric bootstrap intervals (refits, seed, failures). The text report and the PDF
 * both lay out these sections, so they say the same thing.
 */
import type { JohnsonNeymanView } from "../api/contract-analysis";
import type { IntervalRow } from "../engine/lmm/types";
import { displayTerm } from "../formula/names";
import { bootstrapSentence, type BootstrapResult } from "../inference/bootstrap-summary";
import { johnsonNeymanSentence, type JohnsonNeymanNumbers } from "../inference/johnson-neyman-text";
import type { StandardizedEffect } from "../inference/standardize";
import type { TermInfoView } from "../model-spec/fit-view";
import type { InferenceResults } from "../project/schema";
import { ranovaNote, ranovaTable } from "./ranova-table";
import { pbTestSentences } from "./pb-section";
import { boundColumn, type Cell, type ColumnKind, type ResultTable, type TableColumn } from "./result-tables";
import { plainVariableName, termLabeller } from "./term-labels";
import { formatTable, type NumberStyle } from "./format-table";

/** One analysis: its titled tables, then the sentences under them (the tables' titles head it). */
export interface ReportSection {
  readonly tables: readonly ResultTable[];
  readonly sentences: readonly string[];
  /** A figure the PDF draws before the tables, as the screen shows it above them (the text report has none). */
  readonly figure?: { readonly kind: "johnson-neyman"; readonly jn: JohnsonNeymanView };
}

const col = (label: string, kind: ColumnKind, apa?: string): TableColumn => ({ label, kind, ...(apa ? { apa } : {}) });
const num = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

/** effectsize's standardize_parameters(method = "refit") as its own table (under Fixed effects). */
export function standardizedTable(rows: readonly StandardizedEffect[], termInfo?: TermInfoView): ResultTable {
  const columns = [col("Term", "text"), col("Std. coefficient", "estimate", "β"), boundColumn("lower", "95% CI lower", "95% CI LL"), boundColumn("upper", "95% CI upper", "95% CI UL")];
  // A standardized intercept is 0 by construction when no category shifts it; the refit leaves ~1e-16,
  // which would otherwise set the column's decimals (APA shares them by the smallest estimate).
  const estimate = (x: number) => (Math.abs(x) < 1e-10 ? 0 : num(x));
  const cells = rows.map((r): Cell[] => [displayTerm(r.term), estimate(r.std_estimate), num(r.std_lower), num(r.std_upper)]);
  // Readable names as in the Fixed effects table (R's with the "R names" setting, formatTable).
  const readable = termLabeller(termInfo);
  const termNames = { column: 0, readable: rows.map((r) => readable(r.term)) };
  return { id: "standardized-effects", title: "Standardized fixed effects", columns, rows: cells, termNames };
}

/** The sentence under the standardized table: how the coefficients were made. */
export const STANDARDIZED_NOTE =
  "The model refitted with every numeric column (outcome and predictors) centred and divided by its SD over the rows used, as effectsize's standardize_parameters(method = \"refit\"); 95% t intervals on the residual df.";

const dfText = (jn: JohnsonNeymanView) => (jn.df === "asymptotic" ? "z tests" : `t tests with ${jn.df === "kenward-roger" ? "Kenward–Roger" : "Satterthwaite"} df`);

/** The slope's and the moderator's names as the tables say them: plainly, without R's backticks. */
function plainNames(jn: JohnsonNeymanView): { x: string; m: string } {
  return { x: plainVariableName(jn.x), m: plainVariableName(jn.moderator) };
}

/** The J-N bounds and the moderator's observed range, one row each. */
export function johnsonNeymanBoundsTable(jn: JohnsonNeymanView): ResultTable {
  const { x, m } = plainNames(jn);
  const rows: Cell[][] = [
    ["Lower bound", num(jn.lower)],
    ["Upper bound", num(jn.upper)],
    [`Observed ${m} minimum`, num(jn.range[0])],
    [`Observed ${m} maximum`, num(jn.range[1])],
  ];
  return { id: "johnson-neyman", title: `Johnson–Neyman bounds: slope of ${x} over ${m}`, columns: [col("", "text"), col(m, "estimate")], rows, slug: `${x}-${m}` };
}

/** Simple slopes of x at the moderator's mean − SD, mean and mean + SD. */
export function simpleSlopesTable(jn: JohnsonNeymanView): ResultTable {
  const { x, m } = plainNames(jn);
  const z = jn.df === "asymptotic";
  const columns = [
    col(m, "text"),
    col("Value", "estimate"),
    col("Slope", "estimate", "b"),
    col("Std. Error", "estimate", "SE"),
    ...(z ? [] : [col("df", "df", "df")]),
    col(z ? "z value" : "t value", "statistic", z ? "z" : "t"),
    col("p", "p", "p"),
    boundColumn("lower", "95% CI lower", "95% CI LL"),
    boundColumn("upper", "95% CI upper", "95% CI UL"),
  ];
  const names = ["Mean − SD", "Mean", "Mean + SD"];
  const rows = jn.simpleSlopes.map((s, i): Cell[] => [names[i] ?? "", num(s.at), num(s.estimate), num(s.se), ...(z ? [] : [num(s.df)]), num(s.statistic), num(s.p), num(s.lower), num(s.upper)]);
  return { id: "simple-slopes", title: `Simple slopes of ${x}`, columns, rows, slug: `${x}-${m}` };
}

/** The bounds and the observed range as the bounds table shows them in `style`. */
export function johnsonNeymanShown(jn: JohnsonNeymanView, style: NumberStyle): JohnsonNeymanNumbers {
  const [lower, upper, min, max] = formatTable(johnsonNeymanBoundsTable(jn), style).rows.map((r) => r[1] ?? "");
  return { lower, upper, min, max };
}

/**
 * What the bounds mean and how they were found. Its numbers are the bounds table's cells in the
 * same number style (APA or plain, with their decimals and minus signs), so the sentence and the
 * table beside it never disagree ("−2.18" in both); the names are the tables' plain ones.
 */
export function johnsonNeymanNote(jn: JohnsonNeymanView, style: NumberStyle): string {
  const { x, m } = plainNames(jn);
  return `${johnsonNeymanSentence({ ...jn, x, moderator: m }, johnsonNeymanShown(jn, style))} Bounds: the values of ${m} where the ${Math.round(jn.level * 100)}% confidence interval of the slope of ${x} touches 0 (slope and SE from the fixed effects and vcov(); ${dfText(jn)}).`;
}

/** A bootstrap interval's parameter as confint(method = "boot") names it. */
export function bootstrapParameter(r: IntervalRow): string {
  if (r.kind === "fixef") return displayTerm(r.term ?? "");
  if (r.kind === "correlation") return `cor ${displayTerm(r.group ?? "")}: ${displayTerm(r.name1 ?? "")}, ${displayTerm(r.name2 ?? "")}`;
  return r.group === "Residual" ? "sigma" : `sd ${displayTerm(r.group ?? "")}: ${displayTerm(r.name1 ?? "")}`;
}

/** A bootstrap interval's parameter in the words of the Fixed and Random effects tables. */
export function readableBootstrapParameter(r: IntervalRow, readable: (rName: string) => string): string {
  if (r.kind === "fixef") return readable(r.term ?? "");
  const group = displayTerm(r.group ?? "");
  if (r.kind === "correlation") return `Correlation, ${group}: ${readable(r.name1 ?? "")} with ${readable(r.name2 ?? "")}`;
  return r.group === "Residual" ? "Residual SD (σ)" : `SD, ${group}: ${readable(r.name1 ?? "")}`;
}

export function bootstrapTable(boot: BootstrapResult, termInfo?: TermInfoView): ResultTable {
  const columns = [col("Parameter", "text"), boundColumn("lower", "95% CI lower", "95% CI LL"), boundColumn("upper", "95% CI upper", "95% CI UL")];
  const rows = boot.ci_boot.map((r): Cell[] => [bootstrapParameter(r), num(r.lower), num(r.upper)]);
  const readable = termLabeller(termInfo);
  const termNames = { column: 0, readable: boot.ci_boot.map((r) => readableBootstrapParameter(r, readable)) };
  return { id: "bootstrap-intervals", title: "Parametric bootstrap intervals", columns, rows, termNames };
}

/** The stored inference of a model as report sections, in the order the results panel shows them. */
export function inferenceSections(inference: InferenceResults | null | undefined, style: NumberStyle, termInfo?: TermInfoView): ReportSection[] {
  if (!inference) return [];
  const out: ReportSection[] = [];
  if (inference.standardized?.length) out.push({ tables: [standardizedTable(inference.standardized, termInfo)], sentences: [STANDARDIZED_NOTE] });
  if (inference.ranova) out.push({ tables: [ranovaTable(inference.ranova.rows)], sentences: [ranovaNote(inference.ranova.reml)] });
  if (inference.bootstrap) out.push({ tables: [bootstrapTable(inference.bootstrap, termInfo)], sentences: [bootstrapSentence(inference.bootstrap)] });
  const jn = inference.johnsonNeyman;
  if (jn) out.push({ tables: [johnsonNeymanBoundsTable(jn), simpleSlopesTable(jn)], sentences: [johnsonNeymanNote(jn, style)], figure: { kind: "johnson-neyman", jn } });
  if (inference.pbTest) out.push({ tables: [], sentences: pbTestSentences(inference.pbTest) });
  return out;
}
