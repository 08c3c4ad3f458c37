/**
 * Bytes of a text file → a string. CSV files from spreadsheets arrive as UTF-8 (with or without
 * a byte-order mark), UTF-16 with a BOM (Excel's "Unicode text"), or an 8-bit code page; we read
 * UTF-8 strictly and fall back to Latin-1 (Windows-1252, as browsers do) only when the bytes are
 * not valid UTF-8 but still look like text. Anything with NUL or other control bytes is binary.
 */
import { MixwellError } from "../../errors";

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "latin-1";

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
}

/** Decode file bytes, or throw a MixwellError saying why the file is not readable text. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return checked({ text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" });
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return checked({ text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" });
  }
  if (hasBinaryBytes(bytes)) {
    throw new MixwellError(
      "This file is not a text (CSV) file: it contains binary data. Save it from your spreadsheet as CSV (UTF-8) and import that.",
    );
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start)), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "latin-1" };
  }
}

/** Strip a leading BOM from text that was already decoded (e.g. by a browser's File.text()). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** NUL bytes and C0 controls other than tab, CR, LF, form feed never occur in CSV text. */
export function hasBinaryBytes(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length, 65536);
  for (let i = 0; i < limit; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return true;
  }
  return false;
}

function checked(decoded: DecodedText): DecodedText {
  if (decoded.text.includes("\u0000")) {
    throw new MixwellError("This file is not a text (CSV) file: it contains binary data.");
  }
  return decoded;
}
