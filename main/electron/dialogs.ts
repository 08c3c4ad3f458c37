/**
 * Native file dialogs for the project API's chooseFile (Open, Save As, Export), and the question
 * asked when a window with unsaved changes is about to close.
 */
import { app, dialog, type BrowserWindow } from "electron";
import { join } from "node:path";
import type { ChooseFileRequest } from "../../app/api/contract-project";
import type { FileDialogs } from "../project";

const FILTERS = {
  openProject: [{ name: "Mixwell project", extensions: ["mixwell"] }],
  saveProject: [{ name: "Mixwell project", extensions: ["mixwell"] }],
  exportPdf: [{ name: "PDF report", extensions: ["pdf"] }],
  exportCsv: [{ name: "CSV table", extensions: ["csv"] }],
} as const;

const TITLES = { openProject: "Open project", saveProject: "Save project", exportPdf: "Export PDF report", exportCsv: "Export table as CSV" } as const;

export function nativeDialogs(window: () => BrowserWindow | null, noteRecent: (path: string) => void): FileDialogs {
  return {
    noteRecent,
    async choose(request: ChooseFileRequest): Promise<string | null> {
      const win = window();
      const filters = FILTERS[request.purpose].map((f) => ({ name: f.name, extensions: [...f.extensions] }));
      const title = TITLES[request.purpose];
      if (request.purpose === "openProject") {
        const options = { title, filters, properties: ["openFile" as const] };
        const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      }
      const defaultPath = join(app.getPath("documents"), request.defaultName ?? "");
      const options = { title, filters, defaultPath };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}

/** The page has unsaved changes and is being closed: true to close anyway. */
export function confirmCloseWithoutSaving(win: BrowserWindow): boolean {
  const choice = dialog.showMessageBoxSync(win, {
    type: "question",
    buttons: ["Close without saving", "Cancel"],
    defaultId: 1,
    cancelId: 1,
    title: "Unsaved changes",
    message: "The project has changes that are not saved.",
    detail: "Close Mixwell and lose them? Choose Cancel, then File → Save to keep them.",
  });
  return choice === 0;
}
