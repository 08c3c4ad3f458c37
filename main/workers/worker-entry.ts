/**
 * The code each worker thread runs: receive a job, run it from the job table, post progress and
 * the result (or the error as data). A job that crashes the thread is handled by the pool.
 */
import { parentPort } from "node:worker_threads";
import { toErrorInfo } from "../../app/errors";
import { jobs } from "./jobs";
import type { JobFunction } from "./job-context";
import type { RunJobMessage, WorkerMessage } from "./protocol";

const port = parentPort;
if (!port) throw new Error("worker-entry.ts must run in a worker thread");
const post = (message: WorkerMessage) => port.postMessage(message);

port.on("message", (message: RunJobMessage) => {
  void run(message);
});

async function run({ jobId, kind, input }: RunJobMessage): Promise<void> {
  try {
    if (!Object.hasOwn(jobs, kind)) throw new Error(`Unknown job kind '${kind}'`);
    const job = jobs[kind as keyof typeof jobs] as JobFunction<unknown, unknown>;
    const output = await job(input, {
      progress: (fraction, text) => post({ type: "progress", jobId, fraction, message: text }),
    });
    post({ type: "done", jobId, output });
  } catch (err) {
    post({ type: "failed", jobId, error: toErrorInfo(err) });
  }
}

post({ type: "ready" });
