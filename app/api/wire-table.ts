/**
 * A DataTable as it crosses a process boundary (IPC, WebSocket): numbers as a Float64Array with
 * NaN for missing, categories as Int32Array codes (-1 for missing) into levels. Typed arrays
 * travel as they are: Electron's structured clone copies them natively, and the browser-mode
 * host sends them as the raw bytes of a binary WebSocket frame (binary-message.ts), not as JSON
 * text — turning a million numbers into decimal text and back cost more than reading the file.
 * What arrives is checked by validateWireTable (types, lengths, code ranges) before it is used.
 */
import type { CategoricalColumn, Column, DataTable, NumericColumn } from "../data";
import { validateWireTable } from "./validate-wire";

export interface WireNumericColumn {
  readonly kind: "number";
  readonly name: string;
  /** One value per row, NaN for missing (and for invalid cells). */
  readonly values: Float64Array;
  /** Cells whose text is not a number, by row (see app/data NumericColumn.invalid). */
  readonly invalid?: Readonly<Record<string, string>>;
}

export interface WireCategoricalColumn {
  readonly kind: "categorical";
  readonly name: string;
  /** Index into levels, -1 for missing. */
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export type WireColumn = WireNumericColumn | WireCategoricalColumn;

export interface WireTable {
  readonly nrow: number;
  readonly columns: readonly WireColumn[];
}

export function toWireTable(table: DataTable): WireTable {
  return { nrow: table.nrow, columns: table.columns.map(toWireColumn) };
}

/** A column as it goes on the wire; its arrays are shared, not copied (columns are never modified in place). */
export function toWireColumn(c: Column): WireColumn {
  if (c.kind === "categorical") return { kind: "categorical", name: c.name, codes: ownBuffer(c.codes), levels: c.levels };
  const values = ownBuffer(c.values);
  return c.invalid && Object.keys(c.invalid).length > 0 ? { kind: "number", name: c.name, values, invalid: { ...c.invalid } } : { kind: "number", name: c.name, values };
}

/**
 * A wire table that arrived (from `unknown`): checked, then used as it is (its arrays become the
 * table's columns, no copy). Throws InvalidRequestError naming the column when it is malformed.
 */
export function fromWireTable(wire: unknown): DataTable {
  const table = validateWireTable(wire, "table");
  return { nrow: table.nrow, columns: table.columns.map(fromWireColumn) };
}

function fromWireColumn(c: WireColumn): Column {
  if (c.kind === "categorical") return { kind: "categorical", name: c.name, codes: c.codes, levels: [...c.levels] } satisfies CategoricalColumn;
  const invalid = c.invalid && Object.keys(c.invalid).length > 0 ? numericKeys(c.invalid) : undefined;
  return (invalid ? { kind: "number", name: c.name, values: c.values, invalid } : { kind: "number", name: c.name, values: c.values }) satisfies NumericColumn;
}

/**
 * The array itself, or a copy when it is a view on a larger buffer: structured clone (IPC, the
 * worker pool) copies a view's whole buffer, which would send a file's worth of bytes per column.
 */
function ownBuffer<T extends Float64Array | Int32Array>(a: T): T {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : (a.slice() as T);
}

function numericKeys(record: Readonly<Record<string, string>>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [k, v] of Object.entries(record)) out[Number(k)] = v;
  return out;
}
