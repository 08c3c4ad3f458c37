/**
 * Issue 22: import files that are damaged or crafted give a table or a MixwellError, quickly and
 * in bounded memory: a far xlsx cell, damaged .sav counts, "constructor" cells, mixed line
 * endings, and seeded byte mutations of CSV, xlsx and .sav samples.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { cellText, parseCsv } from "../../../app/data";
import { importTable, previewImport } from "../../../app/data/import";
import { readXlsxRows } from "../../../app/data/import/xlsx";
import { MixwellError } from "../../../app/errors";
import { writeSav, type SavVar } from "./sav-writer";

const FUZZ_RUNS = Math.min(Number(process.env.MIXWELL_FUZZ_RUNS ?? 150), 5000);
const SEED = Number(process.env.MIXWELL_FUZZ_SEED ?? 22);

async function xlsx(cells: Record<string, string | number>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  for (const [at, value] of Object.entries(cells)) ws.getCell(at).value = value;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function tableOrMixwellError(name: string, bytes: Uint8Array): Promise<void> {
  try {
    await importTable(name, bytes);
    await previewImport(name, bytes);
  } catch (err) {
    if (!(err instanceof MixwellError)) throw new Error(`${name}: ${String(err)}`);
  }
}

test("an xlsx cell at XFD1048576 costs one row, not a million (small file, bounded memory)", async () => {
  const bytes = await xlsx({ A1: "y", B1: "x", A2: 1, B2: 2, XFD1048576: 5 });
  assert.ok(bytes.length < 10_000);
  const before = process.memoryUsage().rss;
  const { rows } = await readXlsxRows(bytes);
  assert.equal(rows.length, 3);
  assert.equal(rows[2]!.length, 16384);
  assert.ok(process.memoryUsage().rss - before < 500e6);
  // The stray cell's row is longer than the header: a plain message, not a crash.
  await assert.rejects(importTable("far.xlsx", bytes), /Row 3 of the file has 16384 values/);
});

test("an xlsx sheet spanning more than the cell limit is refused naming the limit", async () => {
  const cells: Record<string, number> = { XFD1: 1 };
  for (let r = 1; r <= 1300; r++) cells[`A${r}`] = r;
  await assert.rejects(importTable("wide.xlsx", await xlsx(cells)), (err: unknown) => err instanceof MixwellError && /up to 20,000,000 cells/.test(err.message));
});

const savVars: SavVar[] = [
  { name: "id", width: 12, values: ["p-001", "p-002 long", "", "p-004"] },
  { name: "condition", width: 0, values: [1, 2, 1, 3], labels: [[2, "Treatment"], [1, "Control"]] },
  { name: "rt", width: 0, values: [512.25, -99, null, 1e6 + 0.5], missing: [-99] },
];

test("a .sav with negative or impossible counts gives a MixwellError", async () => {
  const good = writeSav(savVars, false);
  // Every aligned int32 of the dictionary set to -1, -2^31 and 2^31-1 in turn.
  const header = 176;
  for (let at = header; at < Math.min(good.length - 4, 1200); at += 4) {
    for (const v of [-1, -2147483648, 2147483647, -7]) {
      const bytes = good.slice();
      new DataView(bytes.buffer).setInt32(at, v, true);
      await tableOrMixwellError("damaged.sav", bytes);
    }
  }
});

test("cells 'constructor' and 'toString' are text, as in R (read.csv(text = 'y,x\\n1,constructor\\n2,toString')$x)", () => {
  const table = parseCsv("y,x\n1,constructor\n2,toString\n");
  assert.equal(table.columns[1]!.kind, "categorical");
  assert.deepEqual([cellText(table.columns[1]!, 0), cellText(table.columns[1]!, 1)], ["constructor", "toString"]);
  const typed = parseCsv("constructor,toString\n1,2\n", { types: {} });
  assert.deepEqual(typed.columns.map((c) => c.kind), ["number", "number"]);
});

test("mixed \\r\\n, \\r and \\n line endings are read as R reads them (read.csv: 3 rows, y = 1 2 3)", () => {
  const table = parseCsv("y,x\r\n1,2\n2,3\r3,4\n");
  assert.equal(table.nrow, 3);
  assert.deepEqual([0, 1, 2].map((i) => cellText(table.columns[0]!, i)), ["1", "2", "3"]);
});

test("the preview parses only a prefix of a large CSV", async () => {
  const lines = ["y,x"];
  for (let i = 0; i < 300_000; i++) lines.push(`${i},${i % 7}`);
  // A NUL byte at the very end: only a reader of the whole file sees it.
  lines.push("oops,\u0000");
  const bytes = new TextEncoder().encode(lines.join("\n"));
  const preview = await previewImport("big.csv", bytes);
  assert.equal(preview.complete, false);
  assert.equal(preview.problem, null);
  await assert.rejects(importTable("big.csv", bytes), MixwellError);
});

function mutate(bytes: Uint8Array, edits: [number, number, number][]): Uint8Array {
  let b = bytes.slice();
  for (const [at, value, kind] of edits) {
    const i = at % Math.max(1, b.length);
    if (kind === 0) b[i] = value;
    else if (kind === 1) b = b.slice(0, i);
    else b = new Uint8Array([...b.subarray(0, i), ...b.subarray(i, i + (value % 64)), ...b.subarray(i)]);
  }
  return b;
}

const edits = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 6 });

test("seeded byte mutations of CSV, xlsx and .sav samples give a table or a MixwellError", async () => {
  const csv = readFileSync(new URL("../../fixtures/reference/data/sleepstudy.csv", import.meta.url));
  const samples: [string, Uint8Array][] = [
    ["m.csv", new Uint8Array(csv.subarray(0, 2000))],
    ["m.xlsx", await xlsx({ A1: "y", B1: "g", A2: 1.5, B2: "a", A3: 2, B3: "b" })],
    ["m.sav", writeSav(savVars, true)],
    ["m.sav", writeSav(savVars, false)],
  ];
  for (const [name, sample] of samples) {
    await fc.assert(
      fc.asyncProperty(edits, async (e) => tableOrMixwellError(name, mutate(sample, e))),
      { seed: SEED, numRuns: FUZZ_RUNS },
    );
  }
});
