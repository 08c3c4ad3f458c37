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

test("wire tables: numbers as Float64Array with NaN for missing, codes as Int32Array; they round-trip", () => {
  const table = parseCsv("x,g\n1.5,a\nNA,b\n3,NA\n");
  const wire = toWireTable(table);
  const x = wire.columns[0]!;
  assert.equal(x.kind, "number");
  assert.ok(x.kind === "number" && x.values instanceof Float64Array);
  assert.deepEqual(x.kind === "number" && Array.from(x.values), [1.5, NaN, 3]);
  const g = wire.columns[1]!;
  assert.ok(g.kind === "categorical" && g.codes instanceof Int32Array);
  assert.deepEqual(g.kind === "categorical" && [Array.from(g.codes), g.levels], [[0, 1, -1], ["a", "b"]]);
  const back = fromWireTable(structuredClone(wire));
  assert.deepEqual(Array.from((back.columns[0] as { values: Float64Array }).values), [1.5, NaN, 3]);
  assert.deepEqual(Array.from((back.columns[1] as { codes: Int32Array }).codes), [0, 1, -1]);
  assert.deepEqual(back.columns.map((c) => c.name), ["x", "g"]);
});

test("a wire table that arrives malformed is refused, naming the column and what is wrong", () => {
  const ok = toWireTable(parseCsv("x,g\n1.5,a\nNA,b\n3,NA\n"));
  const refused = (change: (t: { nrow: number; columns: Record<string, unknown>[] }) => void, pattern: RegExp) => {
    const t = { nrow: ok.nrow, columns: ok.columns.map((c) => ({ ...c }) as Record<string, unknown>) };
    change(t);
    assert.throws(() => fromWireTable(t), (e: unknown) => e instanceof InvalidRequestError && pattern.test(e.message));
  };
  refused((t) => (t.columns[0]!.values = [1.5, null, 3]), /columns\[0\]\.values must be a Float64Array/);
  refused((t) => (t.columns[0]!.values = new Float64Array(2)), /columns\[0\]\.values has 2 values but the table has 3 rows/);
  refused((t) => (t.columns[1]!.codes = new Int32Array([0, 2, -1])), /columns\[1\]\.codes\[1\] is 2, not a level \(there are 2\)/);
  refused((t) => (t.columns[1]!.codes = [0, 1, -1]), /columns\[1\]\.codes must be an Int32Array/);
  refused((t) => (t.columns[0]!.invalid = { 3: "n/a" }), /columns\[0\]\.invalid\.3 is not a row of the table/);
  refused((t) => (t.columns[0]!.kind = "text"), /columns\[0\]\.kind must be one of number, categorical/);
  refused((t) => (t.nrow = -1), /table\.nrow must be a whole number/);
  assert.equal(fromWireTable(ok).nrow, 3);
});
