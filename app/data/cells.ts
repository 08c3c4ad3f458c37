/**
 * One cell as text and back: what the grid shows, what a user types or pastes, what the clipboard
 * and CSV export carry. `null` is a missing cell. Numbers print as JavaScript's shortest
 * round-trip form, so text → number → text → number is exact (undo relies on it).
 */
import type { Column, NumericColumn } from "./column";
import { parseNumberCell } from "./csv/infer-columns";

/** Texts a user types to mean "missing" in a cell. */
export const TYPED_MISSING: ReadonlySet<string> = new Set(["", "NA"]);

/** The cell's text: the number, the level, the invalid text as typed; null when missing. */
export function cellText(column: Column, row: number): string | null {
  if (column.kind === "categorical") {
    const code = column.codes[row]!;
    return code < 0 ? null : column.levels[code]!;
  }
  const x = column.values[row]!;
  if (!Number.isNaN(x)) return String(x);
  return invalidText(column, row) ?? null;
}

/** The text of an invalid (non-number) cell of a numeric column, if the cell is one. */
export function invalidText(column: NumericColumn, row: number): string | undefined {
  return column.invalid?.[row];
}

/** True when the typed text means "missing". */
export function isTypedMissing(text: string | null): boolean {
  return text === null || TYPED_MISSING.has(text.trim());
}

/**
 * The number a typed cell holds, or undefined when it is not a number. A decimal comma is
 * accepted when the text has no point ("3,5"), as users of comma locales type numbers.
 */
export function parseTypedNumber(text: string): number | undefined {
  const x = parseNumberCell(text);
  if (x !== undefined) return x;
  const t = text.trim();
  return /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/.test(t) ? parseNumberCell(t.replace(",", ".")) : undefined;
}

/** Rows of invalid cells of a numeric column, ascending. */
export function invalidRows(column: Column): number[] {
  if (column.kind !== "number" || !column.invalid) return [];
  return Object.keys(column.invalid)
    .map(Number)
    .sort((a, b) => a - b);
}
