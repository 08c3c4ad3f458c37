import { test } from "node:test";
import assert from "node:assert/strict";
import { applyEdit, assertNoInvalidCells, columnsNamedIn, fromPlainTable, parseCsv, toPlainTable } from "../../../app/data";

const table = applyEdit(parseCsv("rt,rt2,g\n1,2,a\n3,4,b\n"), {
  kind: "setCells",
  cells: [
    { row: 1, col: 0, text: "n/a" },
    { row: 0, col: 0, text: "x" },
  ],
}).table;

test("a fit refuses invalid cells in the columns it uses, naming column, row and text", () => {
  assert.throws(() => assertNoInvalidCells(table), /Column 'rt' has text in row 1: 'x' \(and 1 more cell\)/);
  assert.doesNotThrow(() => assertNoInvalidCells(table, ["rt2", "g"]));
  assert.deepEqual(columnsNamedIn(table, "rt2 ~ g + (1 | g)"), ["rt2", "g"]);
  assert.deepEqual(columnsNamedIn(table, "log(rt) ~ g"), ["rt", "g"]);
});

test("snapshots keep invalid cells, types and level order", () => {
  const releveled = applyEdit(table, { kind: "setLevels", col: 2, levels: ["b", "a"] }).table;
  const plain = JSON.parse(JSON.stringify(toPlainTable(releveled)));
  assert.deepEqual(toPlainTable(fromPlainTable(plain)), toPlainTable(releveled));
});
