/** Between the data store's table and a project's plain data. */
import type { DataTable } from "../data/column";
import { DEFAULT_MISSING } from "../data/csv";
import { fromPlainTable, toPlainTable } from "../data/plain";
import type { ProjectData } from "./schema";

export function projectDataFromTable(table: DataTable, fileName: string, missingCodes: readonly string[] = DEFAULT_MISSING): ProjectData {
  return { fileName, missingCodes, table: toPlainTable(table) };
}

export function tableFromProjectData(data: ProjectData): DataTable {
  return fromPlainTable(data.table);
}
