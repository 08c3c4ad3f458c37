/**
 * When the guided fix applies, from what any fit result carries (the engine's fit or the UI's
 * FitView): a singular fit, no convergence, lme4's "nearly unidentifiable" Hessian warning, or
 * (GLMMs) a possible separation. No engine imports: the renderer uses this too.
 */
import type { ModelFamily } from "../engine/families";
export interface FitState {
  readonly family: ModelFamily;
  readonly singular: boolean;
  readonly converged: boolean;
  readonly warnings: readonly string[];
}

/** lme4's checkHess "Model is nearly unidentifiable" warning, as the engine words it. */
export function nearlyUnidentifiable(fit: FitState): boolean {
  return fit.warnings.some((w) => /nearly unidentifiable/i.test(w));
}

export function needsGuidedFix(fit: FitState): boolean {
  return fit.singular || !fit.converged || nearlyUnidentifiable(fit) || (fit.family !== "gaussian" && fit.warnings.some((w) => /separation/i.test(w)));
}
