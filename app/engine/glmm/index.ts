/** The generalized linear mixed-model engine (binomial, Poisson; Laplace and adaptive Gauss–Hermite). */
export { fitGlmm, type FitGlmmOptions } from "./fit";
export { FAMILY_LINKS, LINK_NAMES, hasDispersion, makeFamily, type Family, type GlmmFamilyName, type LinkName } from "./family";
export { GlmmProblem } from "./problem";
export { MAX_EVAL as GLMER_MAX_EVAL, deviance, optimise, stageOne, stageTwoStart, startPirls, type Optimum, type StageTwoStart } from "./optimise";
export { optimiseJoint } from "./optimise-joint";
export { fitNegativeBinomial, thetaMl } from "./negative-binomial";
export { hugeEffects } from "./separation";
export type * from "./types";
