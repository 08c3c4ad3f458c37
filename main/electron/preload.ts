/**
 * Preload (sandboxed): exposes exactly the MixwellBridge — one request function, a progress
 * listener and a listener for native menu commands — on `window.mixwell`. The renderer never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import type { MixwellBridge } from "../../app/api/bridge";
import { IPC_PROGRESS_CHANNEL, IPC_REQUEST_CHANNEL, type ApiEnvelope, type ApiResult, type ProgressEvent } from "../../app/api/contract";
import { IPC_COMMAND_CHANNEL, type AppCommand } from "../../app/api/contract-project";

const bridge: MixwellBridge = {
  request: (call: ApiEnvelope) => ipcRenderer.invoke(IPC_REQUEST_CHANNEL, call) as Promise<ApiResult<unknown>>,
  onProgress(listener) {
    const wrapped = (_event: IpcRendererEvent, progress: ProgressEvent) => listener(progress);
    ipcRenderer.on(IPC_PROGRESS_CHANNEL, wrapped);
    return () => void ipcRenderer.removeListener(IPC_PROGRESS_CHANNEL, wrapped);
  },
  onCommand(listener) {
    const wrapped = (_event: IpcRendererEvent, command: AppCommand) => listener(command);
    ipcRenderer.on(IPC_COMMAND_CHANNEL, wrapped);
    return () => void ipcRenderer.removeListener(IPC_COMMAND_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld("mixwell", bridge);
