/**
 * The guided fix's optimiser check in a worker: refit the model with other optimisers (lme4's
 * allFit; app/guided-fix checkOptimizers) and say whether the estimates agree. Also the parts of
 * the same check spread over the pool (main/workers/run-optimizer-check.ts): the negative
 * binomial θ̂ the runs keep fixed ("optimizerTheta"), and one optimiser's run ("optimizerRun").
 */
import { checkOptimizers, type OptimizerComparison } from "../../../app/guided-fix";
import { optimizerCheckNbTheta, optimizerCheckRun } from "../../../app/guided-fix/optimizer-check";
import type { RunWithSe } from "../../../app/guided-fix/agreement";
import type { GuidedFixJobInput } from "./guided-fix";
import type { JobContext } from "../job-context";

export function guidedOptimizersJob(input: GuidedFixJobInput, context: JobContext): OptimizerComparison {
  context.progress(null, "Refitting with other optimisers…");
  return checkOptimizers(input.table, input.spec, (i, total, name) => context.progress(i / total, `Refitting with ${name} (${i + 1} of ${total})…`));
}

export function optimizerThetaJob(input: GuidedFixJobInput, context: JobContext): number | null {
  context.progress(null, "Estimating the negative binomial θ…");
  return optimizerCheckNbTheta(input.table, input.spec) ?? null;
}

export interface OptimizerRunJobInput extends GuidedFixJobInput {
  /** The run, in app/guided-fix/optimizer-runs.ts optimizerRunNames' order. */
  readonly index: number;
  /** Negative binomial: θ̂ from optimizerTheta. */
  readonly nbTheta: number | null;
}

export function optimizerRunJob(input: OptimizerRunJobInput, context: JobContext): RunWithSe {
  context.progress(null, "Refitting with another optimiser…");
  return optimizerCheckRun(input.table, input.spec, input.index, input.nbTheta ?? undefined);
}
