/**
 * Post-hoc results already computed, by request and the fit they were made for: the Post hoc tab
 * asks the back end once per request, and showing it again (another model and back, the tab
 * reopened) reads it from here. Bounded: the oldest entries go first.
 */
import type { EmmeansView } from "../../../../app/api";

const LIMIT = 64;

class ResultCache<T> {
  readonly #entries = new Map<string, T>();

  get(key: string): T | undefined {
    return this.#entries.get(key);
  }

  set(key: string, value: T): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > LIMIT) this.#entries.delete(this.#entries.keys().next().value as string);
  }
}

export const posthocCache = new ResultCache<EmmeansView>();
