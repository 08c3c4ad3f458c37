/**
 * The state of an analysis the user asks for with a button (random-effect tests, standardized
 * effects, an optimiser check…): idle, loading with a progress line, a result, or an error. Each
 * run gets a request number and its own AbortController; a newer run or `reset()` aborts the older
 * one, and the answer of a run that is no longer the latest is dropped, so a slow answer for an
 * old model never replaces a newer one. `cancel()` stops the running request and keeps the last
 * result. Shown by components/on-demand's OnDemandPanel.
 */
import type { ApiResult, ProgressEvent } from "../../../app/api";

export type OnDemandStatus = "idle" | "loading" | "result" | "error";

/** Starts the request: pass `signal` and `onProgress` on to api.request. */
export type OnDemandStart<T> = (signal: AbortSignal, onProgress: (event: ProgressEvent) => void) => Promise<ApiResult<T>>;

export class OnDemand<T> {
  #value = $state.raw<T | null>(null);
  #error = $state<string | null>(null);
  #loading = $state(false);
  #progress = $state("");
  #fraction = $state<number | null>(null);
  #request = 0;
  #controller: AbortController | null = null;

  /** The latest result, or null (never run, reset, or failed). */
  get value(): T | null {
    return this.#value;
  }
  get error(): string | null {
    return this.#error;
  }
  get busy(): boolean {
    return this.#loading;
  }
  /** The back end's latest progress message of the running request. */
  get progress(): string {
    return this.#progress;
  }
  /** The share of the work done (0..1) when the back end knows it, else null. */
  get fraction(): number | null {
    return this.#fraction;
  }
  get status(): OnDemandStatus {
    return this.#loading ? "loading" : this.#error !== null ? "error" : this.#value !== null ? "result" : "idle";
  }

  /**
   * Run the request; `progress` is the line shown until the back end reports. The result is kept
   * and handed to `onresult` (e.g. to store it with the model); a cancelled run shows nothing.
   */
  async run(start: OnDemandStart<T>, progress = "", onresult?: (value: T) => void): Promise<void> {
    this.#controller?.abort();
    const own = new AbortController();
    const id = ++this.#request;
    this.#controller = own;
    this.#loading = true;
    this.#error = null;
    this.#progress = progress;
    this.#fraction = null;
    const result = await start(own.signal, (e) => {
      if (id !== this.#request) return;
      this.#progress = e.message;
      this.#fraction = e.fraction;
    });
    if (id !== this.#request || own.signal.aborted) return;
    this.#loading = false;
    this.#controller = null;
    if (result.ok) {
      this.#value = result.value;
      onresult?.(result.value);
    } else if (result.error.name !== "Cancelled") this.#error = result.error.message;
  }

  /** Stop the running request (the Cancel button); the last result stays. */
  cancel(): void {
    this.#request++;
    this.#controller?.abort();
    this.#controller = null;
    this.#loading = false;
  }

  /** Forget the result and abort a running request (a different model or data). */
  reset(): void {
    this.#request++;
    this.#controller?.abort();
    this.#controller = null;
    this.#value = null;
    this.#error = null;
    this.#loading = false;
  }
}
