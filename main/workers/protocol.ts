/** Messages between WorkerPool (main thread) and worker-entry.ts (worker thread). */
import type { ErrorInfo } from "../../app/errors";

export interface RunJobMessage {
  readonly type: "run";
  readonly jobId: number;
  readonly kind: string;
  readonly input: unknown;
}

export type WorkerMessage =
  | { readonly type: "ready" }
  | { readonly type: "progress"; readonly jobId: number; readonly fraction: number | null; readonly message: string }
  | { readonly type: "done"; readonly jobId: number; readonly output: unknown }
  | { readonly type: "failed"; readonly jobId: number; readonly error: ErrorInfo };
