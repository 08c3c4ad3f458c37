/**
 * Issue 22: an .xlsx that is a zip bomb (a small file whose sheet XML unzips to gigabytes) is
 * refused with a plain message naming the limit, quickly and in bounded memory, before exceljs
 * unzips anything. The bombs are built here: a real exceljs workbook whose sheet part is replaced
 * by a deflate stream of 2 GiB of zeros (made from one flushed 1 MiB segment repeated), wrapped in
 * a zip container written by this test — once with honest sizes, once with a lying header.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { constants, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { importTable, previewImport } from "../../../app/data/import";
import { readXlsxRows } from "../../../app/data/import/xlsx";
import { MAX_XLSX_UNZIPPED_BYTES, zipEntries } from "../../../app/data/import/zip-guard";
import { MixwellError } from "../../../app/errors";

interface Part {
  readonly name: string;
  readonly method: number;
  readonly data: Uint8Array;
  /** Uncompressed size written in the headers (true or not). */
  readonly size: number;
}

/**
 * A minimal zip: local headers and data, central directory, end record (CRCs left 0). With
 * zip64, the directory's sizes are 0xFFFFFFFF and the true ones sit in a zip64 extra field.
 */
function zip(parts: readonly Part[], zip64 = false): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(p.method, 10);
    c.writeUInt32LE(zip64 ? 0xffffffff : p.data.length, 20);
    c.writeUInt32LE(zip64 ? 0xffffffff : p.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    const extra = Buffer.alloc(zip64 ? 20 : 0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(p.size), 4);
      extra.writeBigUInt64LE(BigInt(p.data.length), 12);
      c.writeUInt16LE(extra.length, 30);
    }
    central.push(c, name, extra);
    chunks.push(local, name, Buffer.from(p.data));
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cd, end]));
}

/** A deflate stream of `mib` MiB of zeros: one fully flushed 1 MiB segment repeated, then a final empty block. */
function zerosDeflated(mib: number): Uint8Array {
  const segment = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  return new Uint8Array(Buffer.concat([...Array.from({ length: mib }, () => segment), last]));
}

/** The parts of a real one-sheet workbook, re-deflated, with the sheet XML replaced by `sheet`. */
async function workbookWithSheet(sheet: (real: Part) => Part, zip64 = false): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  ws.getCell("A1").value = "y";
  ws.getCell("A2").value = 1;
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const { inflateRawSync } = await import("node:zlib");
  const parts = zipEntries(bytes).map((e): Part => {
    const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    const data = e.method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    return { name: e.name, method: 8, data: deflateRawSync(data), size: data.length };
  });
  assert.ok(parts.some((p) => p.name === "xl/worksheets/sheet1.xml"));
  return zip(parts.map((p) => (p.name === "xl/worksheets/sheet1.xml" ? sheet(p) : p)), zip64);
}

async function refusedQuickly(bytes: Uint8Array, message: RegExp): Promise<void> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const started = performance.now();
  await assert.rejects(readXlsxRows(bytes), (err: unknown) => err instanceof MixwellError && message.test(err.message));
  const ms = performance.now() - started;
  const grew = process.memoryUsage().rss - before;
  assert.ok(ms < 1000, `refused after ${ms.toFixed(0)} ms`);
  assert.ok(grew < 200e6, `memory grew by ${(grew / 1e6).toFixed(0)} MB`);
  await assert.rejects(importTable("bomb.xlsx", bytes), MixwellError);
  await assert.rejects(previewImport("bomb.xlsx", bytes), MixwellError);
}

test("the rebuilt workbook without a bomb still reads (the container and parts are sound)", async () => {
  const bytes = await workbookWithSheet((real) => real);
  const { rows } = await readXlsxRows(bytes);
  assert.deepEqual(rows, [["y"], ["1"]]);
});

test("zip64 sizes are read: a sound zip64 workbook reads, a zip64 bomb is refused", async () => {
  const sound = await workbookWithSheet((real) => real, true);
  assert.deepEqual((await readXlsxRows(sound)).rows, [["y"], ["1"]]);
  const data = zerosDeflated(2048);
  await refusedQuickly(await workbookWithSheet((real) => ({ ...real, data, size: 2048 * 1024 * 1024 }), true), /1,000:1|up to 1 GiB unzipped/);
  await refusedQuickly(await workbookWithSheet((real) => ({ ...real, data, size: 4096 }), true), /unzips to more than the 4,096 bytes/);
});

test("a sheet declaring 2 GiB unzipped from 2 MB is refused naming the limit, within a second", async () => {
  const data = zerosDeflated(2048);
  const bytes = await workbookWithSheet((real) => ({ ...real, data, size: 2048 * 1024 * 1024 }));
  assert.ok(bytes.length < 4e6, `bomb is ${bytes.length} bytes`);
  await refusedQuickly(bytes, /1,000:1|up to 1 GiB unzipped/);
});

test("a sheet whose header lies (declares 4 KB, inflates to 2 GiB) is stopped at its declared size", async () => {
  const data = zerosDeflated(2048);
  const bytes = await workbookWithSheet((real) => ({ ...real, data, size: 4096 }));
  await refusedQuickly(bytes, /unzips to more than the 4,096 bytes its zip directory declares \(a zip bomb/);
});

test("declared parts totalling more than 1 GiB at a modest ratio are refused naming 1 GiB", async () => {
  // 3 parts each declaring 400 MiB from 1 MiB of (unread) data: ratio 400:1, total 1.2 GiB.
  const filler = new Uint8Array(1024 * 1024);
  const parts = [1, 2, 3].map((i): Part => ({ name: `xl/worksheets/sheet${i}.xml`, method: 8, data: filler, size: 400 * 1024 * 1024 }));
  assert.ok(3 * 400 * 1024 * 1024 > MAX_XLSX_UNZIPPED_BYTES);
  await refusedQuickly(zip(parts), /up to 1 GiB unzipped/);
});

test("malformed zip directories give a plain MixwellError", async () => {
  const good = await workbookWithSheet((real) => real);
  const cases: [string, Uint8Array][] = [
    ["no end record", good.subarray(0, good.length - 22)],
    ["directory cut short", (() => { const b = Buffer.from(good); b.writeUInt32LE(good.length, good.length - 6); return new Uint8Array(b); })()],
    ["method 99", zip([{ name: "a.xml", method: 99, data: new Uint8Array(10), size: 10 }])],
    ["stored sizes differ", zip([{ name: "a.xml", method: 0, data: new Uint8Array(10), size: 20 }])],
    ["garbage deflate", zip([{ name: "a.xml", method: 8, data: new Uint8Array([0xff, 0xff, 0xff, 0xff]), size: 10 }])],
  ];
  for (const [what, bytes] of cases) {
    await assert.rejects(readXlsxRows(bytes), (err: unknown) => err instanceof MixwellError && /damaged|not an Excel/.test(err.message), what);
  }
});
