/**
 * lme4's anova(m1, m2, …) with the models fitted side by side on the worker pool (issue 21): the
 * comparability checks (one cheap "compareCheck" job) and one "compareFit" job per model run as
 * the parts of a split job (split.ts), and the table is made here from the fits' log-likelihoods.
 * Each fit is what runComparison (app/inference/run-compare.ts) computes in one thread, so the
 * table is the same on 1 or N workers; a failed check wins over a failed fit, and a fit's error
 * over a later model's, as in one thread. Progress counts the models fitted; cancelling stops
 * every fit.
 */
import { comparisonRefits, likelihoodRatioTable, type ComparableFit, type ModelComparison } from "../../app/inference/compare-models";
import { comparisonStartMessage } from "./jobs/compare-progress";
import type { CompareJobInput } from "./jobs/fit";
import type { RunOptions, WorkerPool } from "./pool";
import { runSplit, type SplitJobOptions, type SplitPart } from "./split";

export async function runComparisonInPool(pool: WorkerPool, input: CompareJobInput, options: SplitJobOptions = {}): Promise<ModelComparison> {
  const n = input.specs.length;
  options.onProgress?.(null, comparisonStartMessage(input.specs));
  pool.prestart();
  const parts: SplitPart<ComparableFit | null>[] = [
    (run: RunOptions) => pool.run("compareCheck", input, run),
    ...input.specs.map((_, index) => (run: RunOptions) => pool.run("compareFit", { ...input, index }, run)),
  ];
  let fitted = 0;
  const running = new Set<number>();
  // One message for the whole comparison: the models being fitted now, and how many are done.
  const say = () => {
    const now = [...running].sort((a, b) => a - b).map((i) => i + 1);
    const text = now.length === 0 ? `${fitted} of ${n} models fitted…` : `Fitting model${now.length > 1 ? "s" : ""} ${now.join(" and ")} of ${n} (${fitted} done)…`;
    options.onProgress?.(fitted / n, text);
  };
  const [, ...fits] = await runSplit(parts, {
    signal: options.signal,
    onPartProgress: (part) => {
      if (part === 0 || running.has(part - 1)) return;
      running.add(part - 1);
      say();
    },
    onPartDone: (part) => {
      if (part === 0) return;
      running.delete(part - 1);
      fitted++;
      say();
    },
  });
  return likelihoodRatioTable(fits as ComparableFit[], comparisonRefits(input.specs));
}
