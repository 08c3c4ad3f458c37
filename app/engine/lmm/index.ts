/** The linear mixed-model engine: fitLmm and the profiled problem used by inference. */
export { fitLmm, type FitLmmOptions } from "./fit";
export { createLmmProblem, FAILED_OBJECTIVE, type LmmProblem, type LmmProblemOptions, type LmmSolveResult } from "./problem";
export { lme4TermOrder } from "./structure";
export type * from "./types";
