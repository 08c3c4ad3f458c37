/**
 * applyEdit(table, op) → { table, inverse }: the one way a data table changes after import.
 * Pure: the input table is not modified, columns an operation does not touch are shared.
 * Applying `inverse` to the result gives back a table equal to the input (tested per operation),
 * which is what undo and redo do.
 */
import { MixwellError } from "../../errors";
import type { Column, DataTable } from "../column";
import { fromPlainColumn, toPlainColumn } from "../plain";
import { convertColumn, deleteRows, insertRows, readTexts, relevel, writeCells, type CellWrite } from "./column-edits";
import type { CellEdit, EditOp, EditResult } from "./types";

export function applyEdit(table: DataTable, op: EditOp): EditResult<DataTable> {
  switch (op.kind) {
    case "setCells":
      return setCells(table, op.cells);
    case "insertRows": {
      checkRowPosition(table, op.at, table.nrow);
      const columns = table.columns.map((c, j) => insertRows(c, op.at, op.count, op.cells?.[j]));
      return done({ nrow: table.nrow + op.count, columns }, { kind: "deleteRows", at: op.at, count: op.count });
    }
    case "deleteRows": {
      checkRowPosition(table, op.at + op.count, table.nrow);
      const cells = table.columns.map((c) => readTexts(c, op.at, op.count));
      const columns = table.columns.map((c) => deleteRows(c, op.at, op.count));
      return done({ nrow: table.nrow - op.count, columns }, { kind: "insertRows", at: op.at, count: op.count, cells });
    }
    case "insertColumn": {
      const column = fromPlainColumn(op.column);
      checkNewName(table, column.name, -1);
      if (columnLength(column) !== table.nrow) throw new MixwellError(`The new column '${column.name}' has ${columnLength(column)} rows; the table has ${table.nrow}.`);
      if (op.at < 0 || op.at > table.columns.length) throw new MixwellError(`There is no column position ${op.at + 1}.`);
      const columns = [...table.columns];
      columns.splice(op.at, 0, column);
      return done({ nrow: table.nrow, columns }, { kind: "deleteColumn", col: op.at });
    }
    case "deleteColumn": {
      const column = columnAt(table, op.col);
      const columns = table.columns.filter((_, j) => j !== op.col);
      // The inverse keeps the column's UI id: undo brings back the same column, not a new one.
      return done({ nrow: table.nrow, columns }, { kind: "insertColumn", at: op.col, column: toPlainColumn(column, true) });
    }
    case "renameColumn": {
      const column = columnAt(table, op.col);
      const name = op.name.trim();
      checkNewName(table, name, op.col);
      return done(replaceAt(table, op.col, { ...column, name }), { kind: "renameColumn", col: op.col, name: column.name });
    }
    case "moveColumn": {
      const column = columnAt(table, op.from);
      if (op.to < 0 || op.to >= table.columns.length) throw new MixwellError(`There is no column position ${op.to + 1}.`);
      const columns = table.columns.filter((_, j) => j !== op.from);
      columns.splice(op.to, 0, column);
      return done({ nrow: table.nrow, columns }, { kind: "moveColumn", from: op.to, to: op.from });
    }
    case "setType":
      return replaceWith(table, op.col, convertColumn(columnAt(table, op.col), op.type));
    case "setLevels": {
      const column = columnAt(table, op.col);
      const old = column.kind === "categorical" ? column.levels : [];
      return done(replaceAt(table, op.col, relevel(column, op.levels)), { kind: "setLevels", col: op.col, levels: old });
    }
    case "replaceColumn": {
      // New contents of the same column: it keeps its UI id.
      const old = columnAt(table, op.col);
      const plain = fromPlainColumn(op.column);
      const column: Column = old.id !== undefined ? { ...plain, id: old.id } : plain;
      checkNewName(table, column.name, op.col);
      return replaceWith(table, op.col, column);
    }
    case "batch":
      return batch(table, op.ops);
  }
}

function done(table: DataTable, inverse: EditOp): EditResult<DataTable> {
  return { table, inverse };
}

function batch(table: DataTable, ops: readonly EditOp[]): EditResult<DataTable> {
  const inverses: EditOp[] = [];
  let current = table;
  for (const op of ops) {
    const r = applyEdit(current, op);
    current = r.table;
    inverses.unshift(r.inverse);
  }
  return done(current, { kind: "batch", ops: inverses });
}

/** Cell writes grouped by column; the inverse restores the old texts and level lists. */
function setCells(table: DataTable, cells: readonly CellEdit[]): EditResult<DataTable> {
  const byColumn = new Map<number, CellWrite[]>();
  for (const { row, col, text } of cells) {
    columnAt(table, col);
    if (!Number.isInteger(row) || row < 0 || row >= table.nrow) throw new MixwellError(`There is no row ${row + 1}; the table has ${table.nrow} rows.`);
    let writes = byColumn.get(col);
    if (!writes) byColumn.set(col, (writes = []));
    writes.push({ row, text });
  }
  const columns = [...table.columns];
  const undo: CellEdit[] = [];
  const levelUndo: EditOp[] = [];
  for (const [col, writes] of byColumn) {
    const column = columns[col]!;
    // Reverse order, so that when a cell is written twice the first old text is restored last.
    for (let k = writes.length - 1; k >= 0; k--) undo.push({ row: writes[k]!.row, col, text: readTexts(column, writes[k]!.row, 1)[0]! });
    const next = writeCells(column, writes);
    if (column.kind === "categorical" && next.kind === "categorical" && next.levels.length > column.levels.length) {
      levelUndo.push({ kind: "setLevels", col, levels: column.levels });
    }
    columns[col] = next;
  }
  const inverse: EditOp = { kind: "setCells", cells: undo };
  return done({ nrow: table.nrow, columns }, levelUndo.length ? { kind: "batch", ops: [inverse, ...levelUndo] } : inverse);
}

function replaceWith(table: DataTable, col: number, column: Column): EditResult<DataTable> {
  const old = columnAt(table, col);
  return done(replaceAt(table, col, column), { kind: "replaceColumn", col, column: toPlainColumn(old) });
}

function replaceAt(table: DataTable, col: number, column: Column): DataTable {
  const columns = [...table.columns];
  columns[col] = column;
  return { nrow: table.nrow, columns };
}

function columnAt(table: DataTable, col: number): Column {
  const column = table.columns[col];
  if (!column) throw new MixwellError(`There is no column ${col + 1}; the table has ${table.columns.length} columns.`);
  return column;
}

function columnLength(column: Column): number {
  return column.kind === "number" ? column.values.length : column.codes.length;
}

function checkRowPosition(table: DataTable, end: number, nrow: number): void {
  if (!Number.isInteger(end) || end < 0 || end > nrow) throw new MixwellError(`There is no row ${end}; the table has ${table.nrow} rows.`);
}

/** Column names must be non-empty and different from the other columns' names. */
export function checkNewName(table: DataTable, name: string, col: number): void {
  if (name.trim() === "") throw new MixwellError("A column needs a name.");
  const other = table.columns.findIndex((c, j) => j !== col && c.name === name);
  if (other >= 0) throw new MixwellError(`There is already a column called '${name}' (column ${other + 1}). Column names must be different.`);
}
