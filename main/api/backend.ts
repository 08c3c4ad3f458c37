/** Everything behind the API, wired once per app: worker pool, table store, handlers, dispatcher. */
import type { AppInfo } from "../../app/api";
import { WorkerPool, type WorkerEntry } from "../workers";
import { ApiDispatcher } from "./dispatcher";
import { createHandlers } from "./handlers";
import { TableStore } from "./table-store";
import { defaultConfigDir, type FileDialogs } from "../project";
import { removeStaleTempsAtStartup } from "../project/stale-temps";

export interface Backend {
  readonly dispatcher: ApiDispatcher;
  readonly pool: WorkerPool;
  close(): Promise<void>;
}

export interface BackendOptions {
  readonly mode: AppInfo["mode"];
  readonly quit: () => void;
  readonly workerEntry?: WorkerEntry;
  readonly poolSize?: number;
  /** Default: the user's config folder (defaultConfigDir; MIXWELL_CONFIG_DIR overrides). */
  readonly configDir?: string;
  readonly dialogs?: FileDialogs;
}

export function createBackend(options: BackendOptions): Backend {
  const pool = new WorkerPool({ entry: options.workerEntry, size: options.poolSize });
  const configDir = options.configDir ?? defaultConfigDir();
  const handlers = createHandlers({ mode: options.mode, pool, tables: new TableStore(), quit: options.quit, configDir, dialogs: options.dialogs });
  // Start-up: leftovers of saves cut short near the recent projects (best effort, in the background).
  void removeStaleTempsAtStartup(configDir).catch(() => undefined);
  const dispatcher = new ApiDispatcher(handlers);
  return {
    dispatcher,
    pool,
    async close() {
      dispatcher.cancelAll();
      await pool.close();
    },
  };
}
