/**
 * Importing a data file of any supported kind (CSV/TSV/semicolon text, Excel .xlsx, SPSS .sav):
 * previewImport shows what will be loaded; importTable loads it with the user's choices. Node
 * side only (main/ and its workers): the Excel reader is a large library the renderer never needs.
 */
import { MixwellError } from "../../errors";
import { DEFAULT_MISSING, readCsv, readCsvRows } from "../csv";
import { detectFormat } from "./detect-format";
import { previewFromRows, previewFromTable } from "./preview-rows";
import { readSav } from "./sav";
import type { ImportOptions, ImportPreview, ImportResult } from "./types";
import { readXlsxRows } from "./xlsx";
import { rowsToTable } from "../csv";
import { headerNotes } from "../csv/rows-to-table";

export type { ImportFormat, ImportOptions, ImportPreview, ImportResult } from "./types";
export { detectFormat } from "./detect-format";

const PREVIEW_READ_ROWS = 1000;

export async function previewImport(fileName: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportPreview> {
  const format = detectFormat(fileName, bytes);
  if (format === "csv") {
    const read = readCsvRows(bytes, options, PREVIEW_READ_ROWS + 1);
    const complete = read.rows.length <= PREVIEW_READ_ROWS;
    const rows = complete ? read.rows : read.rows.slice(0, PREVIEW_READ_ROWS);
    const rowCount = rows.length - ((options.header ?? true) ? 1 : 0);
    const base = { format, encoding: read.encoding, delimiter: read.delimiter, decimal: read.decimal, sheets: [], sheet: null, rowCount, complete, warnings: read.warnings };
    return previewFromRows(rows, { ...options, decimal: read.decimal }, base);
  }
  if (format === "xlsx") {
    const sheets = await readXlsxRows(bytes, options.sheet);
    const rowCount = sheets.rows.length - ((options.header ?? true) ? 1 : 0);
    const base = { format, encoding: null, delimiter: null, decimal: "." as const, sheets: sheets.names, sheet: sheets.sheet, rowCount, complete: true, warnings: headerNotes(sheets.rows, options) };
    return previewFromRows(sheets.rows, { ...options, decimal: "." }, base);
  }
  const sav = await readSav(bytes, options);
  const base = { format, encoding: null, delimiter: null, decimal: "." as const, sheets: [], sheet: null, rowCount: sav.table.nrow, complete: true, warnings: sav.warnings };
  return previewFromTable(sav.table, options, base);
}

/** Read a whole file into a table. Throws MixwellError saying what is wrong and where. */
export async function importTable(fileName: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  if (bytes.length === 0) throw new MixwellError("The file is empty.");
  const format = detectFormat(fileName, bytes);
  const missing = options.missing ?? DEFAULT_MISSING;
  if (format === "csv") {
    const r = readCsv(bytes, options);
    return { table: r.table, format, encoding: r.encoding, missing, warnings: r.warnings };
  }
  if (format === "xlsx") {
    const sheets = await readXlsxRows(bytes, options.sheet);
    return { table: rowsToTable(sheets.rows, { ...options, decimal: "." }), format, encoding: null, missing, warnings: headerNotes(sheets.rows, options) };
  }
  const sav = await readSav(bytes, options);
  return { table: sav.table, format, encoding: null, missing, warnings: sav.warnings };
}
