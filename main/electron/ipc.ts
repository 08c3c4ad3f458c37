/**
 * The IPC transport: one channel for API calls, answered by the same dispatcher as browser mode.
 * A call is refused unless it comes from the main frame of one of our windows showing our own
 * page; its payload is validated by the dispatcher.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from "electron";
import { IPC_PROGRESS_CHANNEL, IPC_REQUEST_CHANNEL, type ApiResult } from "../../app/api/contract";
import type { Backend } from "../api";
import { isTrustedSender } from "./trusted-sender";

export function registerIpc(backend: Backend, indexUrl: string): void {
  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event: IpcMainInvokeEvent, raw: unknown): Promise<ApiResult<unknown>> => {
    const frame = event.senderFrame;
    const sender = { frameUrl: frame?.url, isMainFrame: frame !== null && frame === event.sender.mainFrame };
    if (!isTrustedSender(sender, indexUrl)) {
      return { ok: false, error: { name: "Forbidden", message: "Refused a request from a page that is not Mixwell's." } };
    }
    const outcome = await backend.dispatcher.dispatch(raw, (progress) => send(event.sender, progress));
    return outcome.result;
  });
}

function send(contents: WebContents, progress: unknown): void {
  if (!contents.isDestroyed()) contents.send(IPC_PROGRESS_CHANNEL, progress);
}
