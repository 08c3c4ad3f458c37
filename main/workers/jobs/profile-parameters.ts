/**
 * A helper thread's share of a parallel profile (main/workers/profile-threads.ts): take
 * parameters from the shared counter, profile each (profileParameter, as the calling thread does)
 * and post the interval on the job's port. Loading this module installs the parallel runner in
 * the pool's workers, so fits there profile their parameters in parallel too.
 */
import { profileParameter } from "../../../app/inference/profile-ci";
import { SLOT_HEARTBEAT, takeParameters, useProfileThreads, type ProfileParameterMessage, type ProfileParametersInput } from "../profile-threads";

useProfileThreads();

export function profileParametersJob(input: ProfileParametersInput): null {
  const ctl = new Int32Array(input.shared);
  // Read at every profile point: the heartbeat tells the calling thread this helper is alive.
  const signal = {
    get cancelled(): boolean {
      Atomics.add(ctl, SLOT_HEARTBEAT, 1);
      Atomics.notify(ctl, SLOT_HEARTBEAT);
      return false;
    },
  };
  try {
    takeParameters(ctl, input.count, (j) => {
      let message: ProfileParameterMessage;
      try {
        const r = profileParameter(input.job, j, signal);
        message = { j, result: { lower: r.lower, upper: r.upper, how: r.how } };
      } catch (err) {
        message = { j, error: err instanceof Error ? err.message : String(err) };
      }
      // Posted before takeParameters marks j done, so the caller finds it when it reads the port.
      input.port.postMessage(message);
    });
  } finally {
    input.port.close();
  }
  return null;
}
