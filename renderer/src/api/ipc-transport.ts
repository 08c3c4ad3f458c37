/** Electron: the preload's `window.mixwell` bridge already is a transport. */
import type { MixwellBridge } from "../../../app/api";
import type { Transport } from "./transport";

declare global {
  interface Window {
    mixwell?: MixwellBridge;
  }
}

export function ipcTransport(): Transport | undefined {
  const bridge = window.mixwell;
  if (!bridge) return undefined;
  return { send: (call) => bridge.request(call), onProgress: (listener) => bridge.onProgress(listener) };
}
