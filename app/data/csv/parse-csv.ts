/**
 * CSV → columnar DataTable, following R's read.csv() conventions where a researcher would
 * compare against R: a header row; "NA" and empty cells are missing; a column is numeric when
 * every non-missing cell is a number, otherwise categorical; categorical levels sorted as R's
 * factor() sorts. Tokenising (quotes, embedded newlines, delimiter detection) is papaparse's.
 */
import Papa from "papaparse";
import { MixwellError } from "../../errors";
import type { DataTable } from "../column";
import { decodeText, stripBom, type TextEncodingName } from "./decode";
import { buildColumn } from "./infer-columns";

export interface CsvOptions {
  /** Columns to make categorical even when every value is a number (R: factor(x)). */
  readonly categorical?: readonly string[];
  /** Cell texts that mean "missing". Default: "NA" and the empty cell. */
  readonly missing?: readonly string[];
}

export interface CsvImport {
  readonly table: DataTable;
  readonly encoding: TextEncodingName;
  /** Plain-words notes about the import (encoding fallback, …). */
  readonly warnings: readonly string[];
}

export const DEFAULT_MISSING: readonly string[] = ["NA", ""];

/** Parse CSV text or bytes into a DataTable. Throws MixwellError with a readable message. */
export function parseCsv(input: string | Uint8Array, options: CsvOptions = {}): DataTable {
  return readCsv(input, options).table;
}

/** Like parseCsv, and also reports the encoding and any warnings. */
export function readCsv(input: string | Uint8Array, options: CsvOptions = {}): CsvImport {
  const decoded =
    typeof input === "string" ? { text: stripBom(input), encoding: "utf-8" as const } : decodeText(input);
  const warnings: string[] = [];
  if (decoded.encoding === "latin-1") {
    warnings.push("The file is not valid UTF-8; it was read as Latin-1 (Windows-1252).");
  }
  if (decoded.text.includes("\u0000")) throw new MixwellError("This file is not a text (CSV) file: it contains binary data.");
  const rows = tokenize(decoded.text);
  const table = rowsToTable(rows, options);
  return { table, encoding: decoded.encoding, warnings };
}

function tokenize(text: string): string[][] {
  if (text.trim() === "") throw new MixwellError("The file is empty.");
  const result = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: true,
    delimitersToGuess: [",", "\t", ";", "|"],
  });
  const fatal = result.errors.find((e) => e.type === "Quotes");
  if (fatal) {
    const line = (fatal.row ?? 0) + 1;
    throw new MixwellError(`This is not valid CSV: a quoted value that starts on row ${line} is never closed.`);
  }
  return result.data;
}

function rowsToTable(rows: string[][], options: CsvOptions): DataTable {
  const header = readHeader(rows[0]!);
  const body = rows.slice(1);
  if (body.length === 0) throw new MixwellError("The file has a header row but no data rows.");
  checkRagged(body, header.length);
  const missing = new Set(options.missing ?? DEFAULT_MISSING);
  const categorical = new Set(options.categorical ?? []);
  for (const name of categorical) {
    if (!header.includes(name)) {
      throw new MixwellError(`Column '${name}' was listed as categorical but the data has no such column.`);
    }
  }
  const columns = header.map((name, j) => {
    const cells = body.map((row) => row[j] ?? "");
    return buildColumn(name, cells, { missing, forceCategorical: categorical.has(name) });
  });
  return { nrow: body.length, columns };
}

function readHeader(raw: readonly string[]): string[] {
  const names = raw.map((s) => s.trim());
  // A trailing delimiter in the header (spreadsheet exports) leaves an empty last name.
  while (names.length > 1 && names[names.length - 1] === "") names.pop();
  const seen = new Map<string, number>();
  names.forEach((name, j) => {
    if (name === "") {
      throw new MixwellError(`Column ${j + 1} has no name in the header row. Every column needs a name.`);
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new MixwellError(
        `Two columns are named '${name}' (columns ${first + 1} and ${j + 1}). Column names must be different.`,
      );
    }
    seen.set(name, j);
  });
  return names;
}

/** Rows must have as many values as the header; extra trailing empty values are tolerated. */
function checkRagged(body: readonly string[][], width: number): void {
  for (let i = 0; i < body.length; i++) {
    const row = body[i]!;
    if (row.length === width) continue;
    const extraAreEmpty = row.length > width && row.slice(width).every((s) => s.trim() === "");
    if (extraAreEmpty) continue;
    const line = i + 2;
    throw new MixwellError(
      `Row ${line} of the file has ${row.length} value${row.length === 1 ? "" : "s"}, but the header has ${width} columns.`,
    );
  }
}
