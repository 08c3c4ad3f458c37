/**
 * Blocks of cells through the clipboard, as spreadsheets exchange them: tab-separated rows,
 * a cell with a tab, newline or quote quoted as in CSV (Excel and LibreOffice do this).
 * pasteOp turns a block pasted at a cell into one edit (rows are added when it runs past the end).
 */
import Papa from "papaparse";
import type { DataTable } from "./column";
import { cellText } from "./cells";
import type { CellEdit, EditOp } from "./edit/types";

/** Clipboard text → rows of cells. A trailing newline (spreadsheets add one) is not a row. */
export function parseClipboard(text: string): string[][] {
  const trimmed = text.replace(/\r?\n$/, "");
  if (trimmed === "") return [[""]];
  return Papa.parse<string[]>(trimmed, { delimiter: "\t", newline: text.includes("\r\n") ? "\r\n" : "\n" }).data;
}

/** Rows of cells → clipboard text (missing cells empty). */
export function formatClipboard(rows: readonly (readonly (string | null)[])[]): string {
  return rows.map((row) => row.map((cell) => quote(cell ?? "")).join("\t")).join("\n") + "\n";
}

function quote(cell: string): string {
  return /[\t\n\r"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The texts of the given stored rows and columns (in that order), for copying. */
export function copyBlock(table: DataTable, rows: readonly number[], cols: readonly number[]): (string | null)[][] {
  return rows.map((i) => cols.map((j) => cellText(table.columns[j]!, i)));
}

export interface PasteResult {
  readonly op: EditOp;
  readonly rowsAdded: number;
  /** Columns of the block that fell beyond the last column and were not pasted. */
  readonly columnsDropped: number;
}

/**
 * The edit that pastes `block` with its top-left cell at display position (displayRow, col).
 * `displayRows` maps the grid's display order (sort/filter) to stored rows; block rows past the
 * end of the display become new rows at the end of the table.
 */
export function pasteOp(table: DataTable, block: readonly (readonly string[])[], displayRows: readonly number[], displayRow: number, col: number): PasteResult {
  const width = Math.max(...block.map((r) => r.length));
  const usable = Math.min(width, table.columns.length - col);
  const beyond = Math.max(0, displayRow + block.length - displayRows.length);
  const cells: CellEdit[] = [];
  block.forEach((cellsOfRow, k) => {
    const d = displayRow + k;
    const row = d < displayRows.length ? displayRows[d]! : table.nrow + (d - displayRows.length);
    for (let c = 0; c < usable; c++) cells.push({ row, col: col + c, text: cellsOfRow[c] ?? "" });
  });
  const set: EditOp = { kind: "setCells", cells };
  const op: EditOp = beyond > 0 ? { kind: "batch", ops: [{ kind: "insertRows", at: table.nrow, count: beyond }, set] } : set;
  return { op, rowsAdded: beyond, columnsDropped: width - usable };
}
