/**
 * A project whose data are named by the back end's stored table rather than carried in the
 * request (an autosave of a large table): the data are filled in here, from the table as the
 * edits left it — the renderer sends the request only once every edit has reached the store.
 */
import type { StoredDataRef } from "../../app/api/contract-project";
import { toPlainTable } from "../../app/data";
import { MixwellError } from "../../app/errors";
import type { Project } from "../../app/project/schema";
import type { TableStore } from "../api/table-store";

export function withStoredData(project: Project, ref: StoredDataRef, tables: TableStore): Project {
  if (project.data !== null) throw new MixwellError("A project sent with a stored table must not carry data of its own.");
  const { table } = tables.get(ref.tableId);
  return { ...project, data: { fileName: ref.fileName, missingCodes: [...ref.missingCodes], table: toPlainTable(table) } };
}
