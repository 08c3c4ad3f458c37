/**
 * API handlers of the data workspace (spread into main/api/handlers.ts): preview and import a
 * file in a worker, apply edits to the stored table (the same app/data operation the renderer
 * applied to its copy, so both stay equal), and store a table the UI restores from a project.
 */
import type { ApiMethod, ImportedTable } from "../../app/api";
import { toWireTable } from "../../app/api";
import { applyEdit, fromPlainTable } from "../../app/data";
import { MixwellError } from "../../app/errors";
import type { BackendDeps, Handlers } from "../api/handlers";
import { UploadCache } from "./upload-cache";
import { previewBytes } from "./preview-bytes";

type DataMethods = "previewImport" | "importData" | "editTable" | "loadTable";

function fileError(fileName: string, err: unknown): unknown {
  return err instanceof MixwellError ? new MixwellError(`Could not import '${fileName}': ${err.message}`) : err;
}

export function createDataHandlers(deps: BackendDeps, uploads = new UploadCache()): Pick<Handlers, DataMethods & ApiMethod> {
  return {
    async previewImport(payload, context) {
      const { bytes, uploadId } = uploads.resolve(payload);
      try {
        const run = (part: Uint8Array) =>
          deps.pool.run("previewImport", { fileName: payload.fileName, bytes: part, options: payload.options }, { signal: context.signal, onProgress: context.progress });
        const start = previewBytes(payload.fileName, bytes);
        let preview = await run(start);
        // The start held fewer rows than the preview shows: it may not be all of them (quoted line breaks, very wide rows).
        if (start !== bytes && preview.complete) preview = await run(bytes);
        return { ...preview, uploadId };
      } catch (err) {
        throw fileError(payload.fileName, err);
      }
    },
    async importData(payload, context): Promise<ImportedTable> {
      const { bytes } = uploads.resolve(payload);
      let imported;
      try {
        const input = { fileName: payload.fileName, bytes, options: payload.options };
        imported = await deps.pool.run("importTable", input, { signal: context.signal, onProgress: context.progress });
      } catch (err) {
        throw fileError(payload.fileName, err);
      }
      const stored = deps.tables.add(payload.fileName, imported.table);
      return {
        tableId: stored.id,
        fileName: payload.fileName,
        encoding: imported.encoding,
        warnings: imported.warnings,
        table: toWireTable(imported.table),
        version: stored.version,
        missing: imported.missing,
      };
    },
    async editTable(payload) {
      const stored = deps.tables.get(payload.tableId);
      const { table } = applyEdit(stored.table, payload.op);
      const next = deps.tables.replace(payload.tableId, table);
      return { tableId: next.id, version: next.version };
    },
    async loadTable(payload) {
      const table = fromPlainTable(payload.table);
      for (const c of table.columns) {
        const n = c.kind === "number" ? c.values.length : c.codes.length;
        if (n !== table.nrow) throw new MixwellError(`Column '${c.name}' has ${n} values but the table has ${table.nrow} rows.`);
      }
      const stored = deps.tables.add(payload.fileName, table);
      return { tableId: stored.id, version: stored.version };
    },
  };
}
