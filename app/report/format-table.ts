/**
 * A result table's cells as display text, in one of two styles: "plain" (R's conventions: a
 * column shares its decimals with about four significant digits, p-values as format.pval) or
 * "apa" (apa.ts), with the column labels of that style.
 */
import { formatApaNumber } from "./apa";
import { formatColumn, formatPValue } from "./format-number";
import type { Cell, ResultTable, TableColumn } from "./result-tables";

export type NumberStyle = "plain" | "apa";

export interface FormattedTable {
  readonly title: string;
  readonly header: readonly string[];
  /** Per column: true when its label is a statistical symbol to set in italics (APA). */
  readonly italicHeader: readonly boolean[];
  /** Per column: true for text columns (left-aligned), false for numbers (right-aligned). */
  readonly textColumn: readonly boolean[];
  readonly rows: readonly (readonly string[])[];
}

export function formatTable(table: ResultTable, style: NumberStyle = "plain"): FormattedTable {
  const columns = table.columns.map((c, j) => {
    const cells = formatCells(table.rows.map((r) => r[j] ?? null), c, style);
    if (c.kind === "text" || !table.rowKinds) return cells;
    return cells.map((text, i) => {
      const kind = table.rowKinds?.[i];
      const value = table.rows[i][j];
      return kind && typeof value === "number" ? formatCells([value], { ...c, kind }, style)[0] : text;
    });
  });
  return {
    title: table.title,
    header: table.columns.map((c) => (style === "apa" && c.apa ? c.apa : c.label)),
    italicHeader: table.columns.map((c) => style === "apa" && c.apa !== undefined && !/\s/.test(c.apa)),
    textColumn: table.columns.map((c) => c.kind === "text"),
    rows: table.rows.map((_, i) => columns.map((cells) => cells[i])),
  };
}

function formatCells(cells: readonly Cell[], column: TableColumn, style: NumberStyle): string[] {
  if (style === "apa") return cells.map((c) => (typeof c === "number" ? formatApaNumber(c, column.kind) : (c ?? "")));
  if (column.kind === "p") return cells.map((c) => (typeof c === "number" ? formatPValue(c) : (c ?? "")));
  if (column.kind === "value") return cells.map((c) => (typeof c === "number" ? plainValue(c) : (c ?? "")));
  if (column.kind === "text") return cells.map((c) => (c === null ? "" : String(c)));
  const numbers = cells.map((c) => (typeof c === "number" ? c : null));
  const digits = column.kind === "df" || column.kind === "statistic" || column.kind === "bounded" ? 3 : 4;
  const formatted = formatColumn(numbers, digits);
  return cells.map((c, i) => (typeof c === "number" ? formatted[i] : (c ?? "")));
}

/** A lone statistic (AIC, logLik, a count): whole numbers as they are, others to 4 significant digits past the point. */
function plainValue(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return formatColumn([x], Math.max(4, Math.floor(Math.log10(Math.abs(x))) + 3))[0];
}
