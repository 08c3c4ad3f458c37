/**
 * Excel .xlsx → rows of cell texts, with exceljs. Numbers keep full precision (String(x) round
 * trips), dates become ISO dates, formulas give their cached result, rich text its plain text.
 * Then the same table rules as CSV apply (rowsToTable).
 */
import ExcelJS from "exceljs";
import { MixwellError } from "../../errors";

export interface Sheets {
  readonly names: readonly string[];
  readonly sheet: string;
  readonly rows: string[][];
}

export async function readXlsxRows(bytes: Uint8Array, sheetName?: string): Promise<Sheets> {
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
  const width = worksheet.actualColumnCount === 0 ? 0 : worksheet.columnCount;
  const rows: string[][] = [];
  worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = new Array(width).fill("");
    for (let j = 1; j <= width; j++) cells[j - 1] = cellToText(row.getCell(j).value);
    rows[rowNumber - 1] = cells;
  });
  const dense = Array.from(rows, (r) => r ?? new Array<string>(width).fill(""));
  const nonEmpty = dense.filter((r) => r.some((c) => c !== ""));
  return { names, sheet, rows: trimTrailingEmptyColumns(nonEmpty) };
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
