/** Worker jobs of the data workspace: preview and import a data file off the main event loop. */
import { importTable, previewImport, type ImportOptions, type ImportPreview, type ImportResult } from "../../app/data/import";
import type { JobContext } from "../workers/job-context";

export interface ImportJobInput {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly options?: ImportOptions;
}

export function previewImportJob(input: ImportJobInput, context: JobContext): Promise<ImportPreview> {
  context.progress(null, "Reading the start of the file…");
  return previewImport(input.fileName, input.bytes, input.options);
}

export function importTableJob(input: ImportJobInput, context: JobContext): Promise<ImportResult> {
  context.progress(null, "Reading the file…");
  return importTable(input.fileName, input.bytes, input.options);
}
