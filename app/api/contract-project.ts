/**
 * The project and export part of the API contract (merged into ApiMethods in contract.ts):
 * open/save project files (by path, or by upload in browser mode), recent files, the recovery
 * file, native file dialogs (Electron), and the PDF report / CSV exports.
 */
import type { Project } from "../project/schema";
import type { NumberStyle } from "../report/format-table";

export interface OpenedProject {
  readonly project: Project;
  /** Full path when the project came from a file on disk; null when uploaded or never saved. */
  readonly path: string | null;
  /** Name shown in the title bar. */
  readonly fileName: string;
}

export interface OpenProjectRequest {
  readonly path: string;
}

/** Browser mode: a project file chosen in the page (no path). */
export interface ReadProjectRequest {
  readonly fileName: string;
  readonly contentBase64: string;
}

export interface SaveProjectRequest {
  /** Where to write; ".mixwell" is added when the name has no extension. */
  readonly path: string;
  readonly project: Project;
}

export interface SavedProject {
  readonly path: string;
  readonly fileName: string;
}

export interface RecentProjectInfo {
  readonly path: string;
  readonly name: string;
  readonly at: string;
}

export interface WriteRecoveryRequest {
  readonly project: Project;
  /** The project's file, or null when it has never been saved. */
  readonly path: string | null;
  /**
   * The project's data are the back end's stored table (project.data is then null): the autosave
   * of a large table need not carry it across every minute, which blocked the window for seconds.
   */
  readonly storedData?: StoredDataRef;
}

/** The data of a project as the table the back end already holds (imported, edits applied). */
export interface StoredDataRef {
  readonly tableId: string;
  readonly fileName: string;
  readonly missingCodes: readonly string[];
}

export interface RecoveryOffer {
  /** When the unsaved work was autosaved (ISO), or null when there is nothing to recover. */
  readonly savedAt: string | null;
  readonly projectPath: string | null;
}

export type FileDialogPurpose = "openProject" | "saveProject" | "exportPdf" | "exportCsv";

export interface ChooseFileRequest {
  readonly purpose: FileDialogPurpose;
  /** Suggested file name (save dialogs). */
  readonly defaultName?: string;
}

export interface ChosenFile {
  /** Null when the user cancelled. */
  readonly path: string | null;
}

export interface ReportRequest {
  readonly project: Project;
  /** Shown in the report's title (the project's file name). */
  readonly projectName: string;
  readonly numberStyle: NumberStyle;
  /** Indexes of the models to include (default all, as stored); chosen models fitted on other data are refitted for the report. */
  readonly models?: readonly number[];
  /** Write the PDF here; without a path the bytes come back (browser download). */
  readonly path?: string;
}

export interface ExportedFile {
  readonly fileName: string;
  /** Where it was written, or null when returned as bytes. */
  readonly path: string | null;
  readonly contentBase64: string | null;
}

export interface WriteExportRequest {
  /** A .csv, .tsv or .txt file. */
  readonly path: string;
  readonly text: string;
}

export type Empty = Record<string, never>;

export interface ProjectApiMethods {
  openProject: { request: OpenProjectRequest; response: OpenedProject };
  readProject: { request: ReadProjectRequest; response: OpenedProject };
  saveProject: { request: SaveProjectRequest; response: SavedProject };
  recentProjects: { request: Empty; response: { readonly projects: readonly RecentProjectInfo[] } };
  /** Autosave of unsaved work (every minute while there are unsaved changes). */
  writeRecovery: { request: WriteRecoveryRequest; response: Empty };
  /** Is there unsaved work from a session that ended without saving? */
  recoveryOffer: { request: Empty; response: RecoveryOffer };
  recoverProject: { request: Empty; response: OpenedProject };
  discardRecovery: { request: Empty; response: Empty };
  /** A native file dialog (desktop app); browser mode has none and refuses. */
  chooseFile: { request: ChooseFileRequest; response: ChosenFile };
  exportReport: { request: ReportRequest; response: ExportedFile };
  writeExport: { request: WriteExportRequest; response: ExportedFile };
}

/** Commands the desktop app's native menu and the OS (a double-clicked file) send to the page. */
export type AppCommand =
  | { readonly kind: "new" | "open" | "save" | "saveAs" | "export" | "quit" }
  /** Data actions the page performs itself (the import dialog, the sample list, a CSV download). */
  | { readonly kind: "importData" | "openSample" | "exportData" }
  | { readonly kind: "openPath"; readonly path: string };

/** IPC channel of AppCommand messages (main → renderer). */
export const IPC_COMMAND_CHANNEL = "mixwell:command";
