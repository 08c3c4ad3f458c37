import { test } from "node:test";
import assert from "node:assert/strict";
import { parseEnvelope, requestValidators, toWireTable, fromWireTable, InvalidRequestError } from "../../../app/api";
import { parseCsv } from "../../../app/data";

test("a well-formed call passes and keeps only known fields", () => {
  const call = parseEnvelope({ requestId: "abc-1", method: "describe", payload: { tableId: "t1" } });
  assert.deepEqual(call, { requestId: "abc-1", method: "describe", payload: { tableId: "t1" } });
  const imp = parseEnvelope({
    requestId: "x",
    method: "importCsv",
    payload: { fileName: "a.csv", contentBase64: "YSxiCjEsMgo=", categorical: ["a"] },
  });
  assert.deepEqual(imp.payload, { fileName: "a.csv", contentBase64: "YSxiCjEsMgo=", categorical: ["a"] });
});

test("bad calls are refused with a message saying what is wrong", () => {
  const refused = (value: unknown, pattern: RegExp) =>
    assert.throws(() => parseEnvelope(value), (e: unknown) => e instanceof InvalidRequestError && pattern.test(e.message));
  refused(null, /call must be an object/);
  refused("describe", /call must be an object/);
  refused({ requestId: "r", method: "describe", payload: {} }, /payload.tableId must be a string/);
  refused({ requestId: "r", method: "describe", payload: { tableId: "../../etc" } }, /tableId has an unexpected form/);
  refused({ requestId: "r", method: "describe", payload: { tableId: "t", extra: 1 } }, /payload.extra is not allowed/);
  refused({ requestId: "r", method: "__proto__", payload: {} }, /unknown method/);
  refused({ requestId: "r", method: "toString", payload: {} }, /unknown method/);
  refused({ requestId: "r r", method: "appInfo", payload: {} }, /requestId has an unexpected form/);
  refused({ requestId: "r", method: "appInfo", payload: {}, sneaky: true }, /call.sneaky is not allowed/);
  refused({ requestId: "r", method: "importCsv", payload: { fileName: "a", contentBase64: "not base64!" } }, /contentBase64/);
  refused({ requestId: "r", method: "importCsv", payload: { fileName: "a", contentBase64: "", categorical: [1] } }, /categorical\[0\]/);
});

test("every API method has a validator", () => {
  // The mapped type makes a missing validator a compile error; here: the methods are registered at run time.
  const methods = ["appInfo", "cancel", "describe", "importCsv", "quit", "fit", "openProject", "saveProject", "exportReport", "writeRecovery"];
  for (const method of methods) assert.equal(typeof requestValidators[method as keyof typeof requestValidators], "function", method);
});

test("wire tables round-trip, with null for missing numbers", () => {
  const table = parseCsv("x,g\n1.5,a\nNA,b\n3,NA\n");
  const wire = toWireTable(table);
  assert.deepEqual(wire.columns[0], { kind: "number", name: "x", values: [1.5, null, 3] });
  assert.deepEqual(JSON.parse(JSON.stringify(wire)), wire);
  const back = fromWireTable(wire);
  assert.ok(Number.isNaN((back.columns[0] as { values: Float64Array }).values[1]!));
  assert.deepEqual(Array.from((back.columns[1] as { codes: Int32Array }).codes), [0, 1, -1]);
});
