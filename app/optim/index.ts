/** Derivative-free bound-constrained minimisers used by the LMM/GLMM engine. */
export { bobyqa, defaultInitialStep, LME4_BOBYQA } from "./bobyqa";
export type { BobyqaOptions, BobyqaResult } from "./bobyqa";
export type { BobyqaStatus } from "./bobyqa/workspace";
export type { BoundedMinimizeOptions, MinimizeResult, Objective } from "./types";
export { nelderMead } from "./nelder-mead";
export type { NelderMeadOptions, NelderMeadResult, NelderMeadStatus } from "./nelder-mead";
export { brentFmin, type FminResult } from "./brent-fmin";
