/**
 * A DataTable as plain JSON for crossing a process boundary (IPC, WebSocket): numbers as
 * (number | null)[] with null for missing (JSON has no NaN), categories as codes into levels.
 */
import type { Column, DataTable } from "../data";

export interface WireNumericColumn {
  readonly kind: "number";
  readonly name: string;
  readonly values: readonly (number | null)[];
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
  if (c.kind === "categorical") return { kind: "categorical", name: c.name, codes: Array.from(c.codes), levels: c.levels };
  return { kind: "number", name: c.name, values: Array.from(c.values, (x) => (Number.isNaN(x) ? null : x)) };
}

export function fromWireTable(wire: WireTable): DataTable {
  return {
    nrow: wire.nrow,
    columns: wire.columns.map((c): Column =>
      c.kind === "categorical"
        ? { kind: "categorical", name: c.name, codes: Int32Array.from(c.codes), levels: c.levels }
        : { kind: "number", name: c.name, values: Float64Array.from(c.values, (x) => x ?? NaN) },
    ),
  };
}
