import { test } from "node:test";
import assert from "node:assert/strict";
import { parseEnvelope } from "../../../app/api";

const call = (method: string, payload: unknown) => () => parseEnvelope({ requestId: "r1", method, payload });

test("edit operations are validated on arrival, batches too", () => {
  const ok = parseEnvelope({
    requestId: "r1",
    method: "editTable",
    payload: { tableId: "t1", op: { kind: "batch", ops: [{ kind: "insertRows", at: 0, count: 1 }, { kind: "setCells", cells: [{ row: 0, col: 0, text: null }] }] } },
  });
  assert.equal(ok.method, "editTable");
  assert.throws(call("editTable", { tableId: "t1", op: { kind: "setCells", cells: [{ row: -1, col: 0, text: "x" }] } }), /row must be between/);
  assert.throws(call("editTable", { tableId: "t1", op: { kind: "batch", ops: [{ kind: "renameColumn", col: 0, name: 5 }] } }), /name must be a string/);
  assert.throws(call("editTable", { tableId: "t1", op: { kind: "setType", col: 0, type: "date" } }), /must be one of number, categorical/);
  assert.throws(call("editTable", { tableId: "t1", op: { kind: "moveColumn", from: 0, to: 1, extra: 1 } }), /extra is not allowed/);
});

test("import requests and snapshots are validated", () => {
  assert.throws(call("importData", { fileName: "a.csv", contentBase64: "QQ==", options: { delimiter: "x" } }), /delimiter must be one of/);
  assert.throws(call("importData", { fileName: "a.csv", uploadId: "../etc" }), /uploadId has an unexpected form/);
  assert.throws(
    call("loadTable", { fileName: "p", missingCodes: [], table: { nrow: 1, columns: [{ kind: "number", name: "x", values: [Infinity] }] } }),
    /must be a finite number or null/,
  );
  assert.throws(
    call("loadTable", { fileName: "p", missingCodes: [], table: { nrow: 1, columns: [{ kind: "categorical", name: "g", codes: [0] }] } }),
    /levels must be an array/,
  );
});
