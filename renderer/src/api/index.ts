import { ApiClient } from "./client";
import { ipcTransport } from "./ipc-transport";
import { wsTransport } from "./ws-transport";

export type { RequestOptions } from "./client";
export { ApiClient } from "./client";

/** The app's one client: Electron's bridge when present, the local host's WebSocket otherwise. */
export const api = new ApiClient(ipcTransport() ?? wsTransport(window.location));
