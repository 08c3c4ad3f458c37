/** The shared path data + model specification → fit (CLI, worker, reference tests). */
export { runFit, runFitWithFrame } from "./run-fit";
export type { FitHooks, FitSpec } from "./run-fit";
export { isGlmmFit, type MixedFit } from "./mixed-fit";
