/** SPSS .sav files through our reader (app/data/sav), with the user's type choices applied. */
import { MixwellError } from "../../errors";
import type { DataTable } from "../column";
import { convertColumn } from "../edit/column-edits";
import { readSav as readSavFile } from "../sav";
import type { ImportOptions } from "./types";

export async function readSav(bytes: Uint8Array, options: ImportOptions): Promise<{ table: DataTable; warnings: string[] }> {
  const { table, warnings } = readSavFile(bytes);
  const types = options.types ?? {};
  for (const name of Object.keys(types)) {
    if (!table.columns.some((c) => c.name === name)) throw new MixwellError(`Column '${name}' was given a type but the data has no such column.`);
  }
  const columns = table.columns.map((c) => (types[c.name] ? convertColumn(c, types[c.name]!) : c));
  return { table: { nrow: table.nrow, columns }, warnings };
}
