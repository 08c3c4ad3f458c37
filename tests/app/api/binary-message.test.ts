import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeMessage, encodeMessage, fromWireTable, isBinaryMessage, toWireTable, type ServerMessage } from "../../../app/api";
import { parseCsv } from "../../../app/data";

const csv = "rt,subject,ok\n1.5,s1,1\nNA,s2,0\n-2.25e-3,s1,NA\n";

function importedReply(): ServerMessage {
  const table = toWireTable(parseCsv(csv, { categorical: ["subject"] }));
  const value = { tableId: "t1", fileName: "rt.csv", encoding: "utf-8", warnings: ["a note"], table, version: 0, missing: ["NA"] };
  return { type: "result", requestId: "r1", result: { ok: true, value } };
}

test("a reply without typed arrays stays JSON text", () => {
  const progress: ServerMessage = { type: "progress", event: { requestId: "r1", fraction: 0.5, message: "Reading…" } };
  const text = encodeMessage(progress);
  assert.equal(typeof text, "string");
  assert.deepEqual(JSON.parse(text as string), progress);
});

test("a reply with a table becomes one binary frame; decoding gives the same numbers, codes and fields", () => {
  const reply = importedReply();
  const frame = encodeMessage(reply);
  assert.ok(frame instanceof Uint8Array && isBinaryMessage(frame));
  const back = decodeMessage(frame) as Extract<ServerMessage, { type: "result" }>;
  assert.equal(back.requestId, "r1");
  assert.ok(back.result.ok);
  const value = back.result.value as { fileName: string; warnings: string[]; table: unknown; missing: string[] };
  assert.deepEqual([value.fileName, value.warnings, value.missing], ["rt.csv", ["a note"], ["NA"]]);
  const table = fromWireTable(value.table);
  assert.equal(table.nrow, 3);
  const [rt, subject, ok] = table.columns;
  assert.ok(rt?.kind === "number" && rt.values instanceof Float64Array);
  assert.deepEqual(Array.from(rt.values), [1.5, NaN, -2.25e-3]);
  assert.ok(subject?.kind === "categorical");
  assert.deepEqual([Array.from(subject.codes), subject.levels], [[0, 1, 0], ["s1", "s2"]]);
  assert.ok(ok?.kind === "number");
  assert.deepEqual(Array.from(ok.values), [1, 0, NaN]);
  // The encoder did not change the reply it was given.
  const original = (reply as Extract<ServerMessage, { type: "result" }>).result;
  assert.ok(original.ok && (original.value as { table: { columns: { values?: unknown }[] } }).table.columns[0]!.values instanceof Float64Array);
});

test("arrays of every length and alignment survive, also from an unaligned Node buffer", () => {
  const message = {
    a: [new Float64Array([Math.PI, -0, Infinity]), new Int32Array([7]), new Float64Array(0)],
    b: { c: new Int32Array([-1, 2 ** 31 - 1, -(2 ** 31)]) },
    s: "é ✓",
    // A file's bytes (an odd length, so the next array must be realigned).
    bytes: new Uint8Array([0, 255, 10, 44, 7]),
    after: new Float64Array([2.5]),
  };
  const frame = encodeMessage(message) as Uint8Array;
  const unaligned = Buffer.alloc(frame.byteLength + 3);
  unaligned.set(frame, 3);
  for (const input of [frame, unaligned.subarray(3), frame.buffer.slice(0) as ArrayBuffer]) {
    const back = decodeMessage(input) as typeof message;
    assert.deepEqual(Array.from(back.a[0]!), [Math.PI, -0, Infinity]);
    assert.ok(Object.is(back.a[0]![1], -0));
    assert.deepEqual(Array.from(back.a[1]!), [7]);
    assert.equal(back.a[2]!.length, 0);
    assert.deepEqual(Array.from(back.b.c), [-1, 2 ** 31 - 1, -(2 ** 31)]);
    assert.equal(back.s, "é ✓");
    assert.ok(back.bytes instanceof Uint8Array);
    assert.deepEqual(Array.from(back.bytes), [0, 255, 10, 44, 7]);
    assert.deepEqual(Array.from(back.after), [2.5]);
  }
  // A Node Buffer is not sent as bytes (the other end would make a plain Uint8Array of it).
  assert.throws(() => encodeMessage({ b: Buffer.from("x") }), /Only Float64Array, Int32Array and Uint8Array/);
});

/** A frame with the given header (as the encoder lays it out) and `body` bytes after it. */
function frameWith(header: unknown, body = 16): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((8 + text.byteLength) / 8) * 8;
  const frame = new Uint8Array(start + body);
  new DataView(frame.buffer).setUint32(0, 0x3142584d, true);
  new DataView(frame.buffer).setUint32(4, text.byteLength, true);
  frame.set(text, 8);
  return frame;
}

test("malformed frames are refused with a reason, never read outside the frame or into prototypes", () => {
  const start = (h: unknown) => Math.ceil((8 + new TextEncoder().encode(JSON.stringify(h)).byteLength) / 8) * 8;
  const entry = (e: Record<string, unknown>) => {
    const h = { message: { x: null }, arrays: [{ path: ["x"], type: "f64", offset: 0, length: 2, ...e }] };
    h.arrays[0]!.offset = (e.offset as number | undefined) ?? start(h) + 64; // a valid offset after the header
    return h;
  };
  const refused = (frame: Uint8Array, pattern: RegExp) => assert.throws(() => decodeMessage(frame), pattern);
  refused(new TextEncoder().encode("{}"), /Not a Mixwell binary message/);
  const truncated = frameWith({ message: null, arrays: [] });
  refused(truncated.subarray(0, 12), /header runs past its end/);
  const past = entry({ length: 100 });
  refused(frameWith(past, 16), /runs past the end/);
  refused(frameWith(entry({ offset: 4 }), 128), /bad offset or length/);
  refused(frameWith(entry({ type: "u16" }), 128), /unknown type 'u16'/);
  refused(frameWith(entry({ path: ["__proto__", "polluted"] }), 128), /bad path/);
  refused(frameWith(entry({ path: ["y"] }), 128), /does not lead to its place/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const good = frameWith(entry({}), 128);
  assert.deepEqual(Array.from((decodeMessage(good) as { x: Float64Array }).x), [0, 0]);
});
