import { test } from "node:test";
import assert from "node:assert/strict";
import { applyEdit, columnIdSource, parseCsv, toPlainTable, withColumnIds, withNewColumnIds, type DataTable, type EditOp } from "../../../app/data";

const ids = (t: DataTable) => t.columns.map((c) => c.id);
const names = (t: DataTable) => t.columns.map((c) => c.name);

function loaded(): DataTable {
  return withColumnIds(parseCsv("id,g,x\n1,a,1.5\n2,b,NA\n3,a,2\n4,c,-1\n"), columnIdSource("t"));
}

test("every column gets an id on load; existing distinct ids stay, repeated ones are replaced", () => {
  const t = loaded();
  assert.deepEqual(ids(t), ["t-1", "t-2", "t-3"]);
  assert.equal(withColumnIds(t, columnIdSource("u")), t, "a table with ids is returned as it is");
  const repeated: DataTable = { nrow: t.nrow, columns: [t.columns[0]!, { ...t.columns[1]!, id: "t-1" }] };
  assert.deepEqual(ids(withColumnIds(repeated, columnIdSource("u"))), ["t-1", "u-1"]);
});

test("edits of a column keep its id: rename, move, type, levels, cells, rows, replace", () => {
  const t = loaded();
  const ops: EditOp[] = [
    { kind: "renameColumn", col: 2, name: "pitch" },
    { kind: "moveColumn", from: 2, to: 0 },
    { kind: "setType", col: 0, type: "categorical" },
    { kind: "setType", col: 0, type: "number" },
    { kind: "setLevels", col: 2, levels: ["c", "b", "a"] },
    { kind: "setCells", cells: [{ row: 0, col: 0, text: "n/a" }, { row: 1, col: 2, text: "new" }] },
    { kind: "insertRows", at: 1, count: 2 },
    { kind: "deleteRows", at: 0, count: 1 },
    { kind: "replaceColumn", col: 1, column: { kind: "number", name: "id2", values: [1, 2, 3, 4, 5] } },
  ];
  let current = t;
  for (const op of ops) current = applyEdit(current, op).table;
  assert.deepEqual(names(current), ["pitch", "id2", "g"]);
  assert.deepEqual(ids(current), ["t-3", "t-1", "t-2"]);
});

test("undo of a delete brings the column back under its own id; undo of a type change too", () => {
  const t = loaded();
  const deleted = applyEdit(t, { kind: "deleteColumn", col: 1 });
  assert.deepEqual(ids(deleted.table), ["t-1", "t-3"]);
  assert.deepEqual(ids(applyEdit(deleted.table, deleted.inverse).table), ["t-1", "t-2", "t-3"]);
  const typed = applyEdit(t, { kind: "setType", col: 2, type: "categorical" });
  assert.deepEqual(ids(applyEdit(typed.table, typed.inverse).table), ["t-1", "t-2", "t-3"]);
});

test("an inserted column gets a new id once, so redoing the insert brings back the same id", () => {
  const t = loaded();
  const newId = columnIdSource("n");
  const insert = withNewColumnIds({ kind: "insertColumn", at: 1, column: { kind: "number", name: "z", values: [1, 2, 3, 4] } }, newId);
  const done = applyEdit(t, insert);
  assert.deepEqual(ids(done.table), ["t-1", "n-1", "t-2", "t-3"]);
  const undone = applyEdit(done.table, done.inverse).table;
  assert.deepEqual(ids(undone), ["t-1", "t-2", "t-3"]);
  assert.deepEqual(ids(applyEdit(undone, insert).table), ["t-1", "n-1", "t-2", "t-3"]);
  const batch = withNewColumnIds({ kind: "batch", ops: [{ kind: "insertColumn", at: 0, column: { kind: "categorical", name: "h", codes: [0, 0, 0, 0], levels: ["a"] } }] }, newId);
  assert.deepEqual(ids(applyEdit(t, batch).table), ["n-2", "t-1", "t-2", "t-3"]);
});

test("ids stay out of the plain table a project file keeps", () => {
  const plain = toPlainTable(loaded());
  assert.ok(plain.columns.every((c) => !("id" in c)));
});
