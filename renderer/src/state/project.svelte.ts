/**
 * The open project: its file (path and name), whether it has unsaved changes (shown in the window
 * title; asked about before New, Open and Quit), recent files, the autosave to the recovery file
 * and the offer to recover after a crash; and the project's file actions — Open, Save, Save As,
 * Export — through native dialogs in the desktop app and through the page in browser mode
 * (upload / download, or a path on this computer via the local host).
 */
import type { AppCommand, OpenedProject, RecentProjectInfo, RecoveryOffer } from "../../../app/api";
// The project's pure parts only (app/project's index would also bring the fitting code).
import { AutosaveTimer } from "../../../app/project/autosave";
import { serializeProject } from "../../../app/project/parse";
import { createProject, type Project, type ProjectContent } from "../../../app/project/schema";
import { DEFAULT_NUMBER_STYLE, type NumberStyle } from "../../../app/report/format-table";
import { termNamesSetting, type TermNames } from "../../../app/report/term-labels";
import { api } from "../api";
import { dataStore } from "./data-table.svelte";
import { contentWithoutData, currentContent, currentSignature, restoreContent, sameSignature, type Signature } from "./project-content";
import { workspace } from "./workspace.svelte";
import { readFileAsBase64 } from "./read-file";

/** Data actions of the window that the desktop app's native File menu triggers. */
export interface DataMenuActions {
  importData(): void;
  openSample(): void;
}

/** The dialogs the project actions open in the page. */
export type ProjectDialog =
  | { readonly kind: "open" }
  | { readonly kind: "saveAs"; readonly then?: () => void }
  | { readonly kind: "export" }
  | { readonly kind: "unsaved"; readonly action: string; readonly proceed: () => void };

const APP_VERSION = "0.1.0";

class ProjectState {
  #path = $state<string | null>(null);
  #fileName = $state("Untitled");
  #baseline = $state.raw<Signature>(currentSignature());
  #recent = $state.raw<readonly RecentProjectInfo[]>([]);
  #recovery = $state.raw<RecoveryOffer | null>(null);
  #dialog = $state.raw<ProjectDialog | null>(null);
  #mode = $state<"electron" | "browser">("browser");
  #numberStyle = $state<NumberStyle>(DEFAULT_NUMBER_STYLE);
  /** Readable term names or R's, in tables, copies and reports; saved with the number style. */
  #termNames = $state<TermNames>(termNamesSetting(undefined));
  #autosave = new AutosaveTimer(() => this.#writeRecovery());

  readonly dirty: boolean = $derived(!sameSignature(currentSignature(), this.#baseline));
  readonly title: string = $derived(`${this.dirty ? "• " : ""}${this.#fileName} — Mixwell`);

  get path(): string | null {
    return this.#path;
  }
  get fileName(): string {
    return this.#fileName;
  }
  get recent(): readonly RecentProjectInfo[] {
    return this.#recent;
  }
  get recovery(): RecoveryOffer | null {
    return this.#recovery;
  }
  get dialog(): ProjectDialog | null {
    return this.#dialog;
  }
  /** File name to suggest when saving: the project's, else the data file's name as a project. */
  get suggestedName(): string {
    if (this.#path || this.#fileName !== "Untitled") return this.#fileName.endsWith(".mixwell") ? this.#fileName : `${this.#fileName}.mixwell`;
    const stem = dataStore.fileName.replace(/\.[^.]*$/, "");
    return `${stem || "Untitled"}.mixwell`;
  }
  get desktop(): boolean {
    return this.#mode === "electron";
  }
  get numberStyle(): NumberStyle {
    return this.#numberStyle;
  }
  set numberStyle(style: NumberStyle) {
    this.#numberStyle = style;
  }
  get termNames(): TermNames {
    return this.#termNames;
  }
  set termNames(names: TermNames) {
    this.#termNames = names;
  }

  /** At start-up: the mode, recent files, and whether unsaved work waits to be recovered. */
  async start(): Promise<void> {
    const info = await api.request("appInfo", {});
    if (info.ok) this.#mode = info.value.mode;
    await this.refreshRecent();
    const offer = await api.request("recoveryOffer", {});
    if (offer.ok && offer.value.savedAt) this.#recovery = offer.value;
  }

  /** Keep the autosave timer running exactly while there are unsaved changes (called from an effect). */
  trackChanges(dirty: boolean): void {
    this.#autosave.setDirty(dirty);
  }

  closeDialog(): void {
    this.#dialog = null;
  }

  async refreshRecent(): Promise<void> {
    const recent = await api.request("recentProjects", {});
    if (recent.ok) this.#recent = recent.value.projects;
  }

  /** Ask first when there are unsaved changes; `action` says what would discard them ("open another project"). */
  #guard(action: string, proceed: () => void): void {
    if (!this.dirty) return proceed();
    this.#dialog = { kind: "unsaved", action, proceed };
  }

  /** The unsaved-changes dialog's answers. */
  async saveThenProceed(): Promise<void> {
    const dialog = this.#dialog;
    if (dialog?.kind !== "unsaved") return;
    this.#dialog = null;
    if (await this.save()) return dialog.proceed();
    // Browser mode without a file yet: the save dialog is open; go on once it has saved.
    const next = this.#dialog as ProjectDialog | null;
    if (next?.kind === "saveAs") this.#dialog = { kind: "saveAs", then: dialog.proceed };
  }
  discardThenProceed(): void {
    const dialog = this.#dialog;
    if (dialog?.kind !== "unsaved") return;
    this.#dialog = null;
    void api.request("discardRecovery", {});
    this.#baseline = currentSignature();
    dialog.proceed();
  }

  /** File → New; `then` runs in the new project (an import opened as a new project loads its data). */
  newProject(then?: () => Promise<void>, action = "start a new project"): void {
    this.#guard(action, () => {
      workspace.newWorkspace();
      void restoreContent(createProject({ data: null, models: [], view: { selectedModel: 0, settings: {} } }, APP_VERSION)).then(async () => {
        this.#setFile(null, "Untitled");
        await then?.();
      });
    });
  }

  /** File → Open…: a native dialog (desktop) or the page's open dialog (upload, path, recent). */
  open(): void {
    this.#guard("open another project", () => void this.#chooseAndOpen());
  }

  async #chooseAndOpen(): Promise<void> {
    if (!this.desktop) {
      this.#dialog = { kind: "open" };
      return;
    }
    const chosen = await api.request("chooseFile", { purpose: "openProject" });
    if (!chosen.ok) return workspace.showError(chosen.error.message);
    if (chosen.value.path) await this.openPath(chosen.value.path);
  }

  /** Open a project file by path (desktop dialog, recent list, a typed path, a double-clicked file). */
  async openPath(path: string): Promise<boolean> {
    return this.#load(`Opening ${path}`, () => api.request("openProject", { path }));
  }

  /** Browser mode: a project file chosen in the page. */
  async openUpload(file: File): Promise<boolean> {
    return this.#load(`Opening ${file.name}`, async () =>
      api.request("readProject", { fileName: file.name, contentBase64: await readFileAsBase64(file) }),
    );
  }

  async #load(label: string, read: () => ReturnType<typeof api.request<"openProject">>): Promise<boolean> {
    workspace.say(`${label}…`);
    const result = await read();
    // A file that cannot be read changes nothing: the open project stays as it was.
    if (!result.ok) {
      this.#dialog = null;
      workspace.showError(result.error.message);
      return false;
    }
    await this.#restore(result.value);
    this.#dialog = null;
    void this.refreshRecent();
    workspace.say(`Opened ${result.value.fileName}.`);
    return true;
  }

  async #restore(opened: OpenedProject, markSaved = true): Promise<void> {
    workspace.newWorkspace();
    await restoreContent(opened.project);
    const style = opened.project.view.settings.numberStyle;
    if (style === "apa" || style === "plain") this.#numberStyle = style;
    this.#termNames = termNamesSetting(opened.project.view.settings);
    this.#path = opened.path;
    this.#fileName = opened.fileName;
    if (markSaved) this.#baseline = currentSignature();
  }

  #setFile(path: string | null, fileName: string): void {
    this.#path = path;
    this.#fileName = fileName;
    this.#baseline = currentSignature();
  }

  /** The project as it is now, ready to be written. */
  async snapshot(): Promise<Project> {
    await dataStore.synced();
    return createProject(currentContent(this.#settings()), APP_VERSION);
  }

  /** The project's view settings as written with it. */
  #settings(): ProjectContent["view"]["settings"] {
    return { numberStyle: this.#numberStyle, termNames: this.#termNames };
  }

  /** File → Save: to the project's file, or Save As when it has none. Resolves true when saved. */
  async save(): Promise<boolean> {
    return this.#path ? this.saveTo(this.#path) : this.saveAs();
  }

  /**
   * File → Save As…: a native dialog (desktop; true once saved) or the page's save dialog
   * (browser mode; false here, the dialog saves).
   */
  async saveAs(): Promise<boolean> {
    if (!this.desktop) {
      this.#dialog = { kind: "saveAs" };
      return false;
    }
    const chosen = await api.request("chooseFile", { purpose: "saveProject", defaultName: this.suggestedName });
    if (!chosen.ok) {
      workspace.showError(chosen.error.message);
      return false;
    }
    return chosen.value.path ? this.saveTo(chosen.value.path) : false;
  }

  async saveTo(path: string): Promise<boolean> {
    const signature = currentSignature();
    const result = await api.request("saveProject", { path, project: await this.snapshot() });
    if (!result.ok) {
      workspace.showError(result.error.message);
      return false;
    }
    this.#path = result.value.path;
    this.#fileName = result.value.fileName;
    this.#baseline = signature;
    const then = this.#dialog?.kind === "saveAs" ? this.#dialog.then : undefined;
    this.#dialog = null;
    void this.refreshRecent();
    workspace.say(`Saved ${result.value.path}.`);
    then?.();
    return true;
  }

  /** Browser mode: save by downloading the project file (it is then saved as far as we can tell). */
  async download(): Promise<void> {
    const name = this.suggestedName;
    const signature = currentSignature();
    downloadBlob(new Blob([serializeProject(await this.snapshot())], { type: "application/x-mixwell" }), name);
    this.#fileName = name;
    this.#baseline = signature;
    const then = this.#dialog?.kind === "saveAs" ? this.#dialog.then : undefined;
    this.#dialog = null;
    void api.request("discardRecovery", {});
    workspace.say(`Downloaded ${name}.`);
    then?.();
  }

  /** File → Export…: the export dialog (PDF report, CSV tables, copy a table). */
  openExport(): void {
    this.#dialog = { kind: "export" };
  }

  quit(): void {
    this.#guard("quit", () => {
      void api.request("discardRecovery", {});
      void workspace.quit();
    });
  }

  /** After a crash: load the autosaved work; it stays marked unsaved until the user saves it. */
  async recover(): Promise<void> {
    const result = await api.request("recoverProject", {});
    this.#recovery = null;
    if (!result.ok) return workspace.showError(result.error.message);
    await this.#restore(result.value, false);
    workspace.say(`Recovered the unsaved work of ${result.value.fileName}. Save it to keep it.`);
  }

  async discardRecovery(): Promise<void> {
    this.#recovery = null;
    await api.request("discardRecovery", {});
  }

  /**
   * The autosave names the table the back end holds instead of sending its cells: copying and
   * sending a large table every minute blocked the window for seconds. When the back end no
   * longer holds it (many imports since), the whole project goes as a save does.
   */
  async #writeRecovery(): Promise<void> {
    await dataStore.synced();
    const storedData = dataStore.storedRef();
    if (storedData) {
      const sent = await api.request("writeRecovery", { project: createProject(contentWithoutData(this.#settings()), APP_VERSION), path: this.#path, storedData });
      if (sent.ok) return;
    }
    await api.request("writeRecovery", { project: await this.snapshot(), path: this.#path });
  }

  /** The window's own data actions, which the native File menu also offers (set by the App). */
  #dataActions: DataMenuActions | null = null;
  bindDataActions(actions: DataMenuActions): void {
    this.#dataActions = actions;
  }

  /** Commands from the desktop app's native menu and from files opened in the OS. */
  handle(command: AppCommand): void {
    switch (command.kind) {
      case "importData": return this.#dataActions?.importData();
      case "openSample": return this.#dataActions?.openSample();
      case "exportData": return void workspace.exportData();
      case "new": return this.newProject();
      case "open": return this.open();
      case "save": return void this.save();
      case "saveAs": return void this.saveAs();
      case "export": return this.openExport();
      case "quit": return this.quit();
      case "openPath": return this.#guard("open another project", () => void this.openPath(command.path));
    }
  }
}

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const project = new ProjectState();
