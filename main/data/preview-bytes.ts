/**
 * What the preview job needs of an uploaded file. A job's input is copied into the worker
 * (structured clone copies a Uint8Array's whole buffer), and the preview of a CSV reads only its
 * first 1,000 rows: for a large CSV the worker gets the first few MB, cut after a line end, and
 * the whole file only when that start turns out to hold every row it read (see previewImportOf).
 * Excel and SPSS files, and UTF-16 text (a cut could split a character), always go whole.
 */
import { detectFormat } from "../../app/data/import";

/** Bytes of the start sent for a CSV preview (1,000 rows of even wide tables fit in 8 MB). */
export const PREVIEW_PREFIX_BYTES = 8 * 1024 * 1024;

/** The file's start for the preview (a copy, so only it is cloned into the worker), or the bytes themselves. */
export function previewBytes(fileName: string, bytes: Uint8Array, limit = PREVIEW_PREFIX_BYTES): Uint8Array {
  if (bytes.length <= limit) return bytes;
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  let csv: boolean;
  try {
    csv = detectFormat(fileName, bytes) === "csv";
  } catch {
    csv = false; // the worker reads the whole file and says what is wrong with it
  }
  if (!csv || utf16) return bytes;
  const cut = bytes.lastIndexOf(0x0a, limit - 1);
  return cut <= 0 ? bytes : bytes.slice(0, cut + 1);
}
