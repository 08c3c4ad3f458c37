/**
 * A pool of worker threads that run jobs (fits, descriptives) off the main event loop.
 *
 * - Size from the CPU count (one core is left for the UI and the main process), at least 1;
 *   MIXWELL_WORKERS overrides it. Workers start when first needed.
 * - Jobs queue in arrival order; each streams progress through `onProgress`.
 * - Cancelling a running job terminates its worker (a numeric kernel cannot be interrupted
 *   politely) and starts a fresh one in its place.
 * - A job marked `parallel` (one share of a job split across threads, e.g. bootstrap refits) may
 *   start workers beyond `size`, up to `parallel` (default: one per core), so that a split job
 *   uses every core while the UI waits for it; the main process is idle meanwhile.
 * - A job whose worker crashes (uncaught exception, process.exit, out of memory) is rejected with
 *   a JobCrashedError; the worker is replaced and the pool carries on.
 */
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { MixwellError, type ErrorInfo } from "../../app/errors";
import { CANCELLED_ERROR } from "../../app/api/contract";
import type { JobInput, JobKind, JobOutput } from "./jobs";
import type { RunJobMessage, WorkerMessage } from "./protocol";

export class CancelledError extends Error {
  override readonly name = CANCELLED_ERROR;
  constructor() {
    super("Cancelled.");
  }
}

export class JobCrashedError extends MixwellError {}

export interface WorkerEntry {
  readonly url: URL;
  readonly execArgv?: readonly string[];
}

export interface RunOptions {
  readonly onProgress?: (fraction: number | null, message: string) => void;
  readonly signal?: AbortSignal;
  /** A share of a split job: may use up to `pool.parallel` workers instead of `pool.size`. */
  readonly parallel?: boolean;
}

interface Pending {
  readonly message: RunJobMessage;
  readonly options: RunOptions;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly detach: () => void;
}

interface Slot {
  readonly worker: Worker;
  job: Pending | undefined;
}

/** Workers a split job may use: MIXWELL_WORKERS when set, else one per core (at most 8). */
export function defaultParallelSize(): number {
  const fromEnv = Number(process.env.MIXWELL_WORKERS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(1, Math.min(8, availableParallelism()));
}

export function defaultPoolSize(): number {
  const fromEnv = Number(process.env.MIXWELL_WORKERS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(1, Math.min(8, availableParallelism() - 1));
}

/** The worker script: the TypeScript entry under tsx in development, the bundle in dist/. */
export function defaultWorkerEntry(): WorkerEntry {
  const here = import.meta.url;
  if (here.endsWith(".ts")) return { url: new URL("./worker-dev.mjs", here) };
  // Inside a packaged Electron app the bundle is unpacked from the asar archive (electron-builder.yml).
  return { url: new URL(new URL("./worker.js", here).href.replace("/app.asar/", "/app.asar.unpacked/")) };
}

export class WorkerPool {
  readonly size: number;
  /** Workers that the shares of a split job may use together (at least `size`). */
  readonly parallel: number;
  readonly #entry: WorkerEntry;
  readonly #slots = new Set<Slot>();
  readonly #queue: Pending[] = [];
  #nextJobId = 1;
  #started = 0;
  #closed = false;

  constructor(options: { size?: number; parallel?: number; entry?: WorkerEntry } = {}) {
    this.size = options.size ?? defaultPoolSize();
    this.parallel = Math.max(this.size, options.parallel ?? defaultParallelSize());
    this.#entry = options.entry ?? defaultWorkerEntry();
  }

  /** Workers started so far, including replacements (for diagnostics and tests). */
  get workersStarted(): number {
    return this.#started;
  }

  get busy(): number {
    return [...this.#slots].filter((s) => s.job).length;
  }

  run<K extends JobKind>(kind: K, input: JobInput<K>, options: RunOptions = {}): Promise<JobOutput<K>> {
    if (this.#closed) return Promise.reject(new MixwellError("The worker pool has been shut down."));
    if (options.signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise<JobOutput<K>>((resolve, reject) => {
      const message: RunJobMessage = { type: "run", jobId: this.#nextJobId++, kind, input };
      const onAbort = () => this.#cancel(pending);
      const pending: Pending = {
        message,
        options,
        resolve: (output) => resolve(output as JobOutput<K>),
        reject,
        detach: () => options.signal?.removeEventListener("abort", onAbort),
      };
      options.signal?.addEventListener("abort", onAbort, { once: true });
      this.#queue.push(pending);
      this.#pump();
    });
  }

  /**
   * Start idle workers up to `parallel` now: a split job calls this before its first part (e.g.
   * the bootstrap's one fit), so that the other workers load while it runs instead of after.
   */
  prestart(): void {
    while (!this.#closed && this.#slots.size < this.parallel) this.#spawn();
  }

  /** Terminate every worker; queued and running jobs are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const p of this.#queue.splice(0)) this.#settle(p, new MixwellError("The worker pool has been shut down."));
    const slots = [...this.#slots];
    this.#slots.clear();
    for (const s of slots) if (s.job) this.#settle(s.job, new MixwellError("The worker pool has been shut down."));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const limit = this.#queue[0].options.parallel ? this.parallel : this.size;
      const slot = [...this.#slots].find((s) => !s.job) ?? (this.#slots.size < limit ? this.#spawn() : undefined);
      if (!slot) return;
      const pending = this.#queue.shift()!;
      slot.job = pending;
      slot.worker.ref();
      slot.worker.postMessage(pending.message);
    }
  }

  #spawn(): Slot {
    const worker = new Worker(this.#entry.url, { execArgv: this.#entry.execArgv ? [...this.#entry.execArgv] : undefined });
    this.#started++;
    const slot: Slot = { worker, job: undefined };
    this.#slots.add(slot);
    worker.unref();
    worker.on("message", (m: WorkerMessage) => this.#onMessage(slot, m));
    worker.on("error", (err) => this.#onCrash(slot, `${err.message}`));
    worker.on("exit", (code) => this.#onCrash(slot, `the worker stopped (exit code ${code})`));
    return slot;
  }

  #onMessage(slot: Slot, m: WorkerMessage): void {
    const job = slot.job;
    if (m.type === "ready" || !job || m.jobId !== job.message.jobId) return;
    if (m.type === "progress") {
      job.options.onProgress?.(m.fraction, m.message);
      return;
    }
    slot.job = undefined;
    slot.worker.unref();
    if (m.type === "done") {
      job.detach();
      job.resolve(m.output);
    } else this.#settle(job, errorFromInfo(m.error));
    this.#pump();
  }

  /** A worker died on its own: fail its job, forget it, and keep the queue moving. */
  #onCrash(slot: Slot, reason: string): void {
    if (!this.#slots.delete(slot)) return;
    void slot.worker.terminate();
    if (slot.job) {
      this.#settle(slot.job, new JobCrashedError(`The computation stopped unexpectedly: ${reason}. Mixwell is still running; you can try again.`));
    }
    if (!this.#closed) this.#pump();
  }

  #cancel(pending: Pending): void {
    const queued = this.#queue.indexOf(pending);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      this.#settle(pending, new CancelledError());
      return;
    }
    const slot = [...this.#slots].find((s) => s.job === pending);
    if (!slot) return;
    this.#slots.delete(slot);
    void slot.worker.terminate();
    this.#settle(pending, new CancelledError());
    if (!this.#closed) this.#spawn();
    this.#pump();
  }

  #settle(pending: Pending, error: Error): void {
    pending.detach();
    pending.reject(error);
  }
}

/** Rebuild an error that crossed the thread boundary as data. */
export function errorFromInfo(info: ErrorInfo): Error {
  if (info.name === "MixwellError") return new MixwellError(info.message);
  const err = new Error(info.message);
  err.name = info.name;
  return err;
}
