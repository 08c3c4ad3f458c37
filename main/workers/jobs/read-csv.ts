/** Parse an imported CSV file in a worker (a large file takes long enough to freeze the UI). */
import { readCsv, type CsvImport } from "../../../app/data";
import type { JobContext } from "../job-context";

export interface ReadCsvJobInput {
  readonly bytes: Uint8Array;
  readonly categorical?: readonly string[];
}

export function readCsvJob(input: ReadCsvJobInput, context: JobContext): CsvImport {
  context.progress(null, "Reading the file…");
  return readCsv(input.bytes, { categorical: input.categorical });
}
