/**
 * lme4's allFit check (app/guided-fix checkOptimizers) with its optimiser runs side by side on the
 * worker pool (issue 21): one "optimizerRun" job per run (the parts of a split job, split.ts),
 * after an "optimizerTheta" job for a negative binomial model (θ̂ is estimated once and kept fixed
 * by every run, as allFit refits a glmer.nb fit). Each run brings the SEs of β at its own
 * estimates, so the verdict made here from the best run is the one checkOptimizers makes in one
 * thread, on 1 or N workers. Progress counts the runs done; cancelling stops every run.
 */
import { compareRunsWithSe } from "../../app/guided-fix/agreement";
import { GLMM_SD_FLOOR, optimizerRunNames } from "../../app/guided-fix/optimizer-runs";
import type { OptimizerComparison } from "../../app/guided-fix/types";
import type { GuidedFixJobInput } from "./jobs/guided-fix";
import type { RunOptions, WorkerPool } from "./pool";
import { runSplit, type SplitJobOptions } from "./split";

export async function checkOptimizersInPool(pool: WorkerPool, input: GuidedFixJobInput, options: SplitJobOptions = {}): Promise<OptimizerComparison> {
  const names = optimizerRunNames(input.spec);
  options.onProgress?.(null, "Refitting with other optimisers…");
  pool.prestart();
  const nbTheta = input.spec.family === "negative-binomial" ? await pool.run("optimizerTheta", input, { signal: options.signal, onProgress: options.onProgress }) : null;
  let done = 0;
  const running = new Set<number>();
  const say = () => `Refitting with ${[...running].sort((a, b) => a - b).map((i) => names[i]).join(", ") || "other optimisers"} (${done} of ${names.length} done)…`;
  const runs = await runSplit(
    names.map((_, index) => (run: RunOptions) => pool.run("optimizerRun", { ...input, index, nbTheta }, run)),
    {
      signal: options.signal,
      onPartProgress: (index) => {
        if (running.has(index)) return;
        running.add(index);
        options.onProgress?.(done / names.length, say());
      },
      onPartDone: (index) => {
        running.delete(index);
        done++;
        options.onProgress?.(done / names.length, say());
      },
    },
  );
  return compareRunsWithSe(runs, (input.spec.family ?? "gaussian") === "gaussian" ? undefined : GLMM_SD_FLOOR);
}
