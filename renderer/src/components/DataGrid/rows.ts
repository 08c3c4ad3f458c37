/**
 * A columnar DataTable → what ag-grid wants. Column ids are the columns' own ids (app/data
 * column-ids.ts), not their positions or names: ag-grid keeps sort, filter and width per column
 * id, so they follow a column that is moved, renamed or has others inserted or deleted before it.
 * Rows are tiny objects { i } holding the stored row
 * index, made only for the blocks of rows on screen (DataGrid uses ag-grid's infinite row model);
 * cells are read from the table's columns by a value getter. Sorting and filtering reorder the
 * view only (view-order.ts): the stored table never changes order.
 */
import type { ColDef, ValueGetterParams } from "ag-grid-community";
import type { Column, DataTable } from "../../../../app/data";
import type { WireColumn } from "../../../../app/api";

export interface GridRow {
  readonly i: number;
}

type ColumnLike = Pick<Column, "kind" | "name"> & { readonly levels?: readonly string[] };

export function typeLabel(column: ColumnLike | WireColumn): string {
  if (column.kind === "number") return "number";
  const n = column.levels?.length ?? 0;
  return `categorical, ${n} level${n === 1 ? "" : "s"}`;
}

/** The value the grid shows and sorts by: number, level, the text of an invalid cell, or null. */
export function cellValue(column: Column, row: number): string | number | null {
  if (column.kind === "categorical") {
    const code = column.codes[row]!;
    return code < 0 ? null : column.levels[code]!;
  }
  const x = column.values[row]!;
  return Number.isNaN(x) ? (column.invalid?.[row] ?? null) : x;
}

export function isInvalidCell(column: Column, row: number): boolean {
  return column.kind === "number" && column.invalid?.[row] !== undefined;
}

export interface ColumnDefOptions {
  /** The current table (read at render time, so edits show without rebuilding definitions). */
  readonly table: () => DataTable | null;
  /** Whether the cell at this display row and column id is in the selection. */
  readonly isSelected: (displayRow: number | null, colId: string) => boolean;
  /** Write a typed cell (stored row, column index, text; null = missing). */
  readonly edit: (row: number, col: number, text: string | null) => void;
}

/** The grid's id of the column at position j (its own id; the position only for a column without one). */
export function gridColumnId(column: Pick<Column, "id">, j: number): string {
  return column.id ?? `c${j}`;
}

export function columnDefs(table: DataTable, options: ColumnDefOptions): ColDef<GridRow>[] {
  return table.columns.map((column, j) => ({
    colId: gridColumnId(column, j),
    headerName: column.name,
    headerTooltip: `${column.name} (${typeLabel(column)})`,
    headerClass: column.kind === "number" ? "header-number" : "header-categorical",
    type: column.kind === "number" ? "numericColumn" : undefined,
    filter: column.kind === "number" ? "agNumberColumnFilter" : "agTextColumnFilter",
    editable: true,
    cellEditor: "agTextCellEditor",
    valueGetter: (p: ValueGetterParams<GridRow>) => {
      const t = options.table();
      return p.data && t?.columns[j] ? cellValue(t.columns[j], p.data.i) : null;
    },
    valueParser: (p) => p.newValue,
    valueSetter: (p) => {
      const text = p.newValue === null || p.newValue === undefined ? null : String(p.newValue);
      if (p.data) options.edit(p.data.i, j, text);
      return false;
    },
    valueFormatter: (p) => (p.value === null || p.value === undefined ? "NA" : String(p.value)),
    cellClassRules: {
      "cell-missing": (p) => p.value === null,
      "cell-invalid": (p) => {
        const t = options.table();
        return !!p.data && !!t?.columns[j] && isInvalidCell(t.columns[j], p.data.i);
      },
      "cell-selected": (p) => options.isSelected(p.node?.rowIndex ?? null, gridColumnId(column, j)),
    },
  }));
}

/** An empty sheet (columns A–F, no rows) shown before any data is loaded. */
export function emptySheetDefs(): ColDef<GridRow>[] {
  return ["A", "B", "C", "D", "E", "F"].map((name) => ({ colId: `empty-${name}`, headerName: name }));
}
