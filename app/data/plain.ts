/**
 * A table as plain JSON (for a project file, the API, an undo step): numbers as
 * (number | null)[] with null for missing, categories as codes into levels, invalid cells as
 * { row: text }. `toPlain*` and `fromPlain*` round-trip exactly for finite numbers.
 */
import type { CategoricalColumn, Column, DataTable, NumericColumn } from "./column";

export type PlainColumn =
  | {
      readonly kind: "number";
      readonly name: string;
      readonly values: readonly (number | null)[];
      readonly invalid?: Readonly<Record<string, string>>;
    }
  | { readonly kind: "categorical"; readonly name: string; readonly codes: readonly number[]; readonly levels: readonly string[] };

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

export function toPlainColumn(c: Column): PlainColumn {
  if (c.kind === "categorical") return { kind: "categorical", name: c.name, codes: Array.from(c.codes), levels: [...c.levels] };
  const values = Array.from(c.values, (x) => (Number.isNaN(x) ? null : x));
  const invalid = c.invalid && Object.keys(c.invalid).length > 0 ? { ...c.invalid } : undefined;
  return invalid ? { kind: "number", name: c.name, values, invalid } : { kind: "number", name: c.name, values };
}

export function fromPlainColumn(c: PlainColumn): Column {
  if (c.kind === "categorical") {
    return { kind: "categorical", name: c.name, codes: Int32Array.from(c.codes), levels: [...c.levels] } satisfies CategoricalColumn;
  }
  const values = Float64Array.from(c.values, (x) => x ?? NaN);
  const invalid = c.invalid && Object.keys(c.invalid).length > 0 ? numericKeys(c.invalid) : undefined;
  return (invalid ? { kind: "number", name: c.name, values, invalid } : { kind: "number", name: c.name, values }) satisfies NumericColumn;
}

export function toPlainTable(t: DataTable): PlainTable {
  return { nrow: t.nrow, columns: t.columns.map(toPlainColumn) };
}

export function fromPlainTable(t: PlainTable): DataTable {
  return { nrow: t.nrow, columns: t.columns.map(fromPlainColumn) };
}

function numericKeys(record: Readonly<Record<string, string>>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [k, v] of Object.entries(record)) out[Number(k)] = v;
  return out;
}
