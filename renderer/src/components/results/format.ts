/**
 * Numbers for reading: a column shares its decimals (about 4 significant digits, as R prints),
 * p-values as "< .001" or three decimals, and every cell keeps its full value for hover and copy.
 */
import { formatColumn } from "../../../../app/report";

export interface Cell {
  readonly text: string;
  /** Full precision, shown on hover and copied. */
  readonly full?: string;
  readonly numeric?: boolean;
}

const full = (x: number | null | undefined): string => (x === null || x === undefined ? "" : String(x));

/** A column of numbers formatted together. */
export function numberColumn(values: readonly (number | null | undefined)[], digits = 4): Cell[] {
  const texts = formatColumn(values.map((v) => (v === null ? undefined : v)), digits);
  return values.map((v, i) => ({ text: v === null || v === undefined ? "—" : texts[i].replace(/^-/, "−"), full: full(v), numeric: true }));
}

/** p-value in APA style: "< .001", else three decimals without the leading zero. */
export function pText(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  if (p < 0.001) return "< .001";
  return p.toFixed(3).replace(/^0/, "");
}

export function pCell(p: number | null | undefined): Cell {
  return { text: pText(p), full: full(p), numeric: true };
}

export function numberCell(x: number | null | undefined, digits = 4): Cell {
  if (typeof x === "number" && Number.isInteger(x) && Math.abs(x) < 1e6) return { text: String(x).replace(/^-/, "−"), full: String(x), numeric: true };
  return numberColumn([x], digits)[0];
}

export const textCell = (text: string): Cell => ({ text });

/** Rows × columns of cells → one column-major list of cells per row. */
export function zipColumns(columns: readonly (readonly Cell[])[]): Cell[][] {
  const n = columns[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => columns.map((c) => c[i]));
}

/** A formatted result table's rows (app/report's formatTable) as cells: numbers keep their full value for hover and copy. */
export function formattedCells(t: { readonly rows: readonly (readonly string[])[]; readonly textColumn: readonly boolean[]; readonly full?: readonly (readonly string[])[] }): Cell[][] {
  return t.rows.map((r, i) => r.map((text, j): Cell => (t.textColumn[j] ? { text } : { text, full: t.full?.[i][j] || undefined, numeric: true })));
}
