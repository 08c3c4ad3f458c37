/**
 * Validators for the data-workspace requests: import options, edit operations (recursive, for
 * batches) and plain tables. Everything a user's edit can send is bounded here.
 */
import type { CellEdit, DataSnapshot, EditOp, PlainColumn, PlainTable } from "../data";
import type { ImportOptions } from "../data/import/types";
import { InvalidRequestError, array, object, string, type Validator } from "./validators";

const fail = (path: string, what: string): never => {
  throw new InvalidRequestError(`Invalid request: ${path} ${what}.`);
};

/** Largest table over the API: rows and cells of one edit. */
const MAX_ROWS = 50_000_000;
const MAX_CELLS = 20_000_000;
const name = string({ max: 1000 });
/** A column's UI id (app/data/column-ids.ts). */
const columnId = string({ max: 100, pattern: /^[A-Za-z0-9_-]+$/ });

export const integer =
  (min: number, max: number): Validator<number> =>
  (v, path) => {
    if (typeof v !== "number" || !Number.isInteger(v)) return fail(path, "must be a whole number");
    if (v < min || v > max) return fail(path, `must be between ${min} and ${max}`);
    return v;
  };

const boolean: Validator<boolean> = (v, path) => (typeof v === "boolean" ? v : fail(path, "must be true or false"));

const oneOf =
  <T extends string>(...values: T[]): Validator<T> =>
  (v, path) =>
    values.includes(v as T) ? (v as T) : fail(path, `must be one of ${values.join(", ")}`);

const nullable =
  <T>(inner: Validator<T>): Validator<T | null> =>
  (v, path) =>
    v === null ? null : inner(v, path);

const numberOrNull: Validator<number | null> = (v, path) =>
  v === null || (typeof v === "number" && Number.isFinite(v)) ? (v as number | null) : fail(path, "must be a finite number or null");

const record =
  <T>(value: Validator<T>, max = 100_000): Validator<Readonly<Record<string, T>>> =>
  (v, path) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return fail(path, "must be an object");
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > max) fail(path, `has more than ${max} entries`);
    return Object.fromEntries(entries.map(([k, x]) => [k, value(x, `${path}.${k}`)]));
  };

const columnType = oneOf("number", "categorical");

export const importOptions: Validator<ImportOptions> = object(
  {},
  {
    delimiter: oneOf(",", ";", "\t", "|"),
    decimal: oneOf(".", ","),
    header: boolean,
    missing: array(string({ max: 100 }), 100),
    categorical: array(name),
    types: record(columnType, 100_000),
    sheet: string({ max: 1000 }),
  },
);

export const plainColumn: Validator<PlainColumn> = (v, path) => {
  const kind = object({ kind: columnType }, ANY_COLUMN_FIELDS)(v, path).kind;
  if (kind === "number") {
    return object({ kind: oneOf("number"), name, values: array(numberOrNull, MAX_ROWS) }, { id: columnId, invalid: record(string({ max: 10_000 }), MAX_ROWS) })(v, path);
  }
  const levels = array(string({ max: 10_000 }), MAX_ROWS);
  return object({ kind: oneOf("categorical"), name, codes: array(integer(-1, MAX_ROWS), MAX_ROWS), levels }, { id: columnId })(v, path);
};

export const plainTable: Validator<PlainTable> = object({ nrow: integer(0, MAX_ROWS), columns: array(plainColumn, 100_000) });

export const dataSnapshot: Validator<DataSnapshot> = object({ fileName: name, missingCodes: array(string({ max: 100 }), 100), table: plainTable });

const cellEdit: Validator<CellEdit> = object({ row: integer(0, MAX_ROWS), col: integer(0, 100_000), text: nullable(string({ max: 100_000 })) });

const col = integer(0, 100_000);
const row = integer(0, MAX_ROWS);

export const editOp: Validator<EditOp> = (v, path) => {
  const kind = object({ kind: string({ max: 40 }) }, ANY_FIELDS)(v, path).kind;
  switch (kind) {
    case "setCells":
      return object({ kind: oneOf("setCells"), cells: array(cellEdit, MAX_CELLS) })(v, path);
    case "insertRows":
      return object({ kind: oneOf("insertRows"), at: row, count: integer(1, MAX_ROWS) }, { cells: array(array(nullable(string({ max: 100_000 })), MAX_ROWS), 100_000) })(v, path);
    case "deleteRows":
      return object({ kind: oneOf("deleteRows"), at: row, count: integer(1, MAX_ROWS) })(v, path);
    case "insertColumn":
      return object({ kind: oneOf("insertColumn"), at: col, column: plainColumn })(v, path);
    case "deleteColumn":
      return object({ kind: oneOf("deleteColumn"), col })(v, path);
    case "renameColumn":
      return object({ kind: oneOf("renameColumn"), col, name })(v, path);
    case "moveColumn":
      return object({ kind: oneOf("moveColumn"), from: col, to: col })(v, path);
    case "setType":
      return object({ kind: oneOf("setType"), col, type: columnType })(v, path);
    case "setLevels":
      return object({ kind: oneOf("setLevels"), col, levels: array(string({ max: 10_000 }), MAX_ROWS) })(v, path);
    case "replaceColumn":
      return object({ kind: oneOf("replaceColumn"), col, column: plainColumn })(v, path);
    case "batch":
      return object({ kind: oneOf("batch"), ops: array(editOp, 10_000) })(v, path);
    default:
      return fail(`${path}.kind`, "is not a known edit");
  }
};

const ANY_FIELDS = Object.fromEntries(
  ["cells", "at", "count", "column", "col", "name", "from", "to", "type", "levels", "ops"].map((k) => [k, (x: unknown) => x]),
);

const ANY_COLUMN_FIELDS = Object.fromEntries(["name", "id", "values", "invalid", "codes", "levels"].map((k) => [k, (x: unknown) => x]));
