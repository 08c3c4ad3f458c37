import { test } from "node:test";
import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import { cellText, toPlainTable } from "../../../app/data";
import { importTable, previewImport } from "../../../app/data/import";

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet("Notes");
  notes.addRow(["This sheet is not the data"]);
  const ws = wb.addWorksheet("Trials");
  ws.addRow(["subject", "rt", "when", "ok"]);
  ws.addRow(["s1", 0.1 + 0.2, new Date(Date.UTC(2024, 0, 31)), true]);
  ws.addRow(["s2", null, new Date(Date.UTC(2024, 1, 1)), false]);
  ws.addRow(["s3", { formula: "1+2", result: 3 }, null, true]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

test("xlsx: sheets listed, a chosen sheet read with exact numbers, dates and formula results", async () => {
  const bytes = await workbook();
  const preview = await previewImport("trials.xlsx", bytes, { sheet: "Trials" });
  assert.equal(preview.format, "xlsx");
  assert.deepEqual(preview.sheets, ["Notes", "Trials"]);
  assert.deepEqual(preview.columns.map((c) => `${c.name}:${c.type}`), ["subject:categorical", "rt:number", "when:categorical", "ok:categorical"]);
  const { table } = await importTable("trials.xlsx", bytes, { sheet: "Trials" });
  const rt = table.columns[1]!;
  assert.equal(rt.kind === "number" && rt.values[0], 0.1 + 0.2);
  assert.deepEqual([0, 1, 2].map((i) => cellText(rt, i)), [String(0.1 + 0.2), null, "3"]);
  assert.deepEqual([0, 1, 2].map((i) => cellText(table.columns[2]!, i)), ["2024-01-31", "2024-02-01", null]);
  await assert.rejects(importTable("trials.xlsx", bytes, { sheet: "Nope" }), /no sheet called 'Nope'. Its sheets: Notes, Trials/);
});

test("file kinds: a zip that is not xlsx, an .xlsx that is not a zip, old .xls", async () => {
  await assert.rejects(importTable("x.xlsx", new TextEncoder().encode("a,b\n1,2\n")), /not in that format/);
  await assert.rejects(importTable("x.xls", new TextEncoder().encode("a,b\n1,2\n")), /Old Excel files/);
  await assert.rejects(importTable("x.csv", new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])), /zip/);
});

test("CSV options: no header row (V1, V2), a type chosen as number keeps text as invalid cells", async () => {
  const bytes = new TextEncoder().encode("1,a\n2,b\nx,c\n");
  const { table } = await importTable("h.csv", bytes, { header: false, types: { V1: "number" } });
  assert.deepEqual(table.columns.map((c) => c.name), ["V1", "V2"]);
  assert.deepEqual(toPlainTable(table).columns[0], { kind: "number", name: "V1", values: [1, 2, null], invalid: { 2: "x" } });
});

test("Latin-1 fallback and a BOM", async () => {
  const latin = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x4a, 0xfc, 0x72, 0x67, 0x0a]); // name\nJürg\n
  const r = await importTable("l.csv", latin);
  assert.equal(cellText(r.table.columns[0]!, 0), "Jürg");
  assert.match(r.warnings.join(" "), /Latin-1/);
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("x\n1\n")]);
  assert.equal((await importTable("b.csv", bom)).table.columns[0]!.name, "x");
});

test("a preview of rows that are not a table yet shows them with the problem (so the user can change options)", async () => {
  const ragged = new TextEncoder().encode("a;b,c\n1;2,3\n4\n");
  const p = await previewImport("r.csv", ragged, { delimiter: ";" });
  assert.match(p.problem ?? "", /Row 3 of the file has 1 value/);
  assert.deepEqual(p.rows, [["1", "2,3"], ["4", null]]);
  const fixed = await previewImport("r.csv", ragged, { delimiter: ";", header: true, missing: ["NA", ""] });
  assert.ok(fixed.problem);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Notes").addRow(["only a title"]);
  wb.addWorksheet("Data").addRow(["x"]);
  wb.getWorksheet("Data")!.addRow([1]);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const first = await previewImport("w.xlsx", bytes);
  assert.match(first.problem ?? "", /header row but no data rows/);
  assert.deepEqual(first.sheets, ["Notes", "Data"]);
  assert.equal((await previewImport("w.xlsx", bytes, { sheet: "Data" })).problem, null);
});
