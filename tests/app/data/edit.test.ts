import { test } from "node:test";
import assert from "node:assert/strict";
import { applyEdit, cellText, parseCsv, toPlainTable, UndoHistory, type DataTable, type EditOp } from "../../../app/data";
import { MixwellError } from "../../../app/errors";

const base = (): DataTable => parseCsv("id,g,x\n1,a,1.5\n2,b,NA\n3,a,2\n4,c,-1\n");

function texts(t: DataTable): (string | null)[][] {
  return t.columns.map((c) => Array.from({ length: t.nrow }, (_, i) => cellText(c, i)));
}

/** Apply op, then its inverse: the table must be equal to where it started. */
function roundTrip(table: DataTable, op: EditOp): DataTable {
  const { table: after, inverse } = applyEdit(table, op);
  const { table: back } = applyEdit(after, inverse);
  assert.deepEqual(toPlainTable(back), toPlainTable(table), `undo of ${op.kind}`);
  return after;
}

test("setCells: numbers, missing, a new level, and an invalid (text) cell that is not missing", () => {
  const t = base();
  const after = roundTrip(t, {
    kind: "setCells",
    cells: [
      { row: 1, col: 2, text: "3,25" },
      { row: 0, col: 2, text: "n/a" },
      { row: 2, col: 1, text: "zz" },
      { row: 3, col: 1, text: null },
    ],
  });
  assert.deepEqual(texts(after)[2], ["n/a", "3.25", "2", "-1"]);
  const x = after.columns[2]!;
  assert.equal(x.kind === "number" && x.invalid?.[0], "n/a");
  assert.ok(x.kind === "number" && Number.isNaN(x.values[0]!));
  const g = after.columns[1]!;
  assert.deepEqual(g.kind === "categorical" && g.levels, ["a", "b", "c", "zz"]);
  assert.deepEqual(texts(after)[1], ["a", "b", "zz", null]);
  assert.deepEqual(texts(t)[2], ["1.5", null, "2", "-1"], "the input table is untouched");
});

test("rows: insert (empty or filled) and delete, with invalid cells moving with their rows", () => {
  const withText = applyEdit(base(), { kind: "setCells", cells: [{ row: 3, col: 2, text: "oops" }] }).table;
  const ins = roundTrip(withText, { kind: "insertRows", at: 1, count: 2 });
  assert.equal(ins.nrow, 6);
  assert.deepEqual(texts(ins)[2], ["1.5", null, null, null, "2", "oops"]);
  const filled = roundTrip(withText, { kind: "insertRows", at: 4, count: 1, cells: [["5"], ["b"], ["7"]] });
  assert.deepEqual(texts(filled)[0], ["1", "2", "3", "4", "5"]);
  const del = roundTrip(withText, { kind: "deleteRows", at: 0, count: 2 });
  assert.deepEqual(texts(del), [["3", "4"], ["a", "c"], ["2", "oops"]]);
});

test("columns: insert, delete, rename, move; names must be unique and non-empty", () => {
  const t = base();
  const ins = roundTrip(t, { kind: "insertColumn", at: 1, column: { kind: "number", name: "y", values: [1, 2, null, 4] } });
  assert.deepEqual(ins.columns.map((c) => c.name), ["id", "y", "g", "x"]);
  roundTrip(t, { kind: "deleteColumn", col: 1 });
  const ren = roundTrip(t, { kind: "renameColumn", col: 2, name: "rt" });
  assert.equal(ren.columns[2]!.name, "rt");
  const mv = roundTrip(t, { kind: "moveColumn", from: 0, to: 2 });
  assert.deepEqual(mv.columns.map((c) => c.name), ["g", "x", "id"]);
  assert.throws(() => applyEdit(t, { kind: "renameColumn", col: 0, name: "g" }), /already a column called 'g'/);
  assert.throws(() => applyEdit(t, { kind: "renameColumn", col: 0, name: " " }), MixwellError);
});

test("setType: number → categorical (numeric level order) and back; text levels become invalid cells", () => {
  const t = parseCsv("s,v\n10,x\n2,1.5\n1,2\nNA,NA\n");
  const cat = roundTrip(t, { kind: "setType", col: 0, type: "categorical" });
  const s = cat.columns[0]!;
  assert.deepEqual(s.kind === "categorical" && s.levels, ["1", "2", "10"]);
  const num = roundTrip(t, { kind: "setType", col: 1, type: "number" });
  const v = num.columns[1]!;
  assert.equal(v.kind, "number");
  assert.deepEqual(texts(num)[1], ["x", "1.5", "2", null]);
  assert.deepEqual(v.kind === "number" && v.invalid, { 0: "x" });
});

test("setLevels reorders levels (baseline first) and refuses to drop a level in use", () => {
  const t = base();
  const re = roundTrip(t, { kind: "setLevels", col: 1, levels: ["c", "a", "b"] });
  const g = re.columns[1]!;
  assert.deepEqual(g.kind === "categorical" && [g.levels, Array.from(g.codes)], [["c", "a", "b"], [1, 2, 1, 0]]);
  assert.deepEqual(texts(re)[1], texts(t)[1]);
  assert.throws(() => applyEdit(t, { kind: "setLevels", col: 1, levels: ["a", "b"] }), /Level 'c' of 'g' is used in row 4/);
});

test("batch: a paste that adds rows undoes as one step", () => {
  const t = base();
  const after = roundTrip(t, {
    kind: "batch",
    ops: [
      { kind: "insertRows", at: 4, count: 1 },
      { kind: "setCells", cells: [{ row: 4, col: 0, text: "5" }, { row: 4, col: 1, text: "d" }] },
    ],
  });
  assert.equal(after.nrow, 5);
});

test("UndoHistory: undo then redo, a new step clears redo", () => {
  const h = new UndoHistory();
  const op: EditOp = { kind: "renameColumn", col: 0, name: "a" };
  h.record({ label: "Rename", redo: op, undo: { kind: "renameColumn", col: 0, name: "b" } });
  assert.equal(h.takeUndo()?.label, "Rename");
  assert.equal(h.takeUndo(), undefined);
  assert.equal(h.nextRedo?.label, "Rename");
  assert.equal(h.takeRedo()?.label, "Rename");
  h.takeUndo();
  h.record({ label: "Other", redo: op, undo: op });
  assert.equal(h.nextRedo, undefined);
});
