/**
 * The guided fix's optimiser check in a worker: refit the model with other optimisers (lme4's
 * allFit; app/guided-fix checkOptimizers) and say whether the estimates agree.
 */
import { checkOptimizers, type OptimizerComparison } from "../../../app/guided-fix";
import type { GuidedFixJobInput } from "./guided-fix";
import type { JobContext } from "../job-context";

export function guidedOptimizersJob(input: GuidedFixJobInput, context: JobContext): OptimizerComparison {
  context.progress(null, "Refitting with other optimisers…");
  return checkOptimizers(input.table, input.spec, (i, total, name) => context.progress(i / total, `Refitting with ${name} (${i + 1} of ${total})…`));
}
