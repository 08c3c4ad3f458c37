/**
 * The single entry point for API calls from either transport: validate the call, run its handler
 * with a cancel signal and a progress sink, and turn every outcome into an ApiResult. Errors
 * become data here and nowhere else.
 */
import { parseEnvelope, type ApiResult, type ProgressEvent } from "../../app/api";
import { toErrorInfo } from "../../app/errors";
import type { HandlerContext, Handlers } from "./handlers";

export interface DispatchOutcome {
  /** The call's requestId, when the call was well-formed enough to have one. */
  readonly requestId: string | undefined;
  readonly result: ApiResult<unknown>;
}

type AnyHandler = (payload: unknown, context: HandlerContext) => Promise<unknown>;

export class ApiDispatcher {
  readonly #running = new Map<string, AbortController>();
  constructor(private readonly handlers: Handlers) {}

  /** Handle one raw call; `emit` receives its progress events. Never throws. */
  async dispatch(raw: unknown, emit: (event: ProgressEvent) => void): Promise<DispatchOutcome> {
    // Known before validation, so even a refused call is answered under its own id.
    let requestId = requestIdOf(raw);
    try {
      const call = parseEnvelope(raw);
      requestId = call.requestId;
      if (this.#running.has(requestId)) throw new Error(`Request id '${requestId}' is already in use.`);
      const controller = new AbortController();
      this.#running.set(requestId, controller);
      const id = requestId;
      const context: HandlerContext = {
        requestId: id,
        signal: controller.signal,
        progress: (fraction, message) => emit({ requestId: id, fraction, message }),
        cancelRequest: (other) => this.cancel(other),
      };
      try {
        const handler = this.handlers[call.method] as AnyHandler;
        return { requestId, result: { ok: true, value: await handler(call.payload, context) } };
      } finally {
        this.#running.delete(id);
      }
    } catch (err) {
      return { requestId, result: { ok: false, error: toErrorInfo(err) } };
    }
  }

  cancel(requestId: string): boolean {
    const controller = this.#running.get(requestId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** Cancel everything still running (a window closed, a socket dropped). */
  cancelAll(): void {
    for (const controller of this.#running.values()) controller.abort();
  }
}

function requestIdOf(raw: unknown): string | undefined {
  const id = typeof raw === "object" && raw !== null ? (raw as { requestId?: unknown }).requestId : undefined;
  return typeof id === "string" && /^[A-Za-z0-9_-]{1,100}$/.test(id) ? id : undefined;
}
