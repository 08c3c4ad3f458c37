/**
 * Pure edits of one column: each returns a new column and leaves its argument untouched (the
 * back end may be describing or fitting the old one, and undo keeps it).
 */
import { MixwellError } from "../../errors";
import type { CategoricalColumn, Column, NumericColumn } from "../column";
import { cellText, isTypedMissing, parseTypedNumber } from "../cells";
import { compareLevels, formatNumberLabel } from "../csv/levels";
import type { CellInput } from "./types";

export interface CellWrite {
  readonly row: number;
  readonly text: CellInput;
}

/** Write cells; a categorical column gains each new level at the end of its levels. */
export function writeCells(column: Column, writes: readonly CellWrite[]): Column {
  if (column.kind === "categorical") {
    const codes = Int32Array.from(column.codes);
    const levels = [...column.levels];
    const index = new Map(levels.map((l, k) => [l, k]));
    for (const { row, text } of writes) codes[row] = codeFor(text, levels, index);
    return { ...column, codes, levels };
  }
  const values = Float64Array.from(column.values);
  const invalid: Record<number, string> = { ...column.invalid };
  for (const { row, text } of writes) {
    delete invalid[row];
    values[row] = NaN;
    if (isTypedMissing(text)) continue;
    const x = parseTypedNumber(text!);
    if (x === undefined) invalid[row] = text!;
    else values[row] = x;
  }
  return numeric(column, values, invalid);
}

function codeFor(text: CellInput, levels: string[], index: Map<string, number>): number {
  if (isTypedMissing(text)) return -1;
  const label = text!.trim();
  let code = index.get(label);
  if (code === undefined) {
    code = levels.length;
    levels.push(label);
    index.set(label, code);
  }
  return code;
}

/** The texts of rows [at, at + count). */
export function readTexts(column: Column, at: number, count: number): CellInput[] {
  const out: CellInput[] = new Array(count);
  for (let k = 0; k < count; k++) out[k] = cellText(column, at + k);
  return out;
}

/** Insert `count` rows before `at`, missing unless `texts` fills them. */
export function insertRows(column: Column, at: number, count: number, texts?: readonly CellInput[]): Column {
  const n = column.kind === "number" ? column.values.length : column.codes.length;
  let grown: Column;
  if (column.kind === "number") {
    const values = new Float64Array(n + count).fill(NaN);
    values.set(column.values.subarray(0, at), 0);
    values.set(column.values.subarray(at), at + count);
    grown = numeric(column, values, shiftInvalid(column.invalid, at, count));
  } else {
    const codes = new Int32Array(n + count).fill(-1);
    codes.set(column.codes.subarray(0, at), 0);
    codes.set(column.codes.subarray(at), at + count);
    grown = { ...column, codes };
  }
  if (!texts) return grown;
  return writeCells(grown, texts.map((text, k) => ({ row: at + k, text })));
}

/** Delete rows [at, at + count). */
export function deleteRows(column: Column, at: number, count: number): Column {
  if (column.kind === "categorical") {
    const codes = new Int32Array(column.codes.length - count);
    codes.set(column.codes.subarray(0, at), 0);
    codes.set(column.codes.subarray(at + count), at);
    return { ...column, codes };
  }
  const values = new Float64Array(column.values.length - count);
  values.set(column.values.subarray(0, at), 0);
  values.set(column.values.subarray(at + count), at);
  const invalid: Record<number, string> = {};
  for (const [k, text] of Object.entries(column.invalid ?? {})) {
    const row = Number(k);
    if (row < at) invalid[row] = text;
    else if (row >= at + count) invalid[row - count] = text;
  }
  return numeric(column, values, invalid);
}

function shiftInvalid(invalid: NumericColumn["invalid"], at: number, count: number): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [k, text] of Object.entries(invalid ?? {})) {
    const row = Number(k);
    out[row >= at ? row + count : row] = text;
  }
  return out;
}

/** A number column with `like`'s name and id, these values, and these invalid cells (if any). */
function numeric(like: Column, values: Float64Array, invalid: Record<number, string>): NumericColumn {
  const column: NumericColumn = { kind: "number", name: like.name, ...idOf(like), values };
  return Object.keys(invalid).length > 0 ? { ...column, invalid } : column;
}

/** The column's UI id as a spread-able field: kept through every edit of the column. */
function idOf(column: Column): { id?: string } {
  return column.id !== undefined ? { id: column.id } : {};
}

/**
 * Change a column's type. Number → categorical: R's factor() of the numbers (numeric order),
 * then any invalid texts as further levels. Categorical → number: each level read as a number;
 * a level that is not one leaves its cells invalid (highlighted), never missing.
 */
export function convertColumn(column: Column, type: Column["kind"]): Column {
  if (column.kind === type) return column;
  return column.kind === "number" ? numberToCategorical(column) : categoricalToNumber(column);
}

function numberToCategorical(column: NumericColumn): CategoricalColumn {
  const distinct = [...new Set(Array.from(column.values).filter((x) => !Number.isNaN(x)))].sort((a, b) => a - b);
  const texts = [...new Set(Object.values(column.invalid ?? {}))].sort(compareLevels);
  const levels = [...new Set([...distinct.map(formatNumberLabel), ...texts])];
  const index = new Map(levels.map((l, k) => [l, k]));
  const codes = new Int32Array(column.values.length);
  for (let i = 0; i < codes.length; i++) {
    const x = column.values[i]!;
    const text = Number.isNaN(x) ? column.invalid?.[i] : formatNumberLabel(x);
    codes[i] = text === undefined ? -1 : index.get(text)!;
  }
  return { kind: "categorical", name: column.name, ...idOf(column), codes, levels };
}

function categoricalToNumber(column: CategoricalColumn): NumericColumn {
  const numbers = column.levels.map((l) => parseTypedNumber(l));
  const values = new Float64Array(column.codes.length);
  const invalid: Record<number, string> = {};
  for (let i = 0; i < values.length; i++) {
    const code = column.codes[i]!;
    const x = code < 0 ? NaN : numbers[code];
    values[i] = x ?? NaN;
    if (x === undefined) invalid[i] = column.levels[code]!;
  }
  return numeric(column, values, invalid);
}

/** Reorder (and drop unused) levels; every level in use must be in `levels`. */
export function relevel(column: Column, levels: readonly string[]): CategoricalColumn {
  if (column.kind !== "categorical") throw new MixwellError(`Column '${column.name}' holds numbers, so it has no levels to order.`);
  if (new Set(levels).size !== levels.length) throw new MixwellError(`The new level order of '${column.name}' lists a level twice.`);
  const index = new Map(levels.map((l, k) => [l, k]));
  const remap = column.levels.map((l) => index.get(l) ?? -2);
  const codes = new Int32Array(column.codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = column.codes[i]!;
    const next = code < 0 ? -1 : remap[code]!;
    if (next === -2) throw new MixwellError(`Level '${column.levels[code]}' of '${column.name}' is used in row ${i + 1} but missing from the new order.`);
    codes[i] = next;
  }
  return { kind: "categorical", name: column.name, ...idOf(column), codes, levels: [...levels] };
}
