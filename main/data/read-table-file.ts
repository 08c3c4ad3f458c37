/**
 * Node-side file reading for the CLI and the host: a path → DataTable (CSV/TSV, Excel .xlsx,
 * SPSS .sav, by content and extension), with file-system errors turned into messages a user can
 * act on.
 */
import { basename } from "node:path";
import type { CsvOptions } from "../../app/data";
import { importTable, type ImportResult } from "../../app/data/import";
import { MixwellError, toErrorInfo } from "../../app/errors";
import { readRegularFile } from "../files/read-regular-file";

/** Largest file we read into memory at once (1 GiB). */
export const MAX_TABLE_FILE_BYTES = 1024 ** 3;

/** Read a data file into a table. Throws MixwellError naming the file on any failure. */
export async function readTableFile(path: string, options: CsvOptions = {}): Promise<ImportResult> {
  const bytes = await readFileBytes(path);
  try {
    return await importTable(basename(path), bytes, options);
  } catch (err) {
    if (err instanceof MixwellError) throw new MixwellError(`Could not read '${basename(path)}': ${err.message}`);
    // A reader tripping over a damaged file is still the file's problem, told plainly.
    throw new MixwellError(`Could not read '${basename(path)}': the file is damaged or not in a format Mixwell reads (${toErrorInfo(err).message}).`);
  }
}

function readFileBytes(path: string): Promise<Uint8Array> {
  return readRegularFile(path, { maxBytes: MAX_TABLE_FILE_BYTES, what: "data file" });
}
