/** The desktop app's native menus, built from menuTemplate, and delivery of their commands to the page. */
import { Menu, type BrowserWindow } from "electron";
import type { AppCommand } from "../../app/api/contract-project";
import type { RecentProject } from "../project";
import { menuTemplate } from "./menu-template";

export function applicationMenu(send: (command: AppCommand) => void, recent: readonly RecentProject[] = []): Menu {
  return Menu.buildFromTemplate(menuTemplate(send, recent, process.platform === "darwin"));
}

/** Send a command to the window's page once it has loaded. */
export function sendCommand(win: BrowserWindow, channel: string, command: AppCommand): void {
  if (win.isDestroyed()) return;
  const contents = win.webContents;
  if (contents.isLoading()) contents.once("did-finish-load", () => contents.send(channel, command));
  else contents.send(channel, command);
}
