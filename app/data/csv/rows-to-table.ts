/**
 * Rows of cell texts (from a CSV file or a spreadsheet sheet) → a DataTable, with the checks a
 * user needs when the rows are not a table: header names missing (repeated ones are made unique,
 * with a note), ragged rows,
 * one enormous line. Column types follow R's read.csv() unless the user chose them.
 */
import { MixwellError } from "../../errors";
import type { DataTable } from "../column";
import { buildColumn } from "./infer-columns";

export type ColumnType = "number" | "categorical";

export interface TableOptions {
  /** First row holds the names (default true); otherwise columns are V1, V2, … as in R. */
  readonly header?: boolean;
  /** Cell texts that mean "missing". Default: "NA" and the empty cell. */
  readonly missing?: readonly string[];
  /** Columns to make categorical even when every value is a number (R: factor(x)). */
  readonly categorical?: readonly string[];
  /** Types the user chose, by column name; other columns are detected. */
  readonly types?: Readonly<Record<string, ColumnType>>;
  /** Decimal mark of the numbers. Default ".". */
  readonly decimal?: "." | ",";
}

export const DEFAULT_MISSING: readonly string[] = ["NA", ""];

/** More columns than this is not a data table (a file that is one huge line, say). */
export const MAX_COLUMNS = 10_000;

export function rowsToTable(rows: readonly (readonly string[])[], options: TableOptions = {}): DataTable {
  const hasHeader = options.header ?? true;
  if (rows.length === 0) throw new MixwellError("There are no rows to read: the file or sheet is empty.");
  const width = hasHeader ? readHeader(rows[0]!).length : rows[0]!.length;
  if (width > MAX_COLUMNS) {
    throw new MixwellError(
      `Row 1 has ${width} values, more than ${MAX_COLUMNS} columns; this does not look like a table (is the file one very long line, or is the delimiter wrong?).`,
    );
  }
  const header = hasHeader ? readHeader(rows[0]!) : Array.from({ length: width }, (_, j) => `V${j + 1}`);
  const body = hasHeader ? rows.slice(1) : rows;
  if (body.length === 0) throw new MixwellError("The file has a header row but no data rows.");
  checkRagged(body, header.length, hasHeader ? 2 : 1);
  const missing = new Set(options.missing ?? DEFAULT_MISSING);
  const categorical = new Set(options.categorical ?? []);
  const types = options.types ?? {};
  for (const name of [...categorical, ...Object.keys(types)]) {
    if (!header.includes(name)) throw new MixwellError(`Column '${name}' was given a type but the data has no such column.`);
  }
  const columns = header.map((name, j) => {
    const cells = columnCells(body, j);
    // Own keys only: a column called "constructor" or "toString" must not find Object.prototype's members.
    const type = Object.hasOwn(types, name) ? types[name] : undefined;
    return buildColumn(name, cells, {
      missing,
      decimal: options.decimal,
      forceCategorical: type === "categorical" || (type === undefined && categorical.has(name)),
      forceNumber: type === "number",
    });
  });
  return { nrow: body.length, columns };
}

/** Column j of the rows (a short row's missing cells are empty). A plain loop: this runs per cell. */
function columnCells(body: readonly (readonly string[])[], j: number): string[] {
  const cells: string[] = new Array<string>(body.length);
  for (let i = 0; i < body.length; i++) {
    const row = body[i]!;
    cells[i] = j < row.length ? row[j]! : "";
  }
  return cells;
}

export function readHeader(raw: readonly string[]): string[] {
  const names = raw.map((s) => s.trim());
  // A trailing delimiter in the header (spreadsheet exports) leaves an empty last name.
  while (names.length > 1 && names[names.length - 1] === "") names.pop();
  names.forEach((name, j) => {
    if (name === "") {
      throw new MixwellError(`Column ${j + 1} has no name in the header row. Every column needs a name.`);
    }
  });
  return uniqueNames(names).names;
}

/**
 * Repeated names made unique as R's make.unique() does (x, x.1, x.2, skipping names already
 * taken), with a note for each renamed column, to show the user.
 */
export function uniqueNames(names: readonly string[]): { names: string[]; notes: string[] } {
  const taken = new Set(names);
  const seen = new Map<string, number>();
  const counts = new Map<string, number>();
  const notes: string[] = [];
  const out = names.map((name, j) => {
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, j);
      return name;
    }
    let k = counts.get(name) ?? 0;
    let candidate: string;
    do candidate = `${name}.${++k}`;
    while (taken.has(candidate));
    counts.set(name, k);
    taken.add(candidate);
    notes.push(`Columns ${first + 1} and ${j + 1} are both named '${name}'; column ${j + 1} is called '${candidate}' here.`);
    return candidate;
  });
  return { names: out, notes };
}

/** Notes on header names made unique (empty when the names were different or there is no header). */
export function headerNotes(rows: readonly (readonly string[])[], options: TableOptions = {}): string[] {
  if (!(options.header ?? true) || rows.length === 0) return [];
  const names = rows[0]!.map((s) => s.trim());
  while (names.length > 1 && names[names.length - 1] === "") names.pop();
  return uniqueNames(names).notes;
}

/** Rows must have as many values as the header; extra trailing empty values are tolerated. */
function checkRagged(body: readonly (readonly string[])[], width: number, firstLine: number): void {
  for (let i = 0; i < body.length; i++) {
    const row = body[i]!;
    if (row.length === width) continue;
    const extraAreEmpty = row.length > width && row.slice(width).every((s) => s.trim() === "");
    if (extraAreEmpty) continue;
    const line = i + firstLine;
    throw new MixwellError(
      `Row ${line} of the file has ${row.length} value${row.length === 1 ? "" : "s"}, but the header has ${width} columns.`,
    );
  }
}

/**
 * "," when the numbers of these rows use a decimal comma: some cells look like 3,25 and none
 * like 3.25. Only possible when the delimiter is not a comma.
 */
export function detectDecimal(rows: readonly (readonly string[])[], delimiter: string): "." | "," {
  if (delimiter === ",") return ".";
  let comma = 0;
  let point = 0;
  const limit = Math.min(rows.length, 2000);
  for (let i = 0; i < limit; i++) {
    for (const cell of rows[i]!) {
      if (COMMA_DECIMAL.test(cell)) comma++;
      else if (POINT_DECIMAL.test(cell)) point++;
    }
  }
  return comma > 0 && point === 0 ? "," : ".";
}

const COMMA_DECIMAL = /^\s*[+-]?\d*,\d+\s*$/;
const POINT_DECIMAL = /^\s*[+-]?\d*\.\d+\s*$/;
