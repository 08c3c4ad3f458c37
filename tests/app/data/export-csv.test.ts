import { test } from "node:test";
import assert from "node:assert/strict";
import { applyEdit, parseCsv, tableToCsv, toPlainTable } from "../../../app/data";

test("export: header, quoting, NA for missing; it reads back to the same table", () => {
  const t = parseCsv('name,x,g\n"a, b",1.5,u\n"say ""hi""",NA,v\nc,0.1,NA\n');
  const csv = tableToCsv(t);
  assert.equal(csv, 'name,x,g\n"a, b",1.5,u\n"say ""hi""",NA,v\nc,0.1,NA\n');
  assert.deepEqual(toPlainTable(parseCsv(csv)), toPlainTable(t));
});

test("export keeps the text of invalid cells", () => {
  const t = applyEdit(parseCsv("x\n1\n2\n"), { kind: "setCells", cells: [{ row: 1, col: 0, text: "n/a" }] }).table;
  assert.equal(tableToCsv(t), "x\n1\nn/a\n");
});
