/**
 * The check of a wire table (wire-table.ts) where it arrives: every number column a Float64Array
 * and every category column an Int32Array of exactly nrow entries, codes within their levels,
 * invalid cells on existing rows. One pass over the codes; the numbers are not read (any double,
 * NaN included, is a valid cell).
 */
import type { WireColumn, WireTable } from "./wire-table";
import { array, fail, object, string, type Validator } from "./validators";

/** Largest table over the API (rows, columns), as for requests (validate-data.ts). */
const MAX_ROWS = 50_000_000;
const MAX_COLUMNS = 100_000;

const name = string({ max: 1000 });
const levels = array(string({ max: 10_000 }), MAX_ROWS);

const rowCount: Validator<number> = (v, path) =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_ROWS ? v : fail(path, `must be a whole number between 0 and ${MAX_ROWS}`);

const invalidCells = (nrow: number): Validator<Readonly<Record<string, string>>> => (v, path) => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return fail(path, "must be an object");
  const out: Record<string, string> = {};
  for (const [k, text] of Object.entries(v as Record<string, unknown>)) {
    const row = Number(k);
    if (!Number.isInteger(row) || row < 0 || row >= nrow) fail(`${path}.${k}`, `is not a row of the table (0–${nrow - 1})`);
    out[k] = string({ max: 10_000 })(text, `${path}.${k}`);
  }
  return out;
};

function numberColumn(v: unknown, path: string, nrow: number): WireColumn {
  const c = object({ kind: (x) => x, name, values: (x) => x }, { invalid: invalidCells(nrow) })(v, path);
  if (!(c.values instanceof Float64Array)) return fail(`${path}.values`, "must be a Float64Array");
  if (c.values.length !== nrow) return fail(`${path}.values`, `has ${c.values.length} values but the table has ${nrow} rows`);
  return c.invalid ? { kind: "number", name: c.name, values: c.values, invalid: c.invalid } : { kind: "number", name: c.name, values: c.values };
}

function categoricalColumn(v: unknown, path: string, nrow: number): WireColumn {
  const c = object({ kind: (x) => x, name, codes: (x) => x, levels })(v, path);
  const codes = c.codes;
  if (!(codes instanceof Int32Array)) return fail(`${path}.codes`, "must be an Int32Array");
  if (codes.length !== nrow) return fail(`${path}.codes`, `has ${codes.length} codes but the table has ${nrow} rows`);
  const n = c.levels.length;
  for (let i = 0; i < nrow; i++) {
    const code = codes[i]!;
    if (code < -1 || code >= n) fail(`${path}.codes[${i}]`, `is ${code}, not a level (there are ${n})`);
  }
  return { kind: "categorical", name: c.name, codes, levels: c.levels };
}

/** A WireTable from `unknown`, or InvalidRequestError naming what is wrong. */
export function validateWireTable(v: unknown, path: string): WireTable {
  const t = object({ nrow: rowCount, columns: (x) => x })(v, path);
  if (!Array.isArray(t.columns)) return fail(`${path}.columns`, "must be an array");
  if (t.columns.length > MAX_COLUMNS) return fail(`${path}.columns`, `has more than ${MAX_COLUMNS} items`);
  const columns = t.columns.map((c: unknown, j: number): WireColumn => {
    const at = `${path}.columns[${j}]`;
    const kind = typeof c === "object" && c !== null ? (c as { kind?: unknown }).kind : undefined;
    if (kind === "number") return numberColumn(c, at, t.nrow);
    if (kind === "categorical") return categoricalColumn(c, at, t.nrow);
    return fail(`${at}.kind`, "must be one of number, categorical");
  });
  return { nrow: t.nrow, columns };
}
