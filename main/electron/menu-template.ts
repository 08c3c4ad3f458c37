/**
 * The desktop app's native menu bar as a plain template (no Electron objects, so it is testable
 * without the runtime). File commands go to the page: the same actions as the File menu the page
 * shows in browser mode, which ask about unsaved changes and open dialogs. In the desktop app the
 * page hides its own File menu, so every item of it must be here. Quit goes to the page too, so
 * unsaved work is asked about first. The Edit menu is left to the page (its grid handles copy,
 * paste, undo) except on macOS, where the system needs it.
 */
import type { MenuItemConstructorOptions } from "electron";
import type { AppCommand } from "../../app/api/contract-project";
import type { RecentProject } from "../project";

export function menuTemplate(
  send: (command: AppCommand) => void,
  recent: readonly RecentProject[],
  mac: boolean,
): MenuItemConstructorOptions[] {
  const command = (kind: Exclude<AppCommand["kind"], "openPath">) => () => send({ kind } as AppCommand);
  const file: MenuItemConstructorOptions = {
    label: "&File",
    submenu: [
      { label: "New", accelerator: "CmdOrCtrl+N", click: command("new") },
      { label: "Open…", accelerator: "CmdOrCtrl+O", click: command("open") },
      {
        label: "Open Recent",
        enabled: recent.length > 0,
        submenu: recent.map((r) => ({ label: r.name, sublabel: r.path, click: () => send({ kind: "openPath", path: r.path }) })),
      },
      { type: "separator" },
      { label: "Save", accelerator: "CmdOrCtrl+S", click: command("save") },
      { label: "Save As…", accelerator: "CmdOrCtrl+Shift+S", click: command("saveAs") },
      { type: "separator" },
      { label: "Import data…", click: command("importData") },
      { label: "Open sample…", click: command("openSample") },
      { label: "Export data…", click: command("exportData") },
      { label: "Export…", accelerator: "CmdOrCtrl+E", click: command("export") },
      ...(mac ? [] : [{ type: "separator" } as const, { label: "Quit", accelerator: "CmdOrCtrl+Q", click: command("quit") }]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: "&View",
    submenu: [{ role: "resetZoom" }, { role: "zoomIn" }, { role: "zoomOut" }, { type: "separator" }, { role: "togglefullscreen" }],
  };
  const appMenu: MenuItemConstructorOptions = {
    role: "appMenu",
    submenu: [{ role: "about" }, { type: "separator" }, { role: "hide" }, { role: "hideOthers" }, { role: "unhide" }, { type: "separator" }, { label: "Quit Mixwell", accelerator: "Cmd+Q", click: command("quit") }],
  };
  return mac ? [appMenu, file, { role: "editMenu" }, view, { role: "windowMenu" }] : [file, view];
}
