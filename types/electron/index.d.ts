/**
 * Fallback types for the part of Electron's API that main/electron uses, for machines where
 * `npm ci` could not download Electron's runtime. Electron is an optional dependency: when its
 * install step fails, npm leaves it out, and its own declarations (node_modules/electron/
 * electron.d.ts) go with it. tsconfig.json maps "electron" to the real package first and to this
 * file only when the package is absent, so where Electron is installed the code is checked
 * against Electron's real declarations (this file is then unused).
 *
 * The signatures are copied from Electron 41's electron.d.ts, narrowed to what Mixwell calls.
 * Add to them (from that file) when main/electron starts to use more of Electron.
 */
/// <reference types="node" />
import type { EventEmitter } from "node:events";

export type Event<Params extends object = {}> = { preventDefault: () => void; readonly defaultPrevented: boolean } & Params;

export interface FileFilter {
  name: string;
  extensions: string[];
}
export interface OpenDialogOptions {
  title?: string;
  defaultPath?: string;
  filters?: FileFilter[];
  properties?: Array<"openFile" | "openDirectory" | "multiSelections" | "showHiddenFiles">;
}
export interface OpenDialogReturnValue {
  canceled: boolean;
  filePaths: string[];
}
export interface SaveDialogOptions {
  title?: string;
  defaultPath?: string;
  filters?: FileFilter[];
}
export interface SaveDialogReturnValue {
  canceled: boolean;
  filePath: string;
}
export interface MessageBoxSyncOptions {
  message: string;
  type?: "none" | "info" | "error" | "question" | "warning";
  buttons?: string[];
  defaultId?: number;
  cancelId?: number;
  title?: string;
  detail?: string;
}

export interface MenuItemConstructorOptions {
  click?: (...args: unknown[]) => void;
  role?:
    | "undo" | "redo" | "cut" | "copy" | "paste" | "selectAll" | "reload" | "forceReload" | "toggleDevTools"
    | "resetZoom" | "zoomIn" | "zoomOut" | "togglefullscreen" | "window" | "minimize" | "close" | "help" | "about"
    | "services" | "hide" | "hideOthers" | "unhide" | "quit" | "appMenu" | "fileMenu" | "editMenu" | "viewMenu"
    | "windowMenu";
  type?: "normal" | "separator" | "submenu" | "checkbox" | "radio";
  label?: string;
  sublabel?: string;
  accelerator?: string;
  enabled?: boolean;
  visible?: boolean;
  checked?: boolean;
  submenu?: MenuItemConstructorOptions[] | Menu;
  id?: string;
}

export class Menu {
  static buildFromTemplate(template: Array<MenuItemConstructorOptions>): Menu;
  static setApplicationMenu(menu: Menu | null): void;
}

export interface WebFrameMain {
  readonly url: string;
}

export interface HandlerDetails {
  url: string;
}
export type WindowOpenHandlerResponse = { action: "deny" } | { action: "allow" };

export interface WebContents extends EventEmitter {
  readonly mainFrame: WebFrameMain;
  isDestroyed(): boolean;
  isLoading(): boolean;
  send(channel: string, ...args: unknown[]): void;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  on(event: "will-prevent-unload", listener: (event: Event) => void): this;
  on(event: "will-navigate" | "will-redirect", listener: (event: Event, url: string) => void): this;
  on(event: "will-attach-webview", listener: (event: Event) => void): this;
  once(event: "did-finish-load", listener: () => void): this;
}

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  spellcheck?: boolean;
}
export interface BrowserWindowConstructorOptions {
  width?: number;
  height?: number;
  title?: string;
  show?: boolean;
  webPreferences?: WebPreferences;
}

export class BrowserWindow extends EventEmitter {
  constructor(options?: BrowserWindowConstructorOptions);
  static getAllWindows(): BrowserWindow[];
  readonly webContents: WebContents;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  show(): void;
  loadFile(filePath: string): Promise<void>;
  once(event: "ready-to-show", listener: () => void): this;
  on(event: "closed", listener: () => void): this;
}

export interface OnHeadersReceivedListenerDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}
export interface HeadersReceivedResponse {
  cancel?: boolean;
  responseHeaders?: Record<string, string | string[]>;
}
export interface WebRequest {
  onHeadersReceived(listener: (details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => void): void;
}
export interface Session {
  readonly webRequest: WebRequest;
  setPermissionRequestHandler(handler: ((webContents: WebContents, permission: string, callback: (permissionGranted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((webContents: WebContents | null, permission: string) => boolean) | null): void;
}
export const session: { readonly defaultSession: Session };

export interface App extends EventEmitter {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  getPath(name: "home" | "appData" | "userData" | "temp" | "documents" | "downloads"): string;
  addRecentDocument(path: string): void;
  on(event: "open-file", listener: (event: Event, path: string) => void): this;
  on(event: "web-contents-created", listener: (event: Event, webContents: WebContents) => void): this;
  on(event: "second-instance", listener: (event: Event, argv: string[], workingDirectory: string) => void): this;
  on(event: "activate" | "window-all-closed" | "before-quit", listener: () => void): this;
}
export const app: App;

export const dialog: {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  showMessageBoxSync(window: BrowserWindow, options: MessageBoxSyncOptions): number;
};

export const shell: { openExternal(url: string): Promise<void> };

export interface IpcMainInvokeEvent {
  readonly sender: WebContents;
  readonly senderFrame: WebFrameMain | null;
}
export const ipcMain: {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => Promise<unknown> | unknown): void;
};

export interface IpcRendererEvent {
  readonly sender: unknown;
}
export const ipcRenderer: {
  invoke(channel: string, ...args: unknown[]): Promise<any>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): unknown;
  removeListener(channel: string, listener: (...args: any[]) => void): unknown;
};
export const contextBridge: { exposeInMainWorld(apiKey: string, api: unknown): void };
