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

/**
 * The error as data for a user: a MixwellError (or a cancellation) as it is; anything else —
 * a bug or a limit of the runtime tripped by hostile input — becomes a MixwellError with a
 * plain message, so no stack trace or "RangeError" reaches a person.
 */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof Error && (err instanceof MixwellError || err.name === "MixwellError" || err.name === "Cancelled")) {
    return { name: err.name, message: err.message };
  }
  return { name: "MixwellError", message: plainMessage(err) };
}

/** Any thrown value as a MixwellError with a message a user can read. */
export function asMixwellError(err: unknown): MixwellError {
  return err instanceof MixwellError ? err : new MixwellError(toErrorInfo(err).message);
}

function plainMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError && /call stack/i.test(message)) {
    return "The input is too large or too deeply nested for Mixwell to process; a limit was exceeded.";
  }
  if (err instanceof RangeError && /array length|allocation failed|out of memory|Invalid typed array length/i.test(message)) {
    return "The input is too large for Mixwell to hold in memory.";
  }
  return `Mixwell could not finish this step (${message}). If it happens again, please report it with the steps that led to it.`;
}
