/**
 * Node-side file reading for the CLI and the host: a path → DataTable (CSV/TSV, Excel .xlsx,
 * SPSS .sav, by content and extension), with file-system errors turned into messages a user can
 * act on.
 */
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { CsvOptions } from "../../app/data";
import { importTable, type ImportResult } from "../../app/data/import";
import { MixwellError } from "../../app/errors";

/** Largest file we read into memory at once (1 GiB). */
export const MAX_TABLE_FILE_BYTES = 1024 ** 3;

/** Read a data file into a table. Throws MixwellError naming the file on any failure. */
export async function readTableFile(path: string, options: CsvOptions = {}): Promise<ImportResult> {
  const bytes = await readFileBytes(path);
  try {
    return await importTable(basename(path), bytes, options);
  } catch (err) {
    if (err instanceof MixwellError) throw new MixwellError(`Could not read '${basename(path)}': ${err.message}`);
    throw err;
  }
}

async function readFileBytes(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new MixwellError(`'${path}' is a folder, not a data file.`);
    if (info.size > MAX_TABLE_FILE_BYTES) throw new MixwellError(`'${path}' is larger than 1 GB; Mixwell cannot read it.`);
    return new Uint8Array(await readFile(path));
  } catch (err) {
    if (err instanceof MixwellError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new MixwellError(`File not found: '${path}'.`);
    if (code === "EACCES" || code === "EPERM") throw new MixwellError(`Mixwell may not read '${path}' (permission denied).`);
    throw new MixwellError(`Could not read '${path}': ${(err as Error).message}`);
  }
}
