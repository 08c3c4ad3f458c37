/** What the import preview shows and what the user may change before loading. */
import type { DataTable } from "../column";
import type { ColumnType, TableOptions, TextEncodingName } from "../csv";

export type ImportFormat = "csv" | "xlsx" | "sav";

export interface ImportOptions extends TableOptions {
  /** CSV value separator; detected when absent. */
  readonly delimiter?: string;
  /** Excel sheet name; the first sheet when absent. */
  readonly sheet?: string;
}

export interface ImportPreview {
  readonly format: ImportFormat;
  readonly encoding: TextEncodingName | null;
  /** CSV only: the delimiter and decimal mark used (detected or chosen). */
  readonly delimiter: string | null;
  readonly decimal: "." | ",";
  readonly header: boolean;
  /** Excel only: every sheet's name, and the one shown. */
  readonly sheets: readonly string[];
  readonly sheet: string | null;
  readonly missing: readonly string[];
  /** Column names with their types as they would be imported (from the rows read). */
  readonly columns: readonly { readonly name: string; readonly type: ColumnType }[];
  /** The first rows as text, null for missing. */
  readonly rows: readonly (readonly (string | null)[])[];
  /** Rows of data in the file (CSV: of the rows read for the preview, see `complete`). */
  readonly rowCount: number;
  /** False when the preview read only the start of a long file. */
  readonly complete: boolean;
  readonly warnings: readonly string[];
  /**
   * Why these rows cannot be imported as they are read now (a ragged row, a missing header name,
   * a sheet that is not a table), in words naming the row; null when they can. The preview still
   * shows the rows, so the user can change the delimiter, header row or sheet.
   */
  readonly problem: string | null;
}

export interface ImportResult {
  readonly table: DataTable;
  readonly format: ImportFormat;
  readonly encoding: TextEncodingName | null;
  readonly missing: readonly string[];
  readonly warnings: readonly string[];
}
