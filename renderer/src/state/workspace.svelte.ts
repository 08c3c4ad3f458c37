/**
 * The app's state: the loaded table, its descriptives, what is running, and the last error.
 * Components read the getters and call the methods; all API traffic happens here.
 */
import type { ImportedTable, ProgressEvent } from "../../../app/api";
import type { TableDescription } from "../../../app/describe";
import { api } from "../api";
import { readFileAsBase64 } from "./read-file";

export interface Activity {
  readonly label: string;
  readonly fraction: number | null;
  readonly message: string;
  readonly cancel?: () => void;
}

class Workspace {
  #table = $state.raw<ImportedTable | null>(null);
  #description = $state.raw<TableDescription | null>(null);
  #activity = $state.raw<Activity | null>(null);
  #error = $state<string | null>(null);
  #notice = $state<string>("Ready");

  get table(): ImportedTable | null {
    return this.#table;
  }
  get description(): TableDescription | null {
    return this.#description;
  }
  get activity(): Activity | null {
    return this.#activity;
  }
  get error(): string | null {
    return this.#error;
  }
  get notice(): string {
    return this.#notice;
  }

  dismissError(): void {
    this.#error = null;
  }

  /** Show a message for a menu item whose feature arrives in a later version. */
  notYetAvailable(feature: string): void {
    this.#notice = `${feature} is not available yet; it arrives in a later version of Mixwell.`;
  }

  showError(message: string): void {
    this.#error = message;
    this.#notice = "Ready";
  }

  newWorkspace(): void {
    this.#table = null;
    this.#description = null;
    this.#error = null;
    this.#notice = "New workspace: no data loaded.";
  }

  /** Import a CSV file; on failure the table already loaded stays. */
  async importFile(file: File): Promise<void> {
    this.#error = null;
    this.#activity = { label: `Importing ${file.name}`, fraction: null, message: "Reading…" };
    try {
      const contentBase64 = await readFileAsBase64(file);
      const result = await api.request("importCsv", { fileName: file.name, contentBase64 });
      if (!result.ok) return this.showError(result.error.message);
      this.#table = result.value;
      this.#description = null;
      const { nrow, columns } = result.value.table;
      const notes = result.value.warnings.length ? ` ${result.value.warnings.join(" ")}` : "";
      this.#notice = `Imported ${file.name}: ${nrow} rows, ${columns.length} columns.${notes}`;
    } catch (err) {
      this.showError(`Could not read '${file.name}': ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.#activity = null;
    }
  }

  /** Column descriptives of the loaded table, computed in a worker; cancellable. */
  async describe(): Promise<void> {
    const table = this.#table;
    if (!table) return;
    const controller = new AbortController();
    const label = "Describing columns";
    this.#error = null;
    this.#activity = { label, fraction: 0, message: "Starting…", cancel: () => controller.abort() };
    const onProgress = (e: ProgressEvent) => {
      this.#activity = { label, fraction: e.fraction, message: e.message, cancel: () => controller.abort() };
    };
    try {
      const result = await api.request("describe", { tableId: table.tableId }, { onProgress, signal: controller.signal });
      if (result.ok) {
        this.#description = result.value;
        this.#notice = `Described ${result.value.columns.length} columns of ${table.fileName}.`;
      } else if (result.error.name === "Cancelled") this.#notice = "Describing was cancelled.";
      else this.showError(result.error.message);
    } finally {
      this.#activity = null;
    }
  }

  async quit(): Promise<void> {
    const result = await api.request("quit", {});
    this.#notice = result.ok ? "Mixwell has stopped. You can close this tab." : result.error.message;
  }
}

export const workspace = new Workspace();
