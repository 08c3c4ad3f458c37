/**
 * The byte CSV reader (app/data/csv/read-csv-bytes.ts) gives exactly what the papaparse path gives
 * (readCsv of the decoded text), table and error alike, on random files mixing quoting, line
 * ends, blank lines, missing codes, padded cells, decimal commas, text among numbers and user
 * types; and it does read the ordinary files itself (not always declining to the old path).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { readCsv, decodeText, type CsvOptions } from "../../../app/data/csv";
import { readCsvBytes } from "../../../app/data/csv/read-csv-bytes";
import { parseNumberBytes } from "../../../app/data/csv/number-bytes";
import { parseNumberCell } from "../../../app/data/csv/infer-columns";
import { MixwellError } from "../../../app/errors";

const CELLS = [
  "1", "-2.5", "1e3", "1.", ".5", "+.5", "1e", "1E-05", "Inf", "-Inf", "NaN", "NA", "", " 3 ", " NA", "007", "-0",
  "a", "b b", "A", '"q"', '"a,b"', '"x""y"', '"1.5"', '""', "1,5", "12345678901234567890", "0.1", "1.50", "é", "3;4", "x\ty",
  "123456789012345.6", "9007199254740993", "1e400", "-1e-400", "0.30000000000000004",
];

const encoder = new TextEncoder();

function outcome(run: () => ReturnType<typeof readCsv>): unknown {
  try {
    const r = run();
    return { table: r.table, delimiter: r.delimiter, decimal: r.decimal };
  } catch (err) {
    if (err instanceof MixwellError) return { error: err.message };
    throw err;
  }
}

const file = fc.record({
  rows: fc.array(fc.array(fc.constantFrom(...CELLS), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
  width: fc.integer({ min: 1, max: 4 }),
  ragged: fc.boolean(),
  delimiter: fc.constantFrom(",", ";", "\t"),
  eol: fc.constantFrom("\n", "\r\n", "\r"),
  trailing: fc.boolean(),
  bom: fc.boolean(),
  blank: fc.integer({ min: -1, max: 5 }),
  header: fc.boolean(),
  typed: fc.constantFrom("none", "categorical", "number", "missing"),
});

test("the byte reader and the papaparse path read random files identically", () => {
  fc.assert(
    fc.property(file, (f) => {
      const names = Array.from({ length: f.width }, (_, j) => `c${j + 1}`);
      const body = f.rows.map((r) => (f.ragged ? r : Array.from({ length: f.width }, (_, j) => r[j % r.length]!)).join(f.delimiter));
      const lines = [names.join(f.delimiter), ...body];
      if (f.blank >= 0) lines.splice(Math.min(f.blank, lines.length), 0, "");
      const text = lines.join(f.eol) + (f.trailing ? f.eol : "");
      const bytes = encoder.encode((f.bom ? "\ufeff" : "") + text);
      const options: CsvOptions = {
        header: f.header,
        ...(f.typed === "categorical" ? { categorical: [f.header ? "c1" : "V1"] } : {}),
        ...(f.typed === "number" ? { types: { [f.header ? "c1" : "V1"]: "number" as const } } : {}),
        ...(f.typed === "missing" ? { missing: ["NA", "", "-0"] } : {}),
      };
      assert.deepEqual(outcome(() => readCsv(bytes, options)), outcome(() => readCsv(text, options)));
    }),
    { numRuns: 400 },
  );
});

test("a Latin-1 file: same table as decoding it whole, and the encoding is reported", () => {
  const bytes = Uint8Array.from([...encoder.encode("g,y\n"), 0x63, 0x61, 0x66, 0xe9, ...encoder.encode(",1\nb,2\n")]);
  const read = readCsv(bytes);
  assert.equal(read.encoding, "latin-1");
  assert.deepEqual(read.table, readCsv(decodeText(bytes).text).table);
  assert.ok(read.warnings.some((w) => w.includes("Latin-1")));
});

test("ordinary files are read by the byte reader itself, quoted cells included", () => {
  const bytes = encoder.encode('y,g,x\n1.5,"a",2\n2,"b ""c""",NA\n3,a,4\n');
  const read = readCsvBytes(bytes, {}, ",", ".");
  assert.ok(read, "the byte reader declined a plain file");
  assert.deepEqual(read.table, readCsv(new TextDecoder().decode(bytes)).table);
  // It declines what it does not follow, so the old path reports it.
  assert.equal(readCsvBytes(encoder.encode('y,g\n1,"open\n'), {}, ",", "."), null);
  assert.throws(() => readCsv(encoder.encode('y,g\n1,"open\n')), /never closed/);
});

test("numbers from bytes equal Number() of the text, beyond the exact fast path too", () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true }), fc.constantFrom("g", "e", "f"), (x, style) => {
      const text = style === "e" ? x.toExponential(Math.min(20, Math.abs(Math.round(x)) % 21)) : style === "f" && Math.abs(x) < 1e21 ? x.toFixed(6) : String(x);
      const bytes = encoder.encode(text);
      assert.equal(Object.is(parseNumberBytes(bytes, 0, bytes.length, 0x2e), parseNumberCell(text)), true, text);
    }),
    { numRuns: 3000 },
  );
});
