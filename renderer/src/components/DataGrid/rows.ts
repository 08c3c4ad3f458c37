/**
 * A columnar WireTable → what ag-grid wants: column definitions and one object per row. Fields
 * are positional ("c0", "c1", …) so column names with dots or spaces need no escaping.
 */
import type { ColDef } from "ag-grid-community";
import type { WireColumn, WireTable } from "../../../../app/api";

export type GridRow = Record<string, string | number | null>;

export function typeLabel(column: WireColumn): string {
  return column.kind === "number" ? "number" : `categorical, ${column.levels.length} level${column.levels.length === 1 ? "" : "s"}`;
}

export function columnDefs(table: WireTable): ColDef<GridRow>[] {
  return table.columns.map((column, j) => ({
    field: `c${j}`,
    headerName: column.name,
    headerTooltip: `${column.name} (${typeLabel(column)})`,
    type: column.kind === "number" ? "numericColumn" : undefined,
    valueFormatter: (p) => (p.value === null || p.value === undefined ? "NA" : String(p.value)),
    cellClassRules: { "cell-missing": (p) => p.value === null },
  }));
}

export function gridRows(table: WireTable): GridRow[] {
  const rows: GridRow[] = new Array(table.nrow);
  for (let i = 0; i < table.nrow; i++) rows[i] = {};
  table.columns.forEach((column, j) => {
    const field = `c${j}`;
    if (column.kind === "number") {
      for (let i = 0; i < table.nrow; i++) rows[i]![field] = column.values[i] ?? null;
    } else {
      for (let i = 0; i < table.nrow; i++) {
        const code = column.codes[i]!;
        rows[i]![field] = code < 0 ? null : column.levels[code]!;
      }
    }
  });
  return rows;
}

/** An empty sheet (columns A–F, no rows) shown before any data is loaded. */
export function emptySheetDefs(): ColDef<GridRow>[] {
  return ["A", "B", "C", "D", "E", "F"].map((name, j) => ({ field: `c${j}`, headerName: name }));
}
