/**
 * An error whose message is written for the person using Mixwell, not for a programmer.
 * Thrown anywhere in app/ for bad input or an impossible model; caught once at a boundary
 * (CLI, IPC handler, worker) and shown as is.
 */
export class MixwellError extends Error {
  override readonly name = "MixwellError";
  constructor(message: string) {
    super(message);
  }
}

/** Plain data for an error that crosses a process boundary (IPC, worker, HTTP). */
export interface ErrorInfo {
  readonly name: string;
  readonly message: string;
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: "Error", message: String(err) };
}
