/**
 * Excel .xlsx → rows of cell texts, with exceljs. Numbers keep full precision (String(x) round
 * trips), dates become ISO dates, formulas give their cached result, rich text its plain text.
 * Then the same table rules as CSV apply (rowsToTable).
 */
import ExcelJS from "exceljs";
import { MixwellError } from "../../errors";
import { guardXlsxZip } from "./zip-guard";

export interface Sheets {
  readonly names: readonly string[];
  readonly sheet: string;
  readonly rows: string[][];
}

export async function readXlsxRows(bytes: Uint8Array, sheetName?: string): Promise<Sheets> {
  await guardXlsxZip(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (err) {
    throw new MixwellError(`This Excel file could not be read (${err instanceof Error ? err.message : String(err)}).`);
  }
  const names = workbook.worksheets.map((w) => w.name);
  if (names.length === 0) throw new MixwellError("This Excel file has no sheets.");
  const sheet = sheetName ?? names[0]!;
  const worksheet = workbook.getWorksheet(sheet);
  if (!worksheet) throw new MixwellError(`This Excel file has no sheet called '${sheet}'. Its sheets: ${names.join(", ")}.`);
  return { names, sheet, rows: trimTrailingEmptyColumns(denseRows(worksheet)) };
}

/** Most cells a sheet may span (rows with values × used columns), so a stray far cell cannot exhaust memory. */
export const MAX_XLSX_CELLS = 20_000_000;

/**
 * The rows that hold values, each as wide as the widest of them. Only cells that exist are
 * visited: a sheet whose one cell sits at XFD1048576 costs one row, not a million.
 */
function denseRows(worksheet: ExcelJS.Worksheet): string[][] {
  const sparse: { cells: Map<number, string> }[] = [];
  let width = 0;
  worksheet.eachRow((row) => {
    const cells = new Map<number, string>();
    row.eachCell((cell, column) => {
      const text = cellToText(cell.value);
      if (text !== "") {
        cells.set(column, text);
        if (column > width) width = column;
      }
    });
    if (cells.size > 0) sparse.push({ cells });
  });
  if (sparse.length * width > MAX_XLSX_CELLS) {
    throw new MixwellError(
      `This sheet spans ${sparse.length.toLocaleString("en-US")} rows × ${width.toLocaleString("en-US")} columns; Mixwell reads sheets of up to ${MAX_XLSX_CELLS.toLocaleString("en-US")} cells. Delete stray cells far to the right or below the data.`,
    );
  }
  return sparse.map(({ cells }) => {
    const out = new Array<string>(width).fill("");
    for (const [column, text] of cells) out[column - 1] = text;
    return out;
  });
}

function cellToText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, "");
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("result" in value) return cellToText((value.result ?? null) as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  if ("error" in value) return "";
  return String(value);
}

function trimTrailingEmptyColumns(rows: string[][]): string[][] {
  let width = 0;
  for (const r of rows) for (let j = r.length - 1; j >= width; j--) if (r[j] !== "") width = j + 1;
  return rows.map((r) => r.slice(0, width));
}
