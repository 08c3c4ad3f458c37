/**
 * Electron main process: one window showing the renderer from dist/renderer, locked down —
 * context isolation, sandbox, no Node in the page, navigation and new windows refused, a strict
 * Content-Security-Policy on every response, no permissions granted. All work goes through the
 * API dispatcher (ipc.ts), whose fits run in the worker pool. Native menus send File commands to
 * the page; .mixwell files opened from the OS (double-click, file association) are opened in the
 * page; closing with unsaved changes asks first.
 */
import { app, BrowserWindow, Menu, session, shell } from "electron";
import { IPC_COMMAND_CHANNEL, type AppCommand } from "../../app/api/contract-project";
import { confirmCloseWithoutSaving, nativeDialogs } from "./dialogs";
import { applicationMenu, sendCommand } from "./menu";
import { OpenFileQueue, projectPathsFromArgv } from "./open-files";
import { RecentProjects, RecoveryStore } from "../project";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createBackend } from "../api";
import { registerIpc } from "./ipc";
import { isOwnPage } from "./trusted-sender";
import { isAllowedExternalUrl, navigationAllowed } from "./external-links";

const indexHtml = fileURLToPath(new URL("../renderer/index.html", import.meta.url));
const indexUrl = pathToFileURL(indexHtml).href;
const preload = fileURLToPath(new URL("./preload.cjs", import.meta.url));

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const isOurPage = (url: string) => isOwnPage(url, indexUrl);

/** `discarded`: the user chose to close without saving (the recovery file is then no longer wanted). */
function createWindow(discarded: () => void = () => {}): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: "Mixwell",
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  win.once("ready-to-show", () => win.show());
  // The page refuses to unload while it has unsaved changes (beforeunload); ask the user.
  win.webContents.on("will-prevent-unload", (event) => {
    if (!confirmCloseWithoutSaving(win)) return;
    discarded();
    event.preventDefault();
  });
  void win.loadFile(indexHtml);
  return win;
}

function lockDown(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on("web-contents-created", (_event, contents) => {
    const stayHome = (event: { preventDefault(): void }, url: string) => {
      if (!navigationAllowed(url, isOurPage)) event.preventDefault();
    };
    contents.on("will-navigate", stayHome);
    contents.on("will-redirect", stayHome);
    contents.on("will-attach-webview", (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: "deny" };
    });
  });
}

const openFiles = new OpenFileQueue();
// macOS delivers double-clicked files by event, possibly before the app is ready.
app.on("open-file", (event, path) => {
  event.preventDefault();
  openFiles.push(path);
});
for (const path of projectPathsFromArgv(process.argv, process.cwd())) openFiles.push(path);

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) return app.quit();
  await app.whenReady();
  lockDown();
  let win: BrowserWindow | null = null;
  const send = (command: AppCommand) => {
    if (win) sendCommand(win, IPC_COMMAND_CHANNEL, command);
  };
  const configDir = app.getPath("userData");
  const recent = new RecentProjects(configDir);
  const refreshMenu = async () => Menu.setApplicationMenu(applicationMenu(send, await recent.list()));
  await refreshMenu();
  const noteRecent = (path: string) => {
    app.addRecentDocument(path);
    void refreshMenu();
  };
  const backend = createBackend({ mode: "electron", quit: () => app.quit(), configDir, dialogs: nativeDialogs(() => win, noteRecent) });
  registerIpc(backend, indexUrl);
  win = createWindow(() => void new RecoveryStore(configDir).clear());
  openFiles.ready((path) => send({ kind: "openPath", path }));
  app.on("second-instance", (_event, argv, cwd) => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
    for (const path of projectPathsFromArgv(argv, cwd)) openFiles.push(path);
  });
  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow(() => void new RecoveryStore(configDir).clear());
  });
  win.on("closed", () => (win = BrowserWindow.getAllWindows()[0] ?? null));
  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });
  app.on("before-quit", () => void backend.close());
}

void start();
