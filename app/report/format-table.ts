/**
 * A result table's cells as display text — the one formatting the results panel, the table Copy
 * button, the clipboard export, the text report and the PDF share, so they show the same strings.
 * Two styles: "apa" (the default; apa.ts) and "plain" (R's conventions: a column shares its
 * decimals with about four significant digits, p-values as format.pval). In both, a pair of
 * interval columns (lower, upper) becomes one column "[a, b]" with the bounds' decimals shared,
 * and negative numbers take a true minus sign (U+2212). Term names are the readable ones
 * (term-labels.ts) unless R's names are asked for. CSV keeps the raw numbers (csv.ts).
 */
import { apaColumn, apaDecimals } from "./apa";
import { formatColumn, formatPValue } from "./format-number";
import type { Cell, ColumnKind, ResultTable, TableColumn } from "./result-tables";
import { DEFAULT_TERM_NAMES, type TermNames } from "./term-labels";

export type NumberStyle = "plain" | "apa";

/** The style a fresh project starts with. */
export const DEFAULT_NUMBER_STYLE: NumberStyle = "apa";

export interface FormattedTable {
  readonly title: string;
  readonly header: readonly string[];
  /** Per column: true when its label is a statistical symbol to set in italics (APA). */
  readonly italicHeader: readonly boolean[];
  /** Per column: true for text columns (left-aligned), false for numbers (right-aligned). */
  readonly textColumn: readonly boolean[];
  readonly rows: readonly (readonly string[])[];
  /** Per shown cell, the full-precision value(s) behind it ("" for text), for hover and copy. */
  readonly full?: readonly (readonly string[])[];
}

/** A true minus sign for a shown number ("−0.25", "−.25"). */
export const minusSign = (text: string): string => text.replace(/^-(?=[.\d])/, "−");

export function formatTable(table: ResultTable, style: NumberStyle = "plain", names: TermNames = DEFAULT_TERM_NAMES): FormattedTable {
  if (names === "readable" && table.termNames) table = withReadableTerms(table, table.termNames);
  const cellsOf = (j: number) => table.rows.map((r) => r[j] ?? null);
  const estimateDecimals = apaDecimals(table.columns.flatMap((c, j) => (c.kind === "estimate" ? cellsOf(j) : [])));
  const formatted = table.columns.map((c, j) => formatColumnCells(table, j, style, c.kind === "estimate" ? estimateDecimals : undefined));
  const shown = shownColumns(table.columns);
  const header = shown.map(({ column, upper }) => (upper !== undefined ? intervalLabel(column, style) : style === "apa" && column.apa ? column.apa : column.label));
  return {
    title: table.title,
    header,
    italicHeader: shown.map(({ column, upper }) => upper === undefined && style === "apa" && column.apa !== undefined && !/\s/.test(column.apa)),
    textColumn: shown.map(({ column }) => column.kind === "text"),
    rows: table.rows.map((_, i) => shown.map(({ index, upper }) => (upper !== undefined ? intervalText(formatted[index][i], formatted[upper][i]) : formatted[index][i]))),
    full: table.rows.map((r) =>
      shown.map(({ index, upper }) => (upper !== undefined ? [r[index], r[upper]].map(rawText).join(", ") : typeof r[index] === "number" ? rawText(r[index]) : "")),
    ),
  };
}

function withReadableTerms(table: ResultTable, { column, readable }: NonNullable<ResultTable["termNames"]>): ResultTable {
  return { ...table, rows: table.rows.map((r, i) => r.map((c, j) => (j === column ? (readable[i] ?? c) : c))) };
}

/** The shown columns: each column, except that an interval's lower and upper columns become one. */
function shownColumns(columns: readonly TableColumn[]): { column: TableColumn; index: number; upper?: number }[] {
  const out: { column: TableColumn; index: number; upper?: number }[] = [];
  columns.forEach((column, index) => {
    if (column.interval === "upper") return;
    const upper = column.interval === "lower" ? columns.findIndex((c, k) => k > index && c.interval === "upper") : -1;
    out.push(upper > 0 ? { column, index, upper } : { column, index });
  });
  return out;
}

/** "95% CI" from "95% CI lower" / "lower 95% CL" / APA "95% CI LL". */
function intervalLabel(lower: TableColumn, style: NumberStyle): string {
  const label = style === "apa" && lower.apa ? lower.apa : lower.label;
  const percent = /(\d+(?:\.\d+)?)%/.exec(label)?.[1];
  return percent ? `${percent}% CI` : "CI";
}

function intervalText(lower: string, upper: string): string {
  return lower === "" && upper === "" ? "" : `[${lower || "—"}, ${upper || "—"}]`;
}

const rawText = (c: Cell): string => (c === null ? "" : String(c));

/** One column's cells as text; rows of their own kind (fit statistics) are formatted alone. */
function formatColumnCells(table: ResultTable, j: number, style: NumberStyle, decimals: number | undefined): string[] {
  const column = table.columns[j];
  const cells = table.rows.map((r) => r[j] ?? null);
  const interval = column.interval ? table.columns.findIndex((c, k) => k !== j && c.interval !== undefined && c.interval !== column.interval) : -1;
  // Interval bounds share their decimals with each other (plain) or with the estimates (APA).
  const together = interval >= 0 && style === "plain" ? [...cells, ...table.rows.map((r) => r[interval] ?? null)] : cells;
  const texts = formatCells(together, column.kind, style, decimals).slice(0, cells.length);
  return texts.map((text, i) => {
    const kind = column.kind === "text" ? null : table.rowKinds?.[i];
    const value = cells[i];
    const own = kind && typeof value === "number" ? formatCells([value], kind, style, undefined)[0] : text;
    return column.nonNegative ? unsignedZero(own) : minusSign(own);
  });
}

/** "-.00" / "-0.000" (a small negative rounded away) as ".00" / "0.000"; other numbers with a true minus sign. */
function unsignedZero(text: string): string {
  return /^-[0.]+$/.test(text) ? text.slice(1) : minusSign(text);
}

function formatCells(cells: readonly Cell[], kind: ColumnKind, style: NumberStyle, decimals: number | undefined): string[] {
  if (kind === "text") return cells.map((c) => (c === null ? "" : String(c)));
  if (style === "apa") return apaColumn(cells, kind, decimals);
  if (kind === "p") return cells.map((c) => (typeof c === "number" ? formatPValue(c) : (c ?? "")));
  if (kind === "value") return cells.map((c) => (typeof c === "number" ? plainValue(c) : (c ?? "")));
  const numbers = cells.map((c) => (typeof c === "number" ? c : null));
  const digits = kind === "df" || kind === "statistic" || kind === "bounded" ? 3 : 4;
  const formatted = formatColumn(numbers, digits);
  return cells.map((c, i) => (typeof c === "number" ? formatted[i] : (c ?? "")));
}

/** A lone statistic (AIC, logLik, a count): whole numbers as they are, others to 4 significant digits past the point. */
function plainValue(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return formatColumn([x], Math.max(4, Math.floor(Math.log10(Math.abs(x))) + 3))[0];
}
