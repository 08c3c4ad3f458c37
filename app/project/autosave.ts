/**
 * When to write the recovery file: every `intervalMs` (a minute) while there are unsaved
 * changes, never when there are none. The clock is injected so tests need not wait.
 */
export interface AutosaveClock {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realClock: AutosaveClock = {
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof globalThis.setInterval>),
};

export class AutosaveTimer {
  #handle: unknown = null;
  #dirty = false;
  #writing = false;

  constructor(
    private readonly write: () => Promise<void>,
    private readonly intervalMs = 60_000,
    private readonly clock: AutosaveClock = realClock,
  ) {}

  /** Tell the timer whether there are unsaved changes; it runs only while there are. */
  setDirty(dirty: boolean): void {
    this.#dirty = dirty;
    if (dirty && this.#handle === null) this.#handle = this.clock.setInterval(() => void this.tick(), this.intervalMs);
    if (!dirty) this.stop();
  }

  stop(): void {
    if (this.#handle !== null) this.clock.clearInterval(this.#handle);
    this.#handle = null;
  }

  /** One autosave (skipped when clean or when the previous write has not finished). */
  async tick(): Promise<void> {
    if (!this.#dirty || this.#writing) return;
    this.#writing = true;
    try {
      await this.write();
    } finally {
      this.#writing = false;
    }
  }
}
