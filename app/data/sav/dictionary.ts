/**
 * The dictionary of a .sav file (PSPP Developers Guide, "System File Format"): header record,
 * variable records (type 2; string variables wider than 8 bytes continue in records of type
 * -1), value labels (3 + 4), documents (6), extension records (7: 13 long names, 20 encoding),
 * and the termination record (999).
 */
import { MixwellError } from "../../errors";
import type { SavCursor } from "./cursor";

export interface SavVariable {
  /** 1-based position among the 8-byte segments (value label records refer to this). */
  readonly index: number;
  name: string;
  /** 0 numeric; otherwise the string width in bytes. */
  readonly width: number;
  /** 8-byte segments this variable's value takes. */
  readonly segments: number;
  readonly missingValues: number[];
  missingRange: [number, number] | null;
  readonly missingStrings: string[];
}

export interface SavDictionary {
  readonly variables: SavVariable[];
  readonly valueLabels: Map<number, Map<number, string>>;
  readonly compression: number;
  readonly bias: number;
  readonly ncases: number;
  readonly segments: number;
  decode(bytes: Uint8Array): string;
}

export function readDictionary(c: SavCursor): SavDictionary {
  const header = readHeader(c);
  const variables: SavVariable[] = [];
  const valueLabels = new Map<number, Map<number, string>>();
  let segment = 0;
  let encoding = "windows-1252";
  let longNames: string | null = null;
  const rawLabels: { pairs: [Uint8Array, Uint8Array][]; vars: number[] }[] = [];
  for (;;) {
    const type = c.int32();
    if (type === 2) {
      const v = readVariable(c, segment + 1);
      segment++;
      if (v) variables.push(v);
    } else if (type === 3) {
      rawLabels.push(readValueLabels(c));
    } else if (type === 6) {
      c.skip(c.int32() * 80);
    } else if (type === 7) {
      const subtype = c.int32();
      const size = c.int32();
      const count = c.int32();
      const data = c.take(size * count);
      if (subtype === 20) encoding = new TextDecoder("latin1").decode(data).trim().toLowerCase();
      if (subtype === 13) longNames = new TextDecoder("utf-8").decode(data);
    } else if (type === 999) {
      c.int32();
      break;
    } else {
      throw new MixwellError(`The SPSS file has an unknown record (type ${type}) at byte ${c.position - 4}; it may be damaged.`);
    }
  }
  const decoder = makeDecoder(encoding);
  for (const v of variables) v.name = decoder(encodeLatin1(v.name)).trim();
  if (longNames) applyLongNames(variables, longNames);
  for (const { pairs, vars } of rawLabels) {
    for (const index of vars) {
      const v = variables.find((x) => x.index === index);
      if (!v || v.width > 0) continue;
      const map = valueLabels.get(index) ?? new Map<number, string>();
      for (const [value, label] of pairs) map.set(new DataView(value.buffer, value.byteOffset, 8).getFloat64(0, c.littleEndian), decoder(label).trim());
      valueLabels.set(index, map);
    }
  }
  return { ...header, variables, valueLabels, segments: segment, decode: decoder };
}

function readHeader(c: SavCursor): { compression: number; bias: number; ncases: number } {
  const magic = new TextDecoder("latin1").decode(c.take(4));
  if (magic !== "$FL2" && magic !== "$FL3") throw new MixwellError("This is not an SPSS system file (.sav).");
  c.skip(60);
  const layout = c.int32At(64, true);
  c.littleEndian = layout === 2 || layout === 3;
  c.int32();
  c.int32(); // nominal case size
  const compression = c.int32();
  if (compression === 2) throw new MixwellError("This SPSS file is zlib-compressed (.zsav), which Mixwell cannot read. Save it from SPSS uncompressed or as CSV.");
  c.int32(); // weight index
  const ncases = c.int32();
  const bias = c.float64();
  c.skip(9 + 8 + 64 + 3);
  return { compression, bias, ncases };
}

function readVariable(c: SavCursor, index: number): SavVariable | null {
  const type = c.int32();
  const hasLabel = c.int32();
  const nMissing = c.int32();
  c.int32(); // print format
  c.int32(); // write format
  const name = new TextDecoder("latin1").decode(c.take(8));
  if (hasLabel === 1) c.skip(Math.ceil(c.int32() / 4) * 4);
  if (!(type >= -1 && type <= 32767)) throw new MixwellError(`The SPSS file is damaged: variable ${index} has the impossible type ${type}.`);
  if (!(nMissing >= -3 && nMissing <= 3) || nMissing === -1) throw new MixwellError(`The SPSS file is damaged: variable ${index} has ${nMissing} missing values (0 to 3, or -2/-3 for a range, are possible).`);
  const missing = Array.from({ length: Math.abs(nMissing) }, () => c.take(8));
  if (type === -1) return null;
  const width = type;
  const v: SavVariable = {
    index,
    name,
    width,
    segments: width === 0 ? 1 : Math.ceil(width / 8),
    missingValues: [],
    missingRange: null,
    missingStrings: [],
  };
  const number = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, c.littleEndian);
  if (width > 0) missing.forEach((b) => v.missingStrings.push(new TextDecoder("latin1").decode(b).replace(/\s+$/, "")));
  else if (nMissing < 0) {
    v.missingRange = [number(missing[0]!), number(missing[1]!)];
    if (nMissing === -3) v.missingValues.push(number(missing[2]!));
  } else missing.forEach((b) => v.missingValues.push(number(b)));
  return v;
}

function readValueLabels(c: SavCursor): { pairs: [Uint8Array, Uint8Array][]; vars: number[] } {
  const count = c.int32();
  const pairs: [Uint8Array, Uint8Array][] = [];
  for (let k = 0; k < count; k++) {
    const value = c.take(8);
    const length = c.take(1)[0]!;
    const label = c.take(length);
    c.skip((8 - ((length + 1) % 8)) % 8);
    pairs.push([value, label]);
  }
  if (c.int32() !== 4) throw new MixwellError("The SPSS file's value labels are not followed by their variables; it may be damaged.");
  const n = c.int32();
  if (n < 0 || n * 4 > c.remaining()) throw new MixwellError("The SPSS file is damaged: a value-label record names more variables than the file holds.");
  const vars = Array.from({ length: n }, () => c.int32());
  return { pairs, vars };
}

function makeDecoder(encoding: string): (bytes: Uint8Array) => string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding === "utf8" ? "utf-8" : encoding);
  } catch {
    decoder = new TextDecoder("windows-1252");
  }
  return (bytes) => decoder.decode(bytes);
}

function encodeLatin1(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
}

/** Extension 13: "SHORT=Long name" pairs separated by tabs. */
function applyLongNames(variables: SavVariable[], text: string): void {
  for (const pair of text.split("\t")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const short = pair.slice(0, eq).trim().toUpperCase();
    const v = variables.find((x) => x.name.toUpperCase() === short);
    if (v) v.name = pair.slice(eq + 1).trim();
  }
}
