/**
 * The desktop app's native menus. File commands go to the page (the same actions as its own File
 * menu, which asks about unsaved changes and opens dialogs); Quit too, so unsaved work is asked
 * about first. The Edit menu is left to the page (its grid handles copy, paste, undo) except on
 * macOS, where the system needs it.
 */
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from "electron";
import type { AppCommand } from "../../app/api/contract-project";
import type { RecentProject } from "../project";

export function applicationMenu(send: (command: AppCommand) => void, recent: readonly RecentProject[] = []): Menu {
  const mac = process.platform === "darwin";
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
  const template: MenuItemConstructorOptions[] = mac
    ? [appMenu, file, { role: "editMenu" }, view, { role: "windowMenu" }]
    : [file, view];
  return Menu.buildFromTemplate(template);
}

/** Send a command to the window's page once it has loaded. */
export function sendCommand(win: BrowserWindow, channel: string, command: AppCommand): void {
  if (win.isDestroyed()) return;
  const contents = win.webContents;
  if (contents.isLoading()) contents.once("did-finish-load", () => contents.send(channel, command));
  else contents.send(channel, command);
}
