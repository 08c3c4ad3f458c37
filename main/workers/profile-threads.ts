/**
 * Profile intervals with one thread per parameter (issue 21): installs the ProfileRunner of
 * app/inference/profile/parallel.ts. profileIntervals is synchronous (it runs inside runFit, in
 * the CLI's main thread or in a pool worker), so the fan-out is too: helper threads start on the
 * worker entry, run the profileParameters job (jobs/profile-parameters.ts), and take parameters
 * from a shared counter, as does the calling thread; the caller then blocks (Atomics.wait) until
 * every parameter taken is done and reads the results synchronously from message ports.
 *
 * A helper that dies mid-profile would leave its parameter unfinished: each helper bumps a
 * heartbeat at every profile point, and when no heartbeat comes for HELPER_SILENCE_MS the caller
 * profiles the unfinished parameters itself (profiles are deterministic, so the numbers are the same).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { setProfileRunner, type ParameterInterval, type ProfileJob, type ProfileRunner } from "../../app/inference/profile/parallel";
import { defaultPoolSize, defaultWorkerEntry } from "./pool";

/** Shared Int32 slots: the next parameter to take, the heartbeat, then one state per parameter. */
export const SLOT_NEXT = 0;
export const SLOT_HEARTBEAT = 1;
export const SLOT_STATE = 2;
export const STATE_FREE = 0;
export const STATE_TAKEN = 1;
export const STATE_DONE = 2;

const HELPER_SILENCE_MS = 60_000;

export interface ProfileParametersInput {
  readonly job: ProfileJob;
  readonly count: number;
  readonly shared: SharedArrayBuffer;
  readonly port: MessagePort;
}

/** A result posted by a helper: the interval, or the error message where its profile threw. */
export interface ProfileParameterMessage {
  readonly j: number;
  readonly result?: ParameterInterval;
  readonly error?: string;
}

/** Take parameters from the shared counter until none is left; `profile(j)` computes one. */
export function takeParameters(ctl: Int32Array, count: number, profile: (j: number) => void): void {
  for (;;) {
    const j = Atomics.add(ctl, SLOT_NEXT, 1);
    if (j >= count) return;
    Atomics.store(ctl, SLOT_STATE + j, STATE_TAKEN);
    profile(j);
    Atomics.store(ctl, SLOT_STATE + j, STATE_DONE);
    Atomics.notify(ctl, SLOT_HEARTBEAT);
  }
}

/**
 * Threads for a profile, the calling one included: one per core by default (the caller's core
 * and the pool's); MIXWELL_PROFILE_THREADS overrides it (the benchmark compares 1 and 2).
 */
function profileThreads(): number {
  const fromEnv = Number(process.env.MIXWELL_PROFILE_THREADS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultPoolSize() + 1;
}

export const profileInThreads: ProfileRunner = (job, count, local) => {
  const helpers = Math.min(profileThreads() - 1, count - 1);
  if (helpers < 1) return null;
  const shared = new SharedArrayBuffer(4 * (SLOT_STATE + count));
  const ctl = new Int32Array(shared);
  const entry = defaultWorkerEntry();
  const started: { worker: Worker; port: MessagePort }[] = [];
  try {
    for (let k = 0; k < helpers; k++) {
      const worker = new Worker(entry.url, entry.execArgv ? { execArgv: [...entry.execArgv] } : {});
      worker.unref();
      // Errors surface through the results (or their absence), not as events nobody waits for.
      worker.on("error", () => undefined);
      const { port1, port2 } = new MessageChannel();
      const input: ProfileParametersInput = { job, count, shared, port: port2 };
      worker.postMessage({ type: "run", jobId: 1, kind: "profileParameters", input }, [port2]);
      started.push({ worker, port: port1 });
    }
    const out: (ParameterInterval | undefined)[] = new Array(count);
    takeParameters(ctl, count, (j) => (out[j] = local(j)));
    // Wait for the helpers' parameters; profile any whose helper fell silent.
    let beat = Atomics.load(ctl, SLOT_HEARTBEAT);
    let quietSince = Date.now();
    const unfinished = () => Array.from({ length: count }, (_, j) => j).filter((j) => Atomics.load(ctl, SLOT_STATE + j) !== STATE_DONE && out[j] === undefined);
    while (unfinished().length > 0) {
      Atomics.wait(ctl, SLOT_HEARTBEAT, beat, 1000);
      const now = Atomics.load(ctl, SLOT_HEARTBEAT);
      if (now !== beat) {
        beat = now;
        quietSince = Date.now();
      } else if (Date.now() - quietSince > HELPER_SILENCE_MS) {
        for (const j of unfinished()) out[j] = local(j);
      }
    }
    for (const { port } of started) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const msg = m.message as ProfileParameterMessage;
        if (out[msg.j] !== undefined) continue;
        // A helper's error is recomputed here, so that it is thrown as the one thread would throw it.
        out[msg.j] = msg.result ?? local(msg.j);
      }
    }
    return out.map((r, j) => r ?? local(j));
  } finally {
    for (const { worker, port } of started) {
      port.close();
      void worker.terminate();
    }
  }
};

/** Install the runner (the CLI and every pool worker do, once). */
export function useProfileThreads(): void {
  setProfileRunner(profileInThreads);
}
