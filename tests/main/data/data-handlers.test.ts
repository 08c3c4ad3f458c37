import { test, after } from "node:test";
import assert from "node:assert/strict";
import { ApiDispatcher, createHandlers, TableStore } from "../../../main/api";
import { WorkerPool } from "../../../main/workers";
import { previewBytes } from "../../../main/data/preview-bytes";
import type { ApiMethod, ApiRequest, ApiResult, ApiResponse } from "../../../app/api";

const pool = new WorkerPool({ size: 1 });
const dispatcher = new ApiDispatcher(createHandlers({ mode: "browser", pool, tables: new TableStore(), quit: () => {} }));
after(() => pool.close());

let n = 0;
async function call<M extends ApiMethod>(method: M, payload: ApiRequest<M>): Promise<ApiResult<ApiResponse<M>>> {
  const r = await dispatcher.dispatch({ requestId: `r${n++}`, method, payload }, () => {});
  return r.result as ApiResult<ApiResponse<M>>;
}
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const european = "subject;rt;cond\ns1;1,5;a\ns2;-99;b\ns3;2,25;a\n";

test("previewImport detects the semicolon, the decimal comma and the column types", async () => {
  const r = await call("previewImport", { fileName: "rt.csv", contentBase64: b64(european) });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.delimiter, ";");
  assert.equal(r.value.decimal, ",");
  assert.deepEqual(r.value.columns, [
    { name: "subject", type: "categorical" },
    { name: "rt", type: "number" },
    { name: "cond", type: "categorical" },
  ]);
  assert.deepEqual(r.value.rows[1], ["s2", "-99", "b"]);
  // Changed options and the import itself refer to the uploaded file instead of sending it again.
  const again = await call("previewImport", { fileName: "rt.csv", uploadId: r.value.uploadId, options: { missing: ["-99"] } });
  assert.ok(again.ok);
  assert.deepEqual(again.value.rows[1], ["s2", null, "b"]);
  const imported = await call("importData", { fileName: "rt.csv", uploadId: r.value.uploadId, options: { missing: ["-99"] } });
  assert.ok(imported.ok);
  assert.equal(imported.value.table.nrow, 3);
  const gone = await call("importData", { fileName: "rt.csv", uploadId: "no-such-upload" });
  assert.match(!gone.ok ? gone.error.message : "", /no longer in memory/);
});

test("a large CSV is previewed from its start (the worker gets a few MB), with the same rows as from the whole file", async () => {
  const lines = ["id,x,g"];
  for (let i = 0, size = 0; size < 9 * 1024 * 1024; i++) size += lines[lines.push(`${i},${(i * 0.37).toFixed(2)},level${i % 7}`) - 1]!.length + 1;
  const bytes = new TextEncoder().encode(lines.join("\n") + "\n");
  const start = previewBytes("big.csv", bytes);
  assert.ok(start.length < 8 * 1024 * 1024 + 1 && start.length > 7 * 1024 * 1024 && start[start.length - 1] === 0x0a);
  assert.equal(previewBytes("big.xlsx", bytes), bytes, "not a CSV: the whole file goes");
  const r = await call("previewImport", { fileName: "big.csv", content: bytes });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.complete, false);
  const last = r.value.rows.length - 1;
  assert.ok(last >= 9);
  assert.deepEqual(r.value.rows[last], lines[last + 1]!.split(","));
  // A start with fewer rows than the preview shows (a quoted cell with a 8.5 MB line break): the whole file is read.
  const tall = new TextEncoder().encode(`a,b\n"${"x\n".repeat(4.25 * 1024 * 1024)}",1\n2,3\n`);
  const whole = await call("previewImport", { fileName: "tall.csv", content: tall });
  assert.ok(whole.ok, JSON.stringify(whole));
  assert.deepEqual(whole.value.rows.length, 2);
  assert.equal(whole.value.complete, true);
});

test("importData with a missing code, then edits reach the stored table (describe reads them)", async () => {
  const r = await call("importData", { fileName: "rt.csv", contentBase64: b64(european), options: { missing: ["NA", "", "-99"] } });
  assert.ok(r.ok, JSON.stringify(r));
  const wireRt = r.value.table.columns[1]!;
  assert.deepEqual([wireRt.kind, wireRt.name], ["number", "rt"]);
  assert.ok(wireRt.kind === "number" && wireRt.values instanceof Float64Array, "numbers travel as a Float64Array");
  assert.deepEqual(wireRt.kind === "number" && Array.from(wireRt.values), [1.5, NaN, 2.25]);
  assert.equal(r.value.version, 0);
  const { tableId } = r.value;
  const e = await call("editTable", { tableId, op: { kind: "setCells", cells: [{ row: 1, col: 1, text: "3" }] } });
  assert.deepEqual(e, { ok: true, value: { tableId, version: 1 } });
  const d = await call("describe", { tableId });
  assert.ok(d.ok);
  const rt = d.value.columns[1]!;
  assert.equal(rt.kind === "number" && rt.mean, (1.5 + 3 + 2.25) / 3);
  const bad = await call("editTable", { tableId, op: { kind: "deleteColumn", col: 9 } });
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.error.message : "", /no column 10/);
  const junk = await call("editTable", { tableId, op: { kind: "explode" } as never });
  assert.equal(junk.ok, false);
});

test("bad files: a clear message naming the problem and the row", async () => {
  const ragged = await call("importData", { fileName: "r.csv", contentBase64: b64("a,b\n1,2\n3\n") });
  assert.match(!ragged.ok ? ragged.error.message : "", /Could not import 'r\.csv': Row 3 of the file has 1 value, but the header has 2 columns/);
  const binary = await call("importData", { fileName: "x.csv", contentBase64: Buffer.from([0, 1, 2, 3, 255]).toString("base64") });
  assert.match(!binary.ok ? binary.error.message : "", /binary data/);
  const empty = await call("importData", { fileName: "e.csv", contentBase64: "" });
  assert.match(!empty.ok ? empty.error.message : "", /empty/);
  const line = await call("importData", { fileName: "l.csv", contentBase64: b64(Array.from({ length: 20000 }, (_, i) => `v${i}`).join(",")) });
  assert.match(!line.ok ? line.error.message : "", /Row 1 has 20000 values/);
});

test("loadTable stores a snapshot and answers a new tableId", async () => {
  const r = await call("loadTable", {
    fileName: "p.mixwell",
    missingCodes: ["NA"],
    table: { nrow: 2, columns: [{ kind: "categorical", name: "g", codes: [1, 0], levels: ["b", "a"] }] },
  });
  assert.ok(r.ok);
  const d = await call("describe", { tableId: r.value.tableId });
  assert.ok(d.ok);
});

test("a fit refuses a column with text in a number cell instead of dropping the row", async () => {
  const r = await call("importData", { fileName: "t.csv", contentBase64: b64("y,g\n1,a\n2,a\n3,b\n4,b\n5,c\n6,c\n") });
  assert.ok(r.ok);
  const { tableId } = r.value;
  await call("editTable", { tableId, op: { kind: "setCells", cells: [{ row: 2, col: 0, text: "oops" }] } });
  const fit = await call("fit", { tableId, spec: { formula: "y ~ 1 + (1 | g)" } });
  assert.match(!fit.ok ? fit.error.message : "", /Column 'y' has text in row 3: 'oops'/);
});
