/**
 * Zip-bomb guard for .xlsx files (issue 22), run before the bytes reach exceljs (whose unzipper
 * inflates whole entries into memory). The zip's central directory is read here: the
 * end-of-central-directory record (zip64 too), then each entry's method and compressed and
 * uncompressed sizes. A workbook is refused, with a plain message naming the limit, when
 *  - its structure is malformed (records outside the file, entries overlapping the directory,
 *    a stored entry whose sizes differ, a method other than stored/deflate, too many entries);
 *  - its declared uncompressed total exceeds MAX_XLSX_UNZIPPED_BYTES;
 *  - an entry over MIN_RATIO_CHECK_BYTES declares a compression ratio above MAX_XLSX_RATIO;
 *  - an entry inflates to more than it declares (a lying header): every deflated entry is
 *    inflated here in small chunks, counting and discarding the output, and stopped at once when
 *    it passes its declared size, so the check itself runs in bounded memory.
 */
import { createInflateRaw } from "node:zlib";
import { MixwellError } from "../../errors";

/** Largest total uncompressed size of all entries of a workbook (1 GiB). */
export const MAX_XLSX_UNZIPPED_BYTES = 1024 ** 3;
/** Largest uncompressed : compressed ratio of one entry larger than MIN_RATIO_CHECK_BYTES. */
export const MAX_XLSX_RATIO = 1000;
export const MIN_RATIO_CHECK_BYTES = 4 * 1024 ** 2;
/** Most entries (files) a workbook's zip may hold. */
export const MAX_XLSX_ENTRIES = 100_000;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset of the entry's compressed data in the file. */
  readonly dataOffset: number;
}

function damaged(detail: string): MixwellError {
  return new MixwellError(`This Excel file is damaged or is not an Excel workbook: ${detail}.`);
}

function mib(bytes: number): string {
  if (bytes < 1024 ** 2) return `${bytes.toLocaleString("en-US")} bytes`;
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toLocaleString("en-US", { maximumFractionDigits: 1 })} GiB` : `${(bytes / 1024 ** 2).toLocaleString("en-US", { maximumFractionDigits: 1 })} MiB`;
}

/** Reads the central directory and checks the declared sizes. Throws MixwellError. */
export function zipEntries(bytes: Uint8Array): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength;
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  const u64 = (at: number): number => {
    const v = view.getBigUint64(at, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged("a zip64 size is impossibly large");
    return Number(v);
  };

  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535 bytes.
  let eocd = -1;
  for (let at = n - 22; at >= Math.max(0, n - 22 - 0xffff); at--) {
    if (u32(at) === EOCD && at + 22 + u16(at + 20) === n) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw damaged("its zip directory was not found");
  let count = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(loc) !== ZIP64_LOCATOR) throw damaged("its zip64 directory was not found");
    const z = u64(loc + 8);
    if (z + 56 > n || u32(z) !== ZIP64_EOCD) throw damaged("its zip64 directory record lies outside the file");
    count = u64(z + 32);
    cdSize = u64(z + 40);
    cdOffset = u64(z + 48);
  }
  if (cdOffset + cdSize > n) throw damaged("its zip directory lies outside the file");
  if (count > MAX_XLSX_ENTRIES) throw new MixwellError(`This Excel file holds ${count.toLocaleString("en-US")} zipped parts; Mixwell reads workbooks of up to ${MAX_XLSX_ENTRIES.toLocaleString("en-US")}.`);
  if (count * 46 > cdSize) throw damaged("its zip directory is shorter than its entry count");

  const entries: ZipEntryInfo[] = [];
  let total = 0;
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cdOffset + cdSize || u32(at) !== CENTRAL) throw damaged(`zip directory entry ${i + 1} is malformed`);
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let uncompressedSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > cdOffset + cdSize) throw damaged(`zip directory entry ${i + 1} is malformed`);
    const name = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // Zip64 extended sizes: only the fields set to 0xFFFFFFFF are present, in this order.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      let e = at + 46 + nameLength;
      const extraEnd = e + extraLength;
      let found = false;
      while (e + 4 <= extraEnd) {
        const id = u16(e);
        const size = u16(e + 2);
        if (e + 4 + size > extraEnd) break;
        if (id === 0x0001) {
          let f = e + 4;
          const take = (): number => {
            if (f + 8 > e + 4 + size) throw damaged(`the zip64 sizes of '${name}' are malformed`);
            const v = u64(f);
            f += 8;
            return v;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = take();
          if (compressedSize === 0xffffffff) compressedSize = take();
          if (localOffset === 0xffffffff) localOffset = take();
          found = true;
          break;
        }
        e += 4 + size;
      }
      if (!found) throw damaged(`the zip64 sizes of '${name}' are missing`);
    }
    if (method !== 0 && method !== 8) throw damaged(`'${name}' uses zip compression method ${method}, not stored or deflate`);
    if (method === 0 && compressedSize !== uncompressedSize) throw damaged(`the stored part '${name}' declares two different sizes`);
    if (localOffset + 30 > cdOffset || u32(localOffset) !== LOCAL) throw damaged(`the part '${name}' does not start where the zip directory says`);
    const dataOffset = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (dataOffset + compressedSize > cdOffset) throw damaged(`the part '${name}' runs past the end of the zipped data`);
    if (uncompressedSize >= MIN_RATIO_CHECK_BYTES && uncompressedSize > MAX_XLSX_RATIO * compressedSize) {
      throw new MixwellError(
        `This Excel file's part '${name}' unzips from ${mib(compressedSize)} to ${mib(uncompressedSize)} (a ratio over ${MAX_XLSX_RATIO.toLocaleString("en-US")}:1), which only a zip bomb does; Mixwell refuses it.`,
      );
    }
    total += uncompressedSize;
    if (total > MAX_XLSX_UNZIPPED_BYTES) {
      throw new MixwellError(
        `This Excel file unzips to more than ${mib(MAX_XLSX_UNZIPPED_BYTES)}; Mixwell reads workbooks of up to ${mib(MAX_XLSX_UNZIPPED_BYTES)} unzipped. Save the data as CSV or split it.`,
      );
    }
    entries.push({ name, method, compressedSize, uncompressedSize, dataOffset });
    at = end;
  }
  return entries;
}

/** Inflates one entry in chunks, discarding the output, and stops once it passes its declared size. */
function checkInflatedSize(bytes: Uint8Array, entry: ZipEntryInfo): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    let produced = 0;
    let settled = false;
    const finish = (err?: MixwellError): void => {
      if (settled) return;
      settled = true;
      if (err) {
        inflate.destroy();
        reject(err);
      } else resolve();
    };
    inflate.on("data", (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > entry.uncompressedSize) {
        finish(new MixwellError(`This Excel file's part '${entry.name}' unzips to more than the ${mib(entry.uncompressedSize)} its zip directory declares (a zip bomb or a damaged file); Mixwell refuses it.`));
      }
    });
    inflate.on("error", () => finish(damaged(`the part '${entry.name}' cannot be unzipped`)));
    inflate.on("end", () => finish());
    inflate.end(bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize));
  });
}

/**
 * Refuses a zip bomb or malformed zip before it is unzipped for real: the declared sizes and
 * ratios (zipEntries), then the true inflated size of every deflated entry.
 */
export async function guardXlsxZip(bytes: Uint8Array): Promise<void> {
  const entries = zipEntries(bytes);
  for (const entry of entries) if (entry.method === 8) await checkInflatedSize(bytes, entry);
}
