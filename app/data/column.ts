/**
 * Columnar storage of a data table. Numbers are Float64Array with NaN for missing;
 * categories are dictionary-encoded (Int32Array codes into `levels`, -1 for missing).
 * `levels` order is the user's order (first = baseline of treatment contrasts); on import it is
 * sorted as R's factor() sorts.
 */
export interface NumericColumn {
  readonly kind: "number";
  readonly name: string;
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
