/**
 * What the Electron preload exposes to the renderer as `window.mixwell` (and nothing else):
 * send one API call, and listen to progress events. Declared once here for both sides.
 */
import type { ApiEnvelope, ApiResult, ProgressEvent } from "./contract";
import type { AppCommand } from "./contract-project";

export interface MixwellBridge {
  request(call: ApiEnvelope): Promise<ApiResult<unknown>>;
  /** Returns a function that stops listening. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Native menu commands and files opened from the OS (desktop app); returns a function that stops listening. */
  onCommand?(listener: (command: AppCommand) => void): () => void;
}
