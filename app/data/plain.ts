/**
 * A table as plain JSON (for a project file, the API, an undo step): numbers as
 * (number | null)[] with null for missing, categories as codes into levels, invalid cells as
 * { row: text }. `toPlain*` and `fromPlain*` round-trip exactly for finite numbers.
 * A column's UI id (see column.ts) is left out unless asked for: project files do not keep it;
 * undo steps do (a deleted column comes back under its own id).
 */
import type { CategoricalColumn, Column, DataTable, NumericColumn } from "./column";

export type PlainColumn =
  | {
      readonly kind: "number";
      readonly name: string;
      readonly id?: string;
      readonly values: readonly (number | null)[];
      readonly invalid?: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: "categorical";
      readonly name: string;
      readonly id?: string;
      readonly codes: readonly number[];
      readonly levels: readonly string[];
    };

export interface PlainTable {
  readonly nrow: number;
  readonly columns: readonly PlainColumn[];
}

/**
 * What a project file keeps of the data: the table with its types and level order, where it came
 * from, and the missing-value codes used on import.
 */
export interface DataSnapshot {
  readonly fileName: string;
  readonly missingCodes: readonly string[];
  readonly table: PlainTable;
}

/** The column as plain JSON; with `keepId`, its UI id too (when it has one). */
export function toPlainColumn(c: Column, keepId = false): PlainColumn {
  const id = keepId && c.id !== undefined ? { id: c.id } : {};
  if (c.kind === "categorical") return { kind: "categorical", name: c.name, ...id, codes: codesToArray(c.codes), levels: [...c.levels] };
  const values = valuesToArray(c.values);
  const invalid = c.invalid && Object.keys(c.invalid).length > 0 ? { ...c.invalid } : undefined;
  return invalid ? { kind: "number", name: c.name, ...id, values, invalid } : { kind: "number", name: c.name, ...id, values };
}

export function fromPlainColumn(c: PlainColumn): Column {
  const id = c.id !== undefined ? { id: c.id } : {};
  if (c.kind === "categorical") {
    return { kind: "categorical", name: c.name, ...id, codes: codesFromArray(c.codes), levels: [...c.levels] } satisfies CategoricalColumn;
  }
  const values = valuesFromArray(c.values);
  const invalid = c.invalid && Object.keys(c.invalid).length > 0 ? numericKeys(c.invalid) : undefined;
  return (invalid ? { kind: "number", name: c.name, ...id, values, invalid } : { kind: "number", name: c.name, ...id, values }) satisfies NumericColumn;
}

export function toPlainTable(t: DataTable): PlainTable {
  return { nrow: t.nrow, columns: t.columns.map((c) => toPlainColumn(c)) };
}

export function fromPlainTable(t: PlainTable): DataTable {
  return { nrow: t.nrow, columns: t.columns.map(fromPlainColumn) };
}

// The four conversions below are explicit loops, not Array.from / TypedArray.from with a mapping
// function: those go through the iterator protocol and a call per cell, which made the import's
// wire and renderer copies of a 100k × 20 table cost several times the JSON text itself.

/** Numbers as a plain array, null for missing (NaN): JSON has no NaN. */
export function valuesToArray(values: Float64Array): (number | null)[] {
  const n = values.length;
  const out: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    out.push(x === x ? x : null);
  }
  return out;
}

/** The inverse of valuesToArray: null (or a missing entry) becomes NaN. */
export function valuesFromArray(values: readonly (number | null)[]): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i] ?? NaN;
  return out;
}

export function codesToArray(codes: Int32Array): number[] {
  const n = codes.length;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(codes[i]!);
  return out;
}

export function codesFromArray(codes: readonly number[]): Int32Array {
  const n = codes.length;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = codes[i]!;
  return out;
}

function numericKeys(record: Readonly<Record<string, string>>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [k, v] of Object.entries(record)) out[Number(k)] = v;
  return out;
}
