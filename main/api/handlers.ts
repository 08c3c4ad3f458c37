/**
 * The back end's answer to every API method: one handler table, used by both transports (Electron
 * IPC and the browser-mode WebSocket). Handlers validate nothing themselves — payloads arrive
 * already checked by app/api/validate.ts — and throw MixwellError for the user to read.
 */
import type { ApiMethod, ApiRequest, ApiResponse, AppInfo } from "../../app/api";
import { toWireTable } from "../../app/api";
import { MixwellError } from "../../app/errors";
import { assertNoInvalidCells, columnsNamedIn } from "../../app/data";
import { checkOptimizersInPool, runComparisonInPool, type JobInput, type JobKind, type JobOutput, type WorkerPool } from "../workers";
import type { DataTable } from "../../app/data";
import { version } from "../version";
import type { TableStore } from "./table-store";
import { createDataHandlers } from "../data/data-handlers";
import { createBootstrapHandlers } from "./bootstrap-handlers";
import { createProjectHandlers, defaultConfigDir, type FileDialogs } from "../project";

export interface HandlerContext {
  readonly requestId: string;
  /** Aborted when the client cancels this request. */
  readonly signal: AbortSignal;
  progress(fraction: number | null, message: string): void;
  /** Cancel another running request; false if it is not running. */
  cancelRequest(requestId: string): boolean;
}

export type Handlers = {
  [M in ApiMethod]: (payload: ApiRequest<M>, context: HandlerContext) => Promise<ApiResponse<M>>;
};

export interface BackendDeps {
  readonly mode: AppInfo["mode"];
  readonly pool: WorkerPool;
  readonly tables: TableStore;
  /** Close the app or stop the host; called after the quit response is sent. */
  readonly quit: () => void;
  /** Where recent projects and the recovery file live (default: the user's config folder). */
  readonly configDir?: string;
  /** Native file dialogs (desktop app only). */
  readonly dialogs?: FileDialogs;
}

export function createHandlers(deps: BackendDeps): Handlers {
  return {
    ...createDataHandlers(deps),
    ...createProjectHandlers({ pool: deps.pool, tables: deps.tables, configDir: deps.configDir ?? defaultConfigDir(), dialogs: deps.dialogs }),
    async appInfo() {
      return { version, mode: deps.mode };
    },
    async importCsv(payload, context) {
      const bytes = new Uint8Array(Buffer.from(payload.contentBase64, "base64"));
      let imported;
      try {
        const options = { signal: context.signal, onProgress: context.progress };
        imported = await deps.pool.run("readCsv", { bytes, categorical: payload.categorical }, options);
      } catch (err) {
        if (err instanceof MixwellError) throw new MixwellError(`Could not import '${payload.fileName}': ${err.message}`);
        throw err;
      }
      const stored = deps.tables.add(payload.fileName, imported.table);
      return {
        tableId: stored.id,
        fileName: payload.fileName,
        encoding: imported.encoding,
        warnings: imported.warnings,
        table: toWireTable(imported.table),
      };
    },
    async describe(payload, context) {
      const { table } = deps.tables.get(payload.tableId);
      return deps.pool.run("describe", { table }, { signal: context.signal, onProgress: context.progress });
    },
    ...modelHandlers(deps),
    ...createBootstrapHandlers(deps),
    async compare(payload, context) {
      const { table } = deps.tables.get(payload.tableId);
      for (const spec of payload.specs) assertNoInvalidCells(table, columnsNamedIn(table, spec.formula));
      return runComparisonInPool(deps.pool, { table, specs: payload.specs }, { signal: context.signal, onProgress: context.progress });
    },
    async checkDesign(payload, context) {
      const { table } = deps.tables.get(payload.tableId);
      const { formula, categorical, family } = payload.spec;
      return deps.pool.run("designCheck", { table, formula, categorical, family }, { signal: context.signal, onProgress: context.progress });
    },
    async cancel(payload, context) {
      return { cancelled: context.cancelRequest(payload.requestId) };
    },
    async quit() {
      setTimeout(deps.quit, 50);
      return {};
    },
  };
}

/** The API methods that run one worker job on one model of a stored table. */
type ModelMethod = "fit" | "emmeans" | "guidedFix" | "checkOptimizers" | "ranova" | "standardizedEffects" | "johnsonNeyman";

/**
 * One row per model analysis: the table named by the payload, its model's columns checked for
 * invalid cells (so the user reads which cell, not a numeric failure), then the job in the pool.
 */
function modelHandlers(deps: BackendDeps): Pick<Handlers, ModelMethod> {
  const tableOf = (payload: { readonly tableId: string; readonly spec: { readonly formula: string } }): DataTable => {
    const { table } = deps.tables.get(payload.tableId);
    assertNoInvalidCells(table, columnsNamedIn(table, payload.spec.formula));
    return table;
  };
  const onModel =
    <M extends ModelMethod, K extends JobKind>(kind: K, input: (table: DataTable, payload: ApiRequest<M>) => JobInput<K>) =>
    (payload: ApiRequest<M>, context: HandlerContext): Promise<JobOutput<K>> =>
      deps.pool.run(kind, input(tableOf(payload), payload), { signal: context.signal, onProgress: context.progress });
  const withSpec = (table: DataTable, payload: { readonly spec: ApiRequest<"fit">["spec"] }) => ({ table, spec: payload.spec });
  return {
    fit: onModel("fit", withSpec),
    emmeans: onModel<"emmeans", "emmeans">("emmeans", (table, { tableId: _t, ...input }) => ({ table, ...input })),
    guidedFix: onModel("guidedFix", withSpec),
    // The optimisers run side by side on the pool's workers (main/workers/run-optimizer-check.ts).
    checkOptimizers: (payload, context) => checkOptimizersInPool(deps.pool, withSpec(tableOf(payload), payload), { signal: context.signal, onProgress: context.progress }),
    ranova: onModel("ranova", withSpec),
    standardizedEffects: onModel("standardizedEffects", withSpec),
    johnsonNeyman: onModel<"johnsonNeyman", "johnsonNeyman">("johnsonNeyman", (table, { spec, x, moderator }) => ({ table, spec, x, moderator })),
  };
}
