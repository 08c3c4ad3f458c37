/**
 * Electron main process: one window showing the renderer from dist/renderer, locked down —
 * context isolation, sandbox, no Node in the page, navigation and new windows refused, a strict
 * Content-Security-Policy on every response, no permissions granted. All work goes through the
 * API dispatcher (ipc.ts), whose fits run in the worker pool.
 */
import { app, BrowserWindow, Menu, session, shell } from "electron";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createBackend } from "../api";
import { registerIpc } from "./ipc";
import { isOwnPage } from "./trusted-sender";

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

function createWindow(): BrowserWindow {
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
  void win.loadFile(indexHtml);
  return win;
}

function lockDown(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  app.on("web-contents-created", (_event, contents) => {
    contents.on("will-navigate", (event, url) => {
      if (!isOurPage(url)) event.preventDefault();
    });
    contents.on("will-attach-webview", (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: "deny" };
    });
  });
}

function applicationMenu(): void {
  // The File menu lives in the page (same in browser mode); macOS still needs its app menu for
  // Quit, copy and paste.
  if (process.platform === "darwin") {
    Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: "appMenu" }, { role: "editMenu" }, { role: "windowMenu" }]));
  } else Menu.setApplicationMenu(null);
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) return app.quit();
  await app.whenReady();
  lockDown();
  applicationMenu();
  const backend = createBackend({ mode: "electron", quit: () => app.quit() });
  registerIpc(backend, indexUrl);
  let win = createWindow();
  app.on("second-instance", () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow();
  });
  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });
  app.on("before-quit", () => void backend.close());
}

void start();
