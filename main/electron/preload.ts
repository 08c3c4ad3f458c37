/**
 * Preload (sandboxed): exposes exactly the MixwellBridge — one request function and a progress
 * listener — on `window.mixwell`. The renderer never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import type { MixwellBridge } from "../../app/api/bridge";
import { IPC_PROGRESS_CHANNEL, IPC_REQUEST_CHANNEL, type ApiEnvelope, type ApiResult, type ProgressEvent } from "../../app/api/contract";

const bridge: MixwellBridge = {
  request: (call: ApiEnvelope) => ipcRenderer.invoke(IPC_REQUEST_CHANNEL, call) as Promise<ApiResult<unknown>>,
  onProgress(listener) {
    const wrapped = (_event: IpcRendererEvent, progress: ProgressEvent) => listener(progress);
    ipcRenderer.on(IPC_PROGRESS_CHANNEL, wrapped);
    return () => void ipcRenderer.removeListener(IPC_PROGRESS_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld("mixwell", bridge);
