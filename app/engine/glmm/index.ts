/** The generalized linear mixed-model engine (binomial, Poisson; Laplace and adaptive Gauss–Hermite). */
export { fitGlmm, type FitGlmmOptions } from "./fit";
export { FAMILY_LINKS, makeFamily, type Family, type GlmmFamilyName, type LinkName } from "./family";
export { GlmmProblem } from "./problem";
export type * from "./types";
