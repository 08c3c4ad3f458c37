/** SPSS .sav files: not readable yet. */
import { MixwellError } from "../../errors";
import type { DataTable } from "../column";
import type { ImportOptions } from "./types";

export async function readSav(_bytes: Uint8Array, _options: ImportOptions): Promise<{ table: DataTable; warnings: string[] }> {
  throw new MixwellError("SPSS .sav files cannot be imported yet. Save the data from SPSS as CSV or .xlsx and import that.");
}
