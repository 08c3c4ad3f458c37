/**
 * The fast CSV reader: file bytes → typed columns in one pass, with no string per line or cell.
 * Each row is split into cell byte ranges (RFC 4180 quoting), then every cell goes straight into
 * its column: numbers parsed from the bytes into a Float64Array (number-bytes.ts), text cells
 * interned by their bytes into level codes (byte-interner.ts), levels decoded and sorted once at
 * the end. A column found to hold text after rows of numbers is re-read for those rows in a
 * second pass (R's factor() levels are the cells' texts, "1.50" ≠ "1.5").
 *
 * It follows the papaparse reader's rules (parse-csv.ts) exactly where it accepts a file, and
 * declines (returns null) wherever it might differ — UTF-16, NUL bytes, a quote inside an
 * unquoted cell or after a closing quote, an unclosed quote, CR inside quotes, ragged rows,
 * header problems, unknown type names, non-ASCII missing codes — so that the papaparse path
 * then reads the file, or reports the problem in the same words as before. The delimiter and
 * decimal mark come from that path's sniffing of the first rows (passed in).
 */
import type { CategoricalColumn, Column, DataTable, NumericColumn } from "../column";
import { ByteInterner } from "./byte-interner";
import { hasBinaryBytes, type TextEncodingName } from "./decode";
import { isMissing, numbersToCategorical, parseCommaNumberCell, parseNumberCell } from "./infer-columns";
import { sortLevels } from "./levels";
import { parseNumberBytes } from "./number-bytes";
import { DEFAULT_MISSING, MAX_COLUMNS, readHeader, type TableOptions } from "./rows-to-table";

export interface BytesRead {
  readonly table: DataTable;
  readonly encoding: TextEncodingName;
  /** The first row's cells as texts (for the header notes). */
  readonly firstRow: readonly string[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Read `bytes` with this delimiter and decimal mark; null where the papaparse path must decide. */
export function readCsvBytes(input: Uint8Array, options: TableOptions, delimiter: string, decimal: "." | ","): BytesRead | null {
  // A plain Uint8Array view: Node's Buffer (a subclass) and the scratch buffer in the same
  // hot loops would make every byte access polymorphic.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (delimiter.length !== 1 || delimiter.charCodeAt(0) >= 0x80 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") return null;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return null;
  if (hasBinaryBytes(bytes)) return null;
  const scan = scanBytes(bytes);
  if (scan.nul) return null;
  const encoding: TextEncodingName = scan.ascii || validUtf8(bytes) ? "utf-8" : "latin-1";
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const start = bom && encoding === "utf-8" ? 3 : 0;
  const missingCodes = options.missing ?? DEFAULT_MISSING;
  if (missingCodes.some((m) => /[^\x00-\x7f]/.test(m))) return null;
  const text = new TextDecoder(encoding === "utf-8" ? "utf-8" : "windows-1252");
  const decode = (src: Uint8Array, s: number, e: number) => text.decode(src.subarray(s, e));
  const rows = new RowScanner(bytes, delimiter.charCodeAt(0));

  // First row: the header (or the first data row, whose width sets the table's).
  let first = start;
  let pos = rows.next(first);
  while (pos >= 0 && pos < bytes.length && rows.cells === 1 && rows.cellEmpty(0)) pos = rows.next((first = pos));
  if (pos < 0 || (rows.cells === 1 && rows.cellEmpty(0))) return null;
  if (rows.cells > MAX_COLUMNS) return null;
  const firstRow = Array.from({ length: rows.cells }, (_, j) => rows.text(j, decode));
  const hasHeader = options.header ?? true;
  let names: string[];
  try {
    names = hasHeader ? readHeader(firstRow) : firstRow.map((_, j) => `V${j + 1}`);
  } catch {
    return null;
  }
  const width = names.length;
  const types = options.types ?? {};
  const categorical = new Set(options.categorical ?? []);
  for (const name of [...categorical, ...Object.keys(types)]) if (!names.includes(name)) return null;
  const dataStart = hasHeader ? pos : first;
  const estimate = estimateRows(rows, dataStart, bytes.length);
  const missing = new Set(missingCodes);
  const columns = names.map((name) => {
    const type = Object.hasOwn(types, name) ? types[name] : undefined;
    return new ColumnReader(name, estimate, missing, decimal, decode, type === "number", type === "categorical" || (type === undefined && categorical.has(name)));
  });

  // Pass 1: every row into its columns.
  let nrow = 0;
  pos = dataStart;
  while (pos < bytes.length) {
    pos = rows.next(pos);
    if (pos < 0) return null;
    if (rows.cells === 1 && rows.cellEmpty(0)) continue;
    if (!rows.fits(width, decode)) return null;
    for (let j = 0; j < width; j++) columns[j]!.add(nrow, rows.src(j), rows.start(j), rows.end(j));
    nrow++;
  }
  if (nrow === 0) return null;

  // Pass 2: the rows read as numbers before a column turned out to hold text.
  const late = columns.filter((c) => c.textFrom > 0);
  if (late.length > 0) {
    const until = Math.max(...late.map((c) => c.textFrom));
    pos = dataStart;
    for (let row = 0; row < until; ) {
      pos = rows.next(pos);
      if (rows.cells === 1 && rows.cellEmpty(0)) continue;
      for (const c of late) {
        const j = columns.indexOf(c);
        if (row < c.textFrom) c.addText(row, rows.src(j), rows.start(j), rows.end(j));
      }
      row++;
    }
  }
  const built = columns.map((c) => c.finish(nrow));
  for (const c of built) if (c.kind === "categorical" && c.levels.some((l) => l.includes("\u0000"))) return null;
  return { table: { nrow, columns: built }, encoding, firstRow };
}

/** Rows in bytes[from, end), from the mean length of the first ones (+5%: the columns need not grow, nor be cut much). */
function estimateRows(rows: RowScanner, from: number, end: number): number {
  let pos = from;
  let count = 0;
  while (count < 1000 && pos < end && pos >= 0) {
    pos = rows.next(pos);
    count++;
  }
  if (count === 0 || pos <= from) return 16;
  return Math.ceil(((end - from) / (pos - from)) * count * 1.05) + 16;
}

/** Whether the bytes are all ASCII, and whether any is NUL (four bytes at a time where aligned). */
function scanBytes(bytes: Uint8Array): { ascii: boolean; nul: boolean } {
  let ascii = true;
  let i = 0;
  const n = bytes.length;
  const head = Math.min(n, (4 - (bytes.byteOffset & 3)) & 3);
  for (; i < head; i++) {
    if (bytes[i] === 0) return { ascii, nul: true };
    if (bytes[i]! >= 0x80) ascii = false;
  }
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (n - i) >> 2);
  for (let w = 0; w < words.length; w++) {
    const x = words[w]!;
    if ((x - 0x01010101) & ~x & 0x80808080) return { ascii, nul: true };
    if (x & 0x80808080) ascii = false;
  }
  for (i += words.length * 4; i < n; i++) {
    if (bytes[i] === 0) return { ascii, nul: true };
    if (bytes[i]! >= 0x80) ascii = false;
  }
  return { ascii, nul: false };
}

/** The same decision as decodeText: strict UTF-8 over the whole file (in 1 MB pieces, not one huge string). */
function validUtf8(bytes: Uint8Array): boolean {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    const step = 1 << 20;
    for (let i = 0; i < bytes.length; i += step) decoder.decode(bytes.subarray(i, Math.min(bytes.length, i + step)), { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/**
 * Splits one row at a time into cell byte ranges. A quoted cell's content is its range in the
 * file, or, when it holds doubled quotes, its unescaped copy in a per-row scratch buffer.
 */
class RowScanner {
  cells = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private inScratch = new Uint8Array(64);
  private scratch = new Uint8Array(1024);
  private scratchUsed = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly delim: number,
  ) {}

  /** Scan the row at `pos`; returns the position after its line end, or −1 to decline the file. */
  next(pos: number): number {
    const bytes = this.bytes;
    const n = bytes.length;
    const delim = this.delim;
    this.cells = 0;
    this.scratchUsed = 0;
    for (;;) {
      if (pos < n && bytes[pos] === QUOTE) {
        let p = pos + 1;
        let escaped = false;
        let end = -1;
        while (p < n) {
          const b = bytes[p]!;
          if (b === QUOTE) {
            if (bytes[p + 1] === QUOTE) {
              escaped = true;
              p += 2;
              continue;
            }
            end = p;
            break;
          }
          if (b === CR) return -1;
          p++;
        }
        if (end < 0) return -1;
        const after = bytes[end + 1];
        if (end + 1 < n && after !== delim && after !== LF && after !== CR) return -1;
        if (escaped) this.pushUnescaped(pos + 1, end);
        else this.push(pos + 1, end, 0);
        pos = end + 1;
      } else {
        let p = pos;
        while (p < n) {
          const b = bytes[p]!;
          if (b === delim || b === LF || b === CR) break;
          if (b === QUOTE) return -1;
          p++;
        }
        this.push(pos, p, 0);
        pos = p;
      }
      if (this.cells > MAX_COLUMNS + 1) return -1;
      if (pos >= n) return n;
      const b = bytes[pos];
      if (b === delim) {
        pos++;
        continue;
      }
      return b === CR && bytes[pos + 1] === LF ? pos + 2 : pos + 1;
    }
  }

  src(j: number): Uint8Array {
    return this.inScratch[j] ? this.scratch : this.bytes;
  }
  start(j: number): number {
    return this.starts[j]!;
  }
  end(j: number): number {
    return this.ends[j]!;
  }
  cellEmpty(j: number): boolean {
    return this.ends[j] === this.starts[j];
  }
  text(j: number, decode: (src: Uint8Array, s: number, e: number) => string): string {
    return decode(this.src(j), this.starts[j]!, this.ends[j]!);
  }

  /** As many cells as the header, or more whose extra cells are blank (rows-to-table.ts checkRagged). */
  fits(width: number, decode: (src: Uint8Array, s: number, e: number) => string): boolean {
    if (this.cells === width) return true;
    if (this.cells < width) return false;
    for (let j = width; j < this.cells; j++) if (this.text(j, decode).trim() !== "") return false;
    return true;
  }

  private push(s: number, e: number, scratch: number): void {
    const j = this.cells++;
    if (j >= this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.inScratch = grow(this.inScratch);
    }
    this.starts[j] = s;
    this.ends[j] = e;
    this.inScratch[j] = scratch;
  }

  private pushUnescaped(s: number, e: number): void {
    if (this.scratchUsed + (e - s) > this.scratch.length) {
      const b = new Uint8Array(Math.max(this.scratch.length * 2, this.scratchUsed + (e - s)));
      b.set(this.scratch);
      this.scratch = b;
    }
    const at = this.scratchUsed;
    let w = at;
    for (let p = s; p < e; p++) {
      this.scratch[w++] = this.bytes[p]!;
      if (this.bytes[p] === QUOTE) p++;
    }
    this.scratchUsed = w;
    this.push(at, w, 1);
  }
}

/** The first n values: a view when little is left over (no copy of a large column), else a copy. */
function fit<T extends Float64Array | Int32Array>(a: T, n: number): T {
  if (a.length === n) return a;
  return (n >= a.length * 0.9 ? a.subarray(0, n) : a.slice(0, n)) as T;
}

/**
 * One column as it is read: numbers while every cell is a number (or the user chose "number"),
 * level codes from the first text cell on (the rows before it are filled in by pass 2).
 */
class ColumnReader {
  private values: Float64Array;
  private codes: Int32Array | null = null;
  private readonly interner = new ByteInterner();
  private invalid: Record<number, string> | null = null;
  /** The first row read as text (0 when the column was text from the start); −1 while numeric. */
  textFrom = -1;
  private readonly mark: number;
  private readonly maxMissing: number;
  private readonly missingBytes: Uint8Array[];

  constructor(
    private readonly name: string,
    capacity: number,
    private readonly missing: ReadonlySet<string>,
    private readonly decimal: "." | ",",
    private readonly decode: (src: Uint8Array, s: number, e: number) => string,
    private readonly forceNumber: boolean,
    private readonly forceCategorical: boolean,
  ) {
    this.values = new Float64Array(capacity);
    this.mark = decimal === "," ? 0x2c : 0x2e;
    this.missingBytes = [...missing].map((m) => Uint8Array.from(m, (c) => c.charCodeAt(0)));
    this.maxMissing = Math.max(0, ...this.missingBytes.map((m) => m.length));
  }

  add(row: number, src: Uint8Array, s: number, e: number): void {
    if (row >= this.values.length) this.grow();
    if (e - s <= this.maxMissing && this.isMissingCode(src, s, e)) return this.setMissing(row);
    const padded = e > s && (src[s]! <= 32 || src[e - 1]! <= 32);
    const cell = padded ? this.decode(src, s, e) : null;
    if (cell !== null && isMissing(cell, this.missing)) return this.setMissing(row);
    if (this.textFrom < 0) {
      const x = cell !== null ? (this.decimal === "," ? parseCommaNumberCell(cell) : parseNumberCell(cell)) : parseNumberBytes(src, s, e, this.mark);
      if (x !== undefined) {
        this.values[row] = x;
        return;
      }
      if (this.forceNumber) {
        this.values[row] = NaN;
        (this.invalid ??= {})[row] = cell ?? this.decode(src, s, e);
        return;
      }
      this.textFrom = row;
      this.codes = new Int32Array(this.values.length);
    }
    this.codes![row] = this.interner.intern(src, s, e);
  }

  /** Pass 2: a row before textFrom, as text. */
  addText(row: number, src: Uint8Array, s: number, e: number): void {
    const missing = (e - s <= this.maxMissing && this.isMissingCode(src, s, e)) || (e > s && (src[s]! <= 32 || src[e - 1]! <= 32) && isMissing(this.decode(src, s, e), this.missing));
    this.codes![row] = missing ? -1 : this.interner.intern(src, s, e);
  }

  finish(nrow: number): Column {
    if (this.textFrom < 0) {
      const values = fit(this.values, nrow);
      if (this.forceCategorical) return numbersToCategorical(this.name, values);
      return this.invalid ? ({ kind: "number", name: this.name, values, invalid: this.invalid } satisfies NumericColumn) : ({ kind: "number", name: this.name, values } satisfies NumericColumn);
    }
    const codes = fit(this.codes!, nrow);
    const keys = Array.from({ length: this.interner.size }, (_, c) => {
      const k = this.interner.key(c);
      return this.decode(k, 0, k.length);
    });
    const levels = sortLevels(keys);
    const position = new Map(levels.map((l, i) => [l, i]));
    const remap = Int32Array.from(keys, (k) => position.get(k)!);
    for (let i = 0; i < nrow; i++) if (codes[i]! >= 0) codes[i] = remap[codes[i]!]!;
    return { kind: "categorical", name: this.name, codes, levels } satisfies CategoricalColumn;
  }

  private isMissingCode(src: Uint8Array, s: number, e: number): boolean {
    const n = e - s;
    outer: for (const m of this.missingBytes) {
      if (m.length !== n) continue;
      for (let i = 0; i < n; i++) if (src[s + i] !== m[i]) continue outer;
      return true;
    }
    return false;
  }

  private setMissing(row: number): void {
    if (this.textFrom < 0) this.values[row] = NaN;
    else this.codes![row] = -1;
  }

  private grow(): void {
    const n = Math.ceil(this.values.length * 1.5) + 16;
    const v = new Float64Array(n);
    v.set(this.values);
    this.values = v;
    if (this.codes) {
      const c = new Int32Array(n);
      c.set(this.codes);
      this.codes = c;
    }
  }
}
