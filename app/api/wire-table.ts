/**
 * A DataTable as plain JSON for crossing a process boundary (IPC, WebSocket): numbers as
 * (number | null)[] with null for missing (JSON has no NaN), categories as codes into levels.
 */
import { codesToArray, fromPlainColumn, valuesToArray, type Column, type DataTable } from "../data";

export interface WireNumericColumn {
  readonly kind: "number";
  readonly name: string;
  readonly values: readonly (number | null)[];
  /** Cells whose text is not a number, by row (see app/data NumericColumn.invalid). */
  readonly invalid?: Readonly<Record<string, string>>;
}

export interface WireCategoricalColumn {
  readonly kind: "categorical";
  readonly name: string;
  /** Index into levels, -1 for missing. */
  readonly codes: readonly number[];
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

function toWireColumn(c: Column): WireColumn {
  if (c.kind === "categorical") return { kind: "categorical", name: c.name, codes: codesToArray(c.codes), levels: c.levels };
  const values = valuesToArray(c.values);
  return c.invalid && Object.keys(c.invalid).length > 0 ? { kind: "number", name: c.name, values, invalid: { ...c.invalid } } : { kind: "number", name: c.name, values };
}

export function fromWireTable(wire: WireTable): DataTable {
  // A wire column is a plain column (app/data/plain.ts); one conversion for both.
  return { nrow: wire.nrow, columns: wire.columns.map((c): Column => fromPlainColumn(c)) };
}
