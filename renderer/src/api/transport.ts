/** How the renderer reaches the back end: Electron IPC or the browser-mode WebSocket. */
import type { ApiEnvelope, ApiResult, ProgressEvent } from "../../../app/api";

export interface Transport {
  send(call: ApiEnvelope): Promise<ApiResult<unknown>>;
  onProgress(listener: (event: ProgressEvent) => void): () => void;
}
