/**
 * UI ids of columns (see column.ts): given when a table is loaded into the UI, and to each new
 * column before its insert is applied, so that redoing the insert brings back the same id. They
 * are made at load time, not stored: a project file keeps no ids, and a reopened project's
 * columns get fresh ones.
 */
import type { Column, DataTable } from "./column";
import type { EditOp } from "./edit/types";

/** Makes ids that are new in this session: "col-1", "col-2", … */
export function columnIdSource(prefix = "col"): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** The table with an id on every column (a column without one, or with a repeated one, gets a new one). */
export function withColumnIds(table: DataTable, newId: () => string): DataTable {
  const seen = new Set<string>();
  let changed = false;
  const columns = table.columns.map((c): Column => {
    if (c.id !== undefined && !seen.has(c.id)) {
      seen.add(c.id);
      return c;
    }
    changed = true;
    const id = newId();
    seen.add(id);
    return { ...c, id };
  });
  return changed ? { nrow: table.nrow, columns } : table;
}

/** The operation with an id on each column it inserts (those that already have one keep it). */
export function withNewColumnIds(op: EditOp, newId: () => string): EditOp {
  if (op.kind === "insertColumn" && op.column.id === undefined) return { ...op, column: { ...op.column, id: newId() } };
  if (op.kind === "batch") return { kind: "batch", ops: op.ops.map((o) => withNewColumnIds(o, newId)) };
  return op;
}
