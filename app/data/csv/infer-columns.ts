/**
 * One column of CSV cells → a typed Column. A column is numeric when every non-missing cell
 * parses as a number (R's type.convert: decimals, exponents, Inf, -Inf, NaN); otherwise it is
 * categorical, with levels sorted as R's factor() sorts them.
 */
import type { CategoricalColumn, Column, NumericColumn } from "../column";
import { formatNumberLabel, sortLevels } from "./levels";

export interface ColumnOptions {
  readonly missing: ReadonlySet<string>;
  readonly forceCategorical: boolean;
  /** The user chose "number": text cells become invalid (kept and shown), not missing. */
  readonly forceNumber?: boolean;
  /** "," when the file writes decimals with a comma (3,25). */
  readonly decimal?: "." | ",";
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// A Map, not an object literal: cells such as "constructor" or "toString" must not find Object.prototype's members.
const SPECIAL: ReadonlyMap<string, number> = new Map([["Inf", Infinity], ["+Inf", Infinity], ["-Inf", -Infinity], ["NaN", NaN]]);

/** The number a cell holds, or undefined when it is text. */
export function parseNumberCell(cell: string): number | undefined {
  const padded = cell.length > 0 && (cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32);
  const s = padded ? cell.trim() : cell;
  if (NUMBER.test(s)) return Number(s);
  return SPECIAL.get(s);
}

/** A cell of a decimal-comma file: "3,25" → 3.25 (a point is then a thousands mark, not accepted). */
export function parseCommaNumberCell(cell: string): number | undefined {
  return cell.includes(".") ? undefined : parseNumberCell(cell.replace(",", "."));
}

export function buildColumn(name: string, cells: readonly string[], options: ColumnOptions): Column {
  const parse = options.decimal === "," ? parseCommaNumberCell : parseNumberCell;
  if (options.forceNumber) return numbersWithInvalid(name, cells, options.missing, parse);
  const numbers = parseNumbers(cells, options.missing, parse);
  if (numbers && options.forceCategorical) return numbersToCategorical(name, numbers);
  if (numbers) return { kind: "number", name, values: numbers } satisfies NumericColumn;
  return textToCategorical(name, cells, options.missing);
}

type ParseCell = (cell: string) => number | undefined;

/** All cells as numbers (NaN = missing), or undefined if any non-missing cell is text. */
function parseNumbers(cells: readonly string[], missing: ReadonlySet<string>, parse: ParseCell): Float64Array | undefined {
  const values = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (isMissing(cell, missing)) {
      values[i] = NaN;
      continue;
    }
    const x = parse(cell);
    if (x === undefined) return undefined;
    values[i] = x;
  }
  return values;
}

/** A column the user declared numeric: text cells are kept as invalid cells with their text. */
function numbersWithInvalid(name: string, cells: readonly string[], missing: ReadonlySet<string>, parse: ParseCell): NumericColumn {
  const values = new Float64Array(cells.length);
  const invalid: Record<number, string> = {};
  let bad = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    const x = isMissing(cell, missing) ? NaN : parse(cell);
    values[i] = x ?? NaN;
    if (x === undefined) {
      invalid[i] = cell;
      bad++;
    }
  }
  return bad > 0 ? { kind: "number", name, values, invalid } : { kind: "number", name, values };
}

export function isMissing(cell: string, missing: ReadonlySet<string>): boolean {
  const n = cell.length;
  // Most cells are longer than every missing code: no set lookup for them (large files).
  if (n <= maxLength(missing) && missing.has(cell)) return true;
  // Trim only when there is surrounding space (rare): trimming every cell costs time on big files.
  const padded = n > 0 && (cell.charCodeAt(0) <= 32 || cell.charCodeAt(n - 1) <= 32);
  return padded && missing.has(cell.trim());
}

const maxLengths = new WeakMap<ReadonlySet<string>, number>();

function maxLength(missing: ReadonlySet<string>): number {
  let m = maxLengths.get(missing);
  if (m === undefined) {
    m = Math.max(0, ...[...missing].map((s) => s.length));
    maxLengths.set(missing, m);
  }
  return m;
}

/** One pass: provisional codes in order of appearance, then levels sorted as R sorts them. */
function textToCategorical(name: string, cells: readonly string[], missing: ReadonlySet<string>): CategoricalColumn {
  const provisional = new Map<string, number>();
  const codes = new Int32Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (isMissing(cell, missing)) {
      codes[i] = -1;
      continue;
    }
    let code = provisional.get(cell);
    if (code === undefined) {
      code = provisional.size;
      provisional.set(cell, code);
    }
    codes[i] = code;
  }
  const levels = sortLevels(provisional.keys());
  const remap = new Int32Array(levels.length);
  levels.forEach((level, k) => (remap[provisional.get(level)!] = k));
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) codes[i] = remap[codes[i]!]!;
  return { kind: "categorical", name, codes, levels };
}

/** R's factor() of a numeric vector: levels in numeric order, labelled as as.character() prints. */
export function numbersToCategorical(name: string, values: Float64Array): CategoricalColumn {
  const distinct = [...new Set(Array.from(values).filter((x) => !Number.isNaN(x)))].sort((a, b) => a - b);
  const index = new Map(distinct.map((x, k) => [x, k]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    codes[i] = Number.isNaN(x) ? -1 : index.get(x)!;
  }
  return { kind: "categorical", name, codes, levels: distinct.map(formatNumberLabel) };
}
