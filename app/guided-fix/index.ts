/**
 * Guided fix for singular or non-converged LMMs and GLMMs: causes, simpler formulas, allFit-style
 * optimiser checks, a log of steps.
 */
export { diagnoseFit } from "./diagnose";
export { nearlyUnidentifiable, needsGuidedFix, type FitState } from "./needs-fix";
export { suggestSimplifications } from "./suggest";
export { compareOptimizers } from "./all-fit";
export { compareGlmmOptimizers, type GlmmOptimizerOptions } from "./glmm-all-fit";
export { checkOptimizers } from "./optimizer-check";
export { criterionOf, diagnose, fitForFix, fitModelForFix, guidedSimplification, type FittedForFix, type ModelForFix, type OrdinalFittedForFix } from "./simplify";
export { diagnoseOrdinalFit } from "./ordinal";
export { betweenGroupSlopeCauses } from "./between-group";
export { guidedFixName, guidedStepTitle } from "./step-name";
export { formatParts, modelParts, type ModelParts, type RandomPart } from "./model-parts";
export { formatOptimizerComparison, formatSimplificationLog } from "./format";
export type * from "./types";
