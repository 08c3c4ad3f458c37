/**
 * The renderer's typed view of the API: `api.request("describe", { tableId })` returns an
 * ApiResult of that method's response type. Progress events of the call go to `onProgress`;
 * aborting `signal` asks the back end to cancel it.
 */
import type { ApiMethod, ApiRequest, ApiResponse, ApiResult, ProgressEvent } from "../../../app/api";
import type { Transport } from "./transport";

export interface RequestOptions {
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly signal?: AbortSignal;
}

export class ApiClient {
  readonly #transport: Transport;
  readonly #progress = new Map<string, (event: ProgressEvent) => void>();

  constructor(transport: Transport) {
    this.#transport = transport;
    transport.onProgress((event) => this.#progress.get(event.requestId)?.(event));
  }

  async request<M extends ApiMethod>(
    method: M,
    payload: ApiRequest<M>,
    options: RequestOptions = {},
  ): Promise<ApiResult<ApiResponse<M>>> {
    const requestId = newRequestId();
    if (options.onProgress) this.#progress.set(requestId, options.onProgress);
    const onAbort = () => void this.#transport.send({ requestId: newRequestId(), method: "cancel", payload: { requestId } });
    options.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      return (await this.#transport.send({ requestId, method, payload })) as ApiResult<ApiResponse<M>>;
    } finally {
      this.#progress.delete(requestId);
      options.signal?.removeEventListener("abort", onAbort);
    }
  }
}

function newRequestId(): string {
  return crypto.randomUUID();
}
