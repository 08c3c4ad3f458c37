/** A preview from rows of cell texts (CSV, Excel) or from a finished table (SPSS). */
import { MixwellError } from "../../errors";
import { cellText } from "../cells";
import type { DataTable } from "../column";
import { DEFAULT_MISSING, rowsToTable, type TableOptions } from "../csv";
import type { ImportPreview } from "./types";

export const PREVIEW_ROWS = 20;

type PreviewBase = Omit<ImportPreview, "columns" | "rows" | "header" | "missing" | "problem">;

/** The preview of rows as a table, or — when they are not one yet — the raw rows and the problem. */
export function previewFromRows(rows: readonly (readonly string[])[], options: TableOptions, base: PreviewBase): ImportPreview {
  let table;
  try {
    table = rowsToTable(rows, options);
  } catch (err) {
    if (err instanceof MixwellError) return rawPreview(rows, options, base, err.message);
    throw err;
  }
  return previewFromTable(table, options, base);
}

const MAX_PREVIEW_COLUMNS = 200;

function rawPreview(rows: readonly (readonly string[])[], options: TableOptions, base: PreviewBase, problem: string): ImportPreview {
  const header = options.header ?? true;
  const width = Math.min(MAX_PREVIEW_COLUMNS, Math.max(0, ...rows.slice(0, PREVIEW_ROWS + 1).map((r) => r.length)));
  const names = Array.from({ length: width }, (_, j) => (header ? rows[0]?.[j]?.trim() : "") || `V${j + 1}`);
  const body = rows.slice(header ? 1 : 0, (header ? 1 : 0) + PREVIEW_ROWS);
  return {
    ...base,
    header,
    missing: options.missing ?? DEFAULT_MISSING,
    columns: names.map((name) => ({ name, type: "categorical" as const })),
    rows: body.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? null)),
    problem,
  };
}

export function previewFromTable(table: DataTable, options: TableOptions, base: PreviewBase): ImportPreview {
  const n = Math.min(table.nrow, PREVIEW_ROWS);
  const rows = Array.from({ length: n }, (_, i) => table.columns.map((c) => cellText(c, i)));
  return {
    ...base,
    header: options.header ?? true,
    missing: options.missing ?? DEFAULT_MISSING,
    columns: table.columns.map((c) => ({ name: c.name, type: c.kind })),
    rows,
    problem: null,
  };
}
