/** A preview from rows of cell texts (CSV, Excel) or from a finished table (SPSS). */
import { cellText } from "../cells";
import type { DataTable } from "../column";
import { DEFAULT_MISSING, rowsToTable, type TableOptions } from "../csv";
import type { ImportPreview } from "./types";

export const PREVIEW_ROWS = 20;

type PreviewBase = Omit<ImportPreview, "columns" | "rows" | "header" | "missing">;

export function previewFromRows(rows: readonly (readonly string[])[], options: TableOptions, base: PreviewBase): ImportPreview {
  const table = rowsToTable(rows, options);
  return previewFromTable(table, options, base);
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
  };
}
