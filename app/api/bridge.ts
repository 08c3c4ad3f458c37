/**
 * What the Electron preload exposes to the renderer as `window.mixwell` (and nothing else):
 * send one API call, and listen to progress events. Declared once here for both sides.
 */
import type { ApiEnvelope, ApiResult, ProgressEvent } from "./contract";

export interface MixwellBridge {
  request(call: ApiEnvelope): Promise<ApiResult<unknown>>;
  /** Returns a function that stops listening. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
}
