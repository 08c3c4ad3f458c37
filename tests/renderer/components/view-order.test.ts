import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv, type DataTable } from "../../../app/data";
import { viewOrder } from "../../../renderer/src/components/DataGrid/view-order";

// rt has a missing cell (row 2) and text in a number column (row 4, an invalid cell).
function table(): DataTable {
  const t = parseCsv("subject,rt\ns2,4.5\ns1,1.5\nNA,NA\ns1,2.25\ns3,3.75\ns2,1.5\n", { categorical: ["subject"] });
  const rt = t.columns[1]!;
  assert.ok(rt.kind === "number");
  const values = Float64Array.from(rt.values);
  values[4] = NaN;
  return { ...t, columns: [t.columns[0]!, { ...rt, values, invalid: { 4: "n/a" } }] };
}

const rows = (order: Int32Array | null) => (order ? Array.from(order) : null);

test("no sort and no filter: stored order, without an array", () => {
  assert.equal(viewOrder(table(), [], []), null);
});

test("numbers ascending: missing first, then text, then values; ties in stored order", () => {
  assert.deepEqual(rows(viewOrder(table(), [{ col: 1, sort: "asc" }], [])), [2, 4, 1, 5, 3, 0]);
});

test("descending reverses the keys but keeps ties in stored order", () => {
  assert.deepEqual(rows(viewOrder(table(), [{ col: 1, sort: "desc" }], [])), [0, 3, 1, 5, 4, 2]);
});

test("categories sort by level text, not by code; a second key breaks ties", () => {
  // Levels in first-seen order are s2, s1, s3: the sort is by text, s1 < s2 < s3.
  assert.deepEqual(rows(viewOrder(table(), [{ col: 0, sort: "asc" }], [])), [2, 1, 3, 0, 5, 4]);
  assert.deepEqual(rows(viewOrder(table(), [{ col: 0, sort: "asc" }, { col: 1, sort: "desc" }], [])), [2, 3, 1, 0, 5, 4]);
});

test("number filters: one condition, AND/OR of two, blank; text counts as blank", () => {
  const at = (model: object) => rows(viewOrder(table(), [], [{ col: 1, model }]));
  assert.deepEqual(at({ filterType: "number", type: "greaterThan", filter: 2 }), [0, 3]);
  assert.deepEqual(at({ filterType: "number", type: "equals", filter: 1.5 }), [1, 5]);
  assert.deepEqual(at({ filterType: "number", type: "inRange", filter: 1.5, filterTo: 4.5 }), [3]);
  assert.deepEqual(at({ filterType: "number", type: "blank" }), [2, 4]);
  assert.deepEqual(at({ filterType: "number", type: "notEqual", filter: 1.5 }), [0, 2, 3, 4]);
  assert.deepEqual(
    at({ filterType: "number", operator: "OR", conditions: [{ type: "lessThan", filter: 2 }, { type: "greaterThanOrEqual", filter: 4 }] }),
    [0, 1, 5],
  );
  assert.deepEqual(
    at({ filterType: "number", operator: "AND", conditions: [{ type: "greaterThan", filter: 1 }, { type: "lessThan", filter: 3 }] }),
    [1, 3, 5],
  );
  // A condition with nothing typed yet keeps every row.
  assert.deepEqual(at({ filterType: "number", type: "equals", filter: null }), [0, 1, 2, 3, 4, 5]);
});

test("text filters on a categorical column ignore case; filter and sort together", () => {
  const at = (model: object) => rows(viewOrder(table(), [], [{ col: 0, model }]));
  assert.deepEqual(at({ filterType: "text", type: "equals", filter: "S1" }), [1, 3]);
  assert.deepEqual(at({ filterType: "text", type: "contains", filter: "2" }), [0, 5]);
  assert.deepEqual(at({ filterType: "text", type: "notEqual", filter: "s1" }), [0, 2, 4, 5]);
  assert.deepEqual(at({ filterType: "text", type: "blank" }), [2]);
  const both = viewOrder(table(), [{ col: 1, sort: "desc" }], [{ col: 0, model: { filterType: "text", type: "startsWith", filter: "s" } }]);
  assert.deepEqual(rows(both), [0, 3, 1, 5, 4]);
});

test("a million rows sort without per-row objects", () => {
  const n = 1_000_000;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = (i * 7919) % 1000;
  const big: DataTable = { nrow: n, columns: [{ kind: "number", name: "x", values }] };
  const order = viewOrder(big, [{ col: 0, sort: "asc" }], [])!;
  assert.equal(order.length, n);
  for (let k = 1; k < n; k++) assert.ok(values[order[k - 1]!]! <= values[order[k]!]!);
});
