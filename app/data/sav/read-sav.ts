/**
 * SPSS system files (.sav) → DataTable, following the format as GNU PSPP documents it
 * ("System File Format", PSPP Developers Guide): a 176-byte header, the dictionary (variable
 * records, value labels, documents, extension records) up to record 999, then the cases,
 * uncompressed or bytecode-compressed (zlib-compressed .zsav files are refused with a message).
 *
 * Mapping: a numeric variable with value labels becomes a categorical column whose levels are the
 * labels in the order of their values (unlabelled values follow as numbers); a numeric variable
 * without labels stays numeric; a string variable is categorical. System-missing and the
 * variable's user-missing values (discrete values or a range) are missing.
 */
import { MixwellError } from "../../errors";
import type { Column, DataTable } from "../column";
import { readDictionary, type SavVariable, type SavDictionary } from "./dictionary";
import { SavCursor } from "./cursor";
import { formatNumberLabel } from "../csv/levels";

export interface SavImport {
  readonly table: DataTable;
  readonly warnings: string[];
}

export function readSav(bytes: Uint8Array): SavImport {
  if (bytes.length < 176) throw new MixwellError("This SPSS file is too short to hold any data; it may be damaged.");
  const cursor = new SavCursor(bytes);
  const dict = readDictionary(cursor);
  const cases = readCases(cursor, dict);
  const columns = dict.variables.map((v) => toColumn(v, cases, dict));
  return { table: { nrow: cases.length, columns }, warnings: [] };
}

type CaseValue = number | string;

/** Every case as one value per 8-byte segment (numbers) or per variable (strings, joined). */
function readCases(cursor: SavCursor, dict: SavDictionary): CaseValue[][] {
  const raw = dict.compression === 1 ? new BytecodeReader(cursor, dict.bias) : new PlainReader(cursor);
  const cases: CaseValue[][] = [];
  for (;;) {
    const row: CaseValue[] = new Array(dict.variables.length);
    for (let k = 0; k < dict.variables.length; k++) {
      const v = dict.variables[k]!;
      if (v.width === 0) {
        const x = raw.number();
        if (x === undefined) return finish(cases, k, dict);
        row[k] = x;
      } else {
        let text = "";
        for (let s = 0; s < v.segments; s++) {
          const part = raw.bytes();
          if (part === undefined) return finish(cases, k, dict);
          text += dict.decode(part);
        }
        row[k] = text.slice(0, v.width).replace(/\s+$/, "");
      }
    }
    cases.push(row);
    if (dict.ncases >= 0 && cases.length === dict.ncases) return cases;
  }
}

function finish(cases: CaseValue[][], k: number, dict: SavDictionary): CaseValue[][] {
  if (k !== 0) throw new MixwellError(`The SPSS file ends in the middle of case ${cases.length + 1}; it may be damaged.`);
  if (dict.ncases >= 0 && cases.length !== dict.ncases) {
    throw new MixwellError(`The SPSS file says it holds ${dict.ncases} cases but has ${cases.length}; it may be damaged.`);
  }
  return cases;
}

interface SegmentReader {
  number(): number | undefined;
  bytes(): Uint8Array | undefined;
}

class PlainReader implements SegmentReader {
  constructor(private readonly c: SavCursor) {}
  number() {
    return this.c.remaining() >= 8 ? this.c.float64() : undefined;
  }
  bytes() {
    return this.c.remaining() >= 8 ? this.c.take(8) : undefined;
  }
}

/** Bytecode compression: blocks of 8 command bytes, each saying how to get the next segment. */
class BytecodeReader implements SegmentReader {
  #codes: Uint8Array | null = null;
  #at = 8;
  #ended = false;
  constructor(private readonly c: SavCursor, private readonly bias: number) {}

  #next(): number | undefined {
    for (;;) {
      if (this.#ended) return undefined;
      if (this.#at === 8) {
        if (this.c.remaining() < 8) return undefined;
        this.#codes = this.c.take(8);
        this.#at = 0;
      }
      const code = this.#codes![this.#at++]!;
      if (code === 0) continue;
      if (code === 252) {
        this.#ended = true;
        return undefined;
      }
      return code;
    }
  }

  number() {
    const code = this.#next();
    if (code === undefined) return undefined;
    if (code === 253) return this.c.remaining() >= 8 ? this.c.float64() : undefined;
    if (code === 255) return SYSMIS;
    if (code === 254) return NaN;
    return code - this.bias;
  }

  bytes() {
    const code = this.#next();
    if (code === undefined) return undefined;
    if (code === 253) return this.c.remaining() >= 8 ? this.c.take(8) : undefined;
    if (code === 254) return SPACES;
    throw new MixwellError("The SPSS file's compressed data do not match its variables; it may be damaged.");
  }
}

const SYSMIS = -Number.MAX_VALUE;
const SPACES = new Uint8Array(8).fill(0x20);

function isMissing(v: SavVariable, x: number): boolean {
  if (Number.isNaN(x) || x === SYSMIS) return true;
  if (v.missingRange && x >= v.missingRange[0] && x <= v.missingRange[1]) return true;
  return v.missingValues.includes(x);
}

function toColumn(v: SavVariable, cases: CaseValue[][], dict: SavDictionary): Column {
  const k = dict.variables.indexOf(v);
  if (v.width > 0) return stringColumn(v, cases.map((c) => c[k] as string));
  const values = Float64Array.from(cases, (c) => (isMissing(v, c[k] as number) ? NaN : (c[k] as number)));
  const labels = dict.valueLabels.get(v.index);
  if (!labels || labels.size === 0) return { kind: "number", name: v.name, values };
  const ordered = [...labels.entries()].sort((a, b) => a[0] - b[0]);
  const levels = ordered.map(([, label]) => label);
  const index = new Map(ordered.map(([value], j) => [value, j]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(x);
    if (code === undefined) {
      code = levels.length;
      levels.push(uniqueLabel(formatNumberLabel(x), levels));
      index.set(x, code);
    }
    codes[i] = code;
  }
  return { kind: "categorical", name: v.name, codes, levels };
}

function uniqueLabel(label: string, levels: readonly string[]): string {
  return levels.includes(label) ? `${label} (unlabelled)` : label;
}

function stringColumn(v: SavVariable, texts: string[]): Column {
  const levels = [...new Set(texts.filter((t) => t !== "" && !v.missingStrings.includes(t)))].sort();
  const index = new Map(levels.map((l, j) => [l, j]));
  const codes = Int32Array.from(texts, (t) => index.get(t) ?? -1);
  return { kind: "categorical", name: v.name, codes, levels };
}
