/**
 * Columnar storage of a data table. Numbers are Float64Array with NaN for missing;
 * categories are dictionary-encoded (Int32Array codes into `levels`, -1 for missing).
 * `levels` order is the user's order (first = baseline of treatment contrasts); on import it is
 * sorted as R's factor() sorts.
 *
 * `id` names a column for the UI (the grid's column id, which its sort, filter and width follow)
 * independently of its name and position. It is given when a table is loaded into the UI
 * (withColumnIds), kept by every edit of the column (rename, move, type change, cell edits) and by
 * undo/redo; a new column gets a new one. Fits and project files do not use it.
 */
export interface NumericColumn {
  readonly kind: "number";
  readonly name: string;
  readonly id?: string;
  readonly values: Float64Array;
  /**
   * Cells whose text is not a number (row → text as typed or imported). Their value is NaN, but
   * they are not missing: the grid highlights and lists them until the user fixes them, and a
   * fit refuses the column (see invalidCellsMessage). Absent or empty when every cell is valid.
   */
  readonly invalid?: Readonly<Record<number, string>>;
}

export interface CategoricalColumn {
  readonly kind: "categorical";
  readonly name: string;
  readonly id?: string;
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn;

export interface DataTable {
  readonly nrow: number;
  readonly columns: readonly Column[];
}

export function findColumn(table: DataTable, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}
