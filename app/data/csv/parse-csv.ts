/**
 * CSV → columnar DataTable, following R's read.csv() conventions where a researcher would
 * compare against R: a header row; "NA" and empty cells are missing; a column is numeric when
 * every non-missing cell is a number, otherwise categorical; categorical levels sorted as R's
 * factor() sorts. Tokenising (quotes, embedded newlines, delimiter detection) is papaparse's;
 * a decimal comma is detected when the delimiter is not a comma (European spreadsheets save
 * "3,25" with ";" between values). previewCsv shows what will be imported, before importing.
 */
import Papa from "papaparse";
import { MixwellError } from "../../errors";
import type { DataTable } from "../column";
import { decodeText, stripBom, type TextEncodingName } from "./decode";
import { readCsvBytes } from "./read-csv-bytes";
import { detectDecimal, headerNotes, rowsToTable, type TableOptions } from "./rows-to-table";

export interface CsvOptions extends TableOptions {
  /** Value separator; detected among , tab ; | when absent. */
  readonly delimiter?: string;
}

export interface CsvImport {
  readonly table: DataTable;
  readonly encoding: TextEncodingName;
  /** Plain-words notes about the import (encoding fallback, …). */
  readonly warnings: readonly string[];
  readonly delimiter: string;
  readonly decimal: "." | ",";
}

export { DEFAULT_MISSING } from "./rows-to-table";

/** Parse CSV text or bytes into a DataTable. Throws MixwellError with a readable message. */
export function parseCsv(input: string | Uint8Array, options: CsvOptions = {}): DataTable {
  return readCsv(input, options).table;
}

/** Like parseCsv, and also reports the encoding, delimiter, decimal mark and any warnings. */
export function readCsv(input: string | Uint8Array, options: CsvOptions = {}): CsvImport {
  if (typeof input !== "string") {
    const fast = readCsvFast(input, options);
    if (fast) return fast;
  }
  const decoded = decode(input);
  const { rows, delimiter } = tokenize(decoded.text, options.delimiter);
  const decimal = options.decimal ?? detectDecimal(rows, delimiter);
  const table = rowsToTable(rows, { ...options, decimal });
  return { table, encoding: decoded.encoding, warnings: [...encodingWarnings(decoded.encoding), ...headerNotes(rows, options)], delimiter, decimal };
}

/**
 * The byte reader (read-csv-bytes.ts) with the delimiter and decimal mark sniffed from the first
 * rows as below; null when it declines the file (then papaparse reads it, or says what is wrong).
 */
function readCsvFast(bytes: Uint8Array, options: CsvOptions): CsvImport | null {
  let head: CsvRows;
  try {
    head = readCsvRows(bytes, options, 2000);
  } catch {
    return null;
  }
  const decimal = options.decimal ?? head.decimal;
  const read = readCsvBytes(bytes, options, head.delimiter, decimal);
  if (!read) return null;
  const warnings = [...encodingWarnings(read.encoding), ...headerNotes([read.firstRow], options)];
  return { table: read.table, encoding: read.encoding, warnings, delimiter: head.delimiter, decimal };
}

export interface CsvRows {
  readonly rows: string[][];
  readonly delimiter: string;
  readonly decimal: "." | ",";
  readonly encoding: TextEncodingName;
  readonly warnings: readonly string[];
}

/** The first `limit` rows as texts, with the detected delimiter and decimal mark (for a preview). */
export function readCsvRows(input: string | Uint8Array, options: CsvOptions = {}, limit = 1000): CsvRows {
  // Parse only what the preview shows: a growing prefix of whole lines, until it holds more
  // than `limit` rows (a 75 MB file is not decoded whole to show 1,000 rows).
  const utf16 = typeof input !== "string" && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff));
  if (typeof input !== "string" && !utf16) {
    for (let size = 1 << 20; size < input.length; size *= 8) {
      const cut = input.lastIndexOf(0x0a, size);
      if (cut <= 0) continue;
      const read = readCsvRowsWhole(input.subarray(0, cut + 1), options, limit);
      if (read.rows.length >= limit) return read;
    }
  }
  return readCsvRowsWhole(input, options, limit);
}

function readCsvRowsWhole(input: string | Uint8Array, options: CsvOptions, limit: number): CsvRows {
  const decoded = decode(input);
  const { rows, delimiter } = tokenize(decoded.text, options.delimiter, limit);
  const decimal = options.decimal ?? detectDecimal(rows, delimiter);
  return { rows, delimiter, decimal, encoding: decoded.encoding, warnings: [...encodingWarnings(decoded.encoding), ...headerNotes(rows, options)] };
}

function decode(input: string | Uint8Array): { text: string; encoding: TextEncodingName } {
  const decoded = typeof input === "string" ? { text: stripBom(input), encoding: "utf-8" as const } : decodeText(input);
  if (decoded.text.includes("\u0000")) throw new MixwellError("This file is not a text (CSV) file: it contains binary data.");
  return decoded;
}

export function encodingWarnings(encoding: TextEncodingName): string[] {
  return encoding === "latin-1" ? ["The file is not valid UTF-8; it was read as Latin-1 (Windows-1252)."] : [];
}

function tokenize(text: string, delimiter: string | undefined, preview = 0): { rows: string[][]; delimiter: string } {
  if (text.trim() === "") throw new MixwellError("The file is empty.");
  // R's readers end a line at \r\n, \n or a lone \r, even mixed in one file; Papa takes one kind.
  const result = Papa.parse<string[]>(text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text, {
    newline: "\n",
    header: false,
    skipEmptyLines: true,
    preview,
    delimiter: delimiter ?? "",
    delimitersToGuess: [",", "\t", ";", "|"],
  });
  const fatal = result.errors.find((e) => e.type === "Quotes");
  if (fatal && !(preview > 0 && (fatal.row ?? 0) >= result.data.length - 1)) {
    const line = (fatal.row ?? 0) + 1;
    throw new MixwellError(`This is not valid CSV: a quoted value that starts on row ${line} is never closed.`);
  }
  return { rows: result.data, delimiter: result.meta.delimiter };
}
