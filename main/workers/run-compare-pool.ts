/**
 * lme4's anova(m1, m2, …) with the models fitted side by side on the worker pool (issue 21): the
 * comparability checks (one cheap "compareCheck" job) and one "compareFit" job per model run as
 * the parts of a split job (split.ts), and the table is made here from the fits' log-likelihoods.
 * Each fit is what runComparison (app/inference/run-compare.ts) computes in one thread, so the
 * table is the same on 1 or N workers; a failed check wins over a failed fit, and a fit's error
 * over a later model's, as in one thread. The larger models are started first (largestFirst).
 * Progress counts the models fitted; cancelling stops every fit.
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
    startOrder: [0, ...largestFirst(input.specs).map((i) => i + 1)],
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

/**
 * The models in the order to start their fits: the larger first (more random-effect bars, then
 * more terms), so that on two workers the last fits to start are short ones and the
 * workers finish together (e.g. InstEval-shaped, 1.0 / 1.8 / 1.1 / 1.8 s fits: in the order given
 * the second worker still fits a 1.8 s model alone at the end). Only the start order: the table
 * and any error are as in model order.
 */
export function largestFirst(specs: readonly { readonly formula: string }[]): number[] {
  const size = (formula: string) => {
    const rhs = formula.slice(formula.indexOf("~") + 1);
    return [(rhs.match(/\|/g) ?? []).length, rhs.split("+").length];
  };
  const sizes = specs.map((s) => size(s.formula));
  return [...specs.keys()].sort((a, b) => sizes[b][0] - sizes[a][0] || sizes[b][1] - sizes[a][1] || a - b);
}
