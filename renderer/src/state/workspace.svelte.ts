/**
 * The app's state: the loaded table, its descriptives, what is running, and the last error.
 * Components read the getters and call the methods; all API traffic happens here.
 */
import type { ImportedTable, ProgressEvent } from "../../../app/api";
import type { TableDescription } from "../../../app/describe";
import type { ImportOptions, ImportPreview } from "../../../app/data/import/types";
import type { SampleDataSet } from "../../../app/samples";
import { tableToCsv } from "../../../app/data";
import { api } from "../api";
import { dataStore } from "./data-table.svelte";
import { models } from "./models.svelte";
import { sampleText, textToBase64 } from "./samples";

/** A file's bytes as sent (base64) or as already held by the back end. */
/** Bytes of a large CSV's start sent for its preview (the rest follows in the background). */
const PREVIEW_START_BYTES = 8 * 1024 * 1024;

type FileContent = { readonly contentBase64: string } | { readonly content: Uint8Array } | { readonly uploadId: string };

/** A file chosen for import, shown in the import preview until the user loads or cancels it. */
export interface PendingImport {
  readonly fileName: string;
  /** The back end keeps the file's bytes under this id while the preview is open. */
  readonly uploadId: string;
  readonly options: ImportOptions;
  readonly preview: ImportPreview;
}

export interface Activity {
  readonly label: string;
  readonly fraction: number | null;
  readonly message: string;
  readonly cancel?: () => void;
}

/** An accepted import preview (or a chosen sample) waiting for the answer to "replace the data or open as a new project?". */
export interface ImportQuestion {
  readonly fileName: string;
  readonly options: ImportOptions;
}

/** What the question is about: a file to load and what to say once it is loaded. */
interface QuestionSource {
  readonly fileName: string;
  readonly file: FileContent;
  readonly options: ImportOptions;
  /** A status-bar line after loading (a sample's suggested model), or null for the import's own. */
  readonly loaded: (table: ImportedTable) => string | null;
}

class Workspace {
  #pending = $state.raw<PendingImport | null>(null);
  /** The whole of a large file being sent in the background while its start is previewed (#startOf). */
  #whole: { readonly startId: string; readonly upload: Promise<string> } | null = null;
  #question = $state.raw<ImportQuestion | null>(null);
  #questionSource: QuestionSource | null = null;
  #description = $state.raw<TableDescription | null>(null);
  /** The table version the descriptives were computed at (edits make them out of date). */
  #describedVersion = $state(-1);
  #activity = $state.raw<Activity | null>(null);
  #error = $state<string | null>(null);
  #notice = $state<string>("Ready");
  /** The sample whose table is open, with the table it was loaded as: its model is offered in the Model region. */
  #sample = $state.raw<{ readonly sample: SampleDataSet; readonly tableId: string } | null>(null);

  /** The loaded table (see dataStore for its columns, version and edits). */
  get table(): ImportedTable | null {
    return dataStore.imported;
  }
  get pendingImport(): PendingImport | null {
    return this.#pending;
  }
  /** Set while the user is asked whether the import replaces the open data or opens a new project. */
  get importQuestion(): ImportQuestion | null {
    return this.#question;
  }
  get description(): TableDescription | null {
    return this.#description;
  }
  /** The descriptives, only while they describe the table as it is now. */
  get currentDescription(): TableDescription | null {
    return this.#describedVersion === dataStore.version ? this.#description : null;
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
  /** The open sample data set, while the table shown is the one it was loaded as. */
  get sample(): SampleDataSet | null {
    return this.#sample && this.#sample.tableId === dataStore.imported?.tableId ? this.#sample.sample : null;
  }

  /** A message in the status bar. */
  say(message: string): void {
    this.#notice = message;
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
    dataStore.clear();
    this.#description = null;
    this.#error = null;
    this.#notice = "New workspace: no data loaded.";
  }

  /** Read a data file and show the import preview; nothing is loaded until the user confirms. */
  async importFile(file: File): Promise<void> {
    this.#error = null;
    this.#activity = { label: `Reading ${file.name}`, fraction: null, message: "Reading…" };
    try {
      // The bytes as they are (a binary frame in browser mode): base64 would cost seconds on a large file.
      this.#whole = null;
      const start = await this.#startOf(file);
      if (!start) return await this.#preview(file.name, { content: new Uint8Array(await file.arrayBuffer()) }, {});
      const before = this.#pending;
      const previewed = this.#preview(file.name, { content: start }, {});
      // The whole file follows at once, behind the start on the same socket (messages keep their
      // order): it travels while the start is previewed and read, not after.
      const upload = this.#sendWhole(file);
      await previewed;
      const pending = this.#pending === before ? null : this.#pending;
      if (!pending) return;
      const whole = { startId: pending.uploadId, upload };
      this.#whole = whole;
      // The start held every row it read: they may not be all (very wide rows), so preview the whole file.
      if (pending.preview.complete) await this.#preview(file.name, { uploadId: await whole.upload }, {});
    } catch (err) {
      this.showError(`Could not read '${file.name}': ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.#activity = null;
    }
  }

  /**
   * A large CSV's first 8 MB (cut after a line end) for a quick preview; the whole file then goes
   * to the back end in the background (#whole): sending 70 MB takes seconds in the browser, which
   * the preview need not wait for, and the user spends reading it. null: send the whole file now.
   */
  async #startOf(file: File): Promise<Uint8Array | null> {
    if (file.size <= PREVIEW_START_BYTES || /\.(xlsx|xlsm|xls|sav)$/i.test(file.name)) return null;
    const head = new Uint8Array(await file.slice(0, PREVIEW_START_BYTES).arrayBuffer());
    const cut = head.lastIndexOf(0x0a);
    return cut <= 0 || head[0] === 0xff || head[0] === 0xfe ? null : head.slice(0, cut + 1);
  }

  /** Send the whole file (as a preview request, which keeps it); resolves to its upload id. */
  #sendWhole(file: File): Promise<string> {
    const upload = file
      .arrayBuffer()
      .then((bytes) => api.request("previewImport", { fileName: file.name, content: new Uint8Array(bytes), options: {} }))
      .then((r) => (r.ok ? r.value.uploadId : Promise.reject(new Error(r.error.message))));
    // Awaited at Import, which reports a failure.
    upload.catch(() => {});
    return upload;
  }

  /** Text pasted into an empty workspace: previewed like a file (tab-separated, header row). */
  async importText(name: string, text: string): Promise<void> {
    this.#error = null;
    await this.#preview(name, { contentBase64: textToBase64(text) }, {});
  }

  /** Preview again with changed choices (delimiter, decimal mark, header, missing codes, sheet). */
  async changeImportOptions(options: ImportOptions): Promise<void> {
    const pending = this.#pending;
    if (pending) await this.#preview(pending.fileName, { uploadId: pending.uploadId }, options);
  }

  cancelImport(): void {
    this.#pending = null;
    this.#question = null;
    this.#questionSource = null;
    this.#notice = "Import cancelled.";
  }

  /**
   * Load the previewed file with the chosen options; on failure the current table stays. With
   * data already open, first ask whether to replace it or open the file as a new project.
   */
  async confirmImport(options: ImportOptions): Promise<void> {
    const pending = this.#pending;
    if (!pending) return;
    let uploadId = pending.uploadId;
    // A preview made from the start of a large file: import the whole file sent behind it.
    const whole = this.#whole;
    if (whole?.startId === uploadId) {
      this.#activity = { label: `Reading ${pending.fileName}`, fraction: null, message: "Sending the whole file…" };
      try {
        uploadId = await whole.upload;
      } catch (err) {
        return this.showError(`Could not read '${pending.fileName}': ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        this.#activity = null;
      }
    }
    const source: QuestionSource = { fileName: pending.fileName, file: { uploadId }, options, loaded: () => null };
    if (dataStore.table) return this.#ask(source);
    const loaded = await this.#load(source.fileName, source.file, options);
    if (loaded) this.#pending = null;
  }

  /** Ask about `source`; `shownName` is how the question names it ("the sample cake.csv"). */
  #ask(source: QuestionSource, shownName = source.fileName): void {
    this.#questionSource = source;
    this.#question = { fileName: shownName, options: source.options };
  }

  /** Answer "Replace the data in this project": models stay, out of date (their fits name the old table); undoable. */
  async replaceData(): Promise<void> {
    const source = this.#questionSource;
    if (!source || !this.#question) return;
    this.#question = null;
    this.#questionSource = null;
    const loaded = await this.#load(source.fileName, source.file, source.options, true);
    if (loaded) {
      this.#pending = null;
      this.#notice = `${source.loaded(loaded) ?? this.#notice} The models are kept and out of date: fit them again on the new data (Edit → Undo brings the previous data back).`;
    }
  }

  /**
   * Answer "Open as a new project": the import leaves the workspace's state and is returned, to be
   * loaded by loadAsNewProject once the current project is closed (after the unsaved-changes question).
   */
  takeImportForNewProject(): (() => Promise<void>) | null {
    const source = this.#questionSource;
    if (!source || !this.#question) return null;
    this.#pending = null;
    this.#question = null;
    this.#questionSource = null;
    return async () => {
      const loaded = await this.#load(source.fileName, source.file, source.options);
      const line = loaded && source.loaded(loaded);
      if (line) this.#notice = line;
    };
  }

  /**
   * Open one of the sample data sets, with its categorical columns. With data already open, the
   * same question as an import comes first: replace the data in this project, or a new project.
   */
  async openSample(sample: SampleDataSet): Promise<void> {
    const types = Object.fromEntries(sample.categorical.map((name) => [name, "categorical" as const]));
    const source: QuestionSource = {
      fileName: sample.file,
      file: { contentBase64: textToBase64(sampleText(sample.file)) },
      options: { types },
      loaded: (table) => {
        this.#sample = { sample, tableId: table.tableId };
        return `Opened the sample ${sample.file}: ${table.table.nrow} rows. Suggested model: ${sample.suggestedFormula}`;
      },
    };
    if (dataStore.table) return this.#ask(source, `the sample ${sample.file}`);
    const loaded = await this.#load(source.fileName, source.file, source.options);
    if (loaded) this.#notice = source.loaded(loaded) ?? this.#notice;
  }

  async #preview(fileName: string, file: FileContent, options: ImportOptions): Promise<void> {
    const result = await api.request("previewImport", { fileName, ...file, options });
    if (!result.ok) return this.showError(result.error.message);
    this.#pending = { fileName, uploadId: result.value.uploadId, options, preview: result.value };
  }

  async #load(fileName: string, file: FileContent, options: ImportOptions, replace = false): Promise<ImportedTable | null> {
    this.#error = null;
    this.#activity = { label: `Importing ${fileName}`, fraction: null, message: "Reading…" };
    try {
      const result = await api.request("importData", { fileName, ...file, options });
      if (!result.ok) {
        this.showError(result.error.message);
        return null;
      }
      try {
        if (replace) dataStore.replaceImported(result.value);
        else dataStore.loadImported(result.value);
      } catch (err) {
        // The table arrived malformed (checked at this edge by fromWireTable): say so, keep the current one.
        this.showError(`Could not load '${fileName}': ${err instanceof Error ? err.message : String(err)}`);
        return null;
      }
      this.#description = null;
      const { nrow, columns } = result.value.table;
      const notes = result.value.warnings.length ? ` ${result.value.warnings.join(" ")}` : "";
      this.#notice = `Imported ${fileName}: ${nrow} rows, ${columns.length} columns.${notes}`;
      return result.value;
    } finally {
      this.#activity = null;
    }
  }

  /** Column descriptives of the loaded table, computed in a worker; cancellable. */
  async describe(): Promise<void> {
    const table = dataStore.imported;
    if (!table) return;
    await dataStore.synced();
    const version = dataStore.version;
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
        this.#describedVersion = version;
        this.#notice = `Described ${result.value.columns.length} columns of ${table.fileName}.`;
      } else if (result.error.name === "Cancelled") this.#notice = "Describing was cancelled.";
      else this.showError(result.error.message);
    } finally {
      this.#activity = null;
    }
  }

  /** Undo the last change to the data (Edit → Undo, Ctrl/Cmd+Z). */
  undo(): void {
    this.#step(() => dataStore.undo(), "Undid", "Nothing to undo.");
  }

  /** Redo the last undone change (Edit → Redo, Ctrl+Shift+Z / Ctrl+Y). */
  redo(): void {
    this.#step(() => dataStore.redo(), "Redid", "Nothing to redo.");
  }

  #step(run: () => string | null, verb: string, nothing: string): void {
    try {
      const tableId = dataStore.tableId;
      const label = run();
      // Undoing or redoing an import that replaced the table: the descriptives were of the other table.
      if (dataStore.tableId !== tableId) this.#description = null;
      this.#notice = label ? `${verb}: ${label}.` : nothing;
    } catch (err) {
      this.showError(err instanceof Error ? err.message : String(err));
    }
  }

  /** Download the table as CSV (File → Export data…). */
  exportData(): void {
    const table = dataStore.table;
    if (!table) return this.say("There is no data to export yet.");
    const name = dataStore.fileName.replace(/\.[^.]*$/, "") + ".csv";
    const url = URL.createObjectURL(new Blob([tableToCsv(table)], { type: "text/csv" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.#notice = `Exported ${table.nrow} rows to ${name}.`;
  }

  async quit(): Promise<void> {
    const result = await api.request("quit", {});
    this.#notice = result.ok ? "Mixwell has stopped. You can close this tab." : result.error.message;
  }
}

export const workspace = new Workspace();
dataStore.onSyncError = (message) => workspace.showError(message);
dataStore.onEdited = (edit) => {
  const { renamed, models: followed } = models.followDataEdit(edit);
  if (renamed.length !== 1 || followed.length === 0) return;
  const [from, to] = renamed[0];
  const which = followed.length === 1 ? `the model '${followed[0]}'` : `${followed.length} models`;
  // Undo and redo say what they did after this; a rename made in the column panel says it here.
  workspace.say(`Renamed '${from}' to '${to}', in ${which} too; fits stay current (a rename changes no data).`);
};
