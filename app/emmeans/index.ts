/** Estimated marginal means, marginal trends (simple slopes) and pairwise comparisons, as R's emmeans. */
export { marginalMeans, estimate, type MarginalMeansRequest } from "./marginal-means";
export { pairwiseComparisons } from "./pairwise";
export { effectSizes, type EffectSizeOptions } from "./effect-size";
export { simpleEffectTests } from "./joint-tests";
export { adjustPValues, intervalMultiplier, parseAdjustment, ADJUSTMENTS, type Adjustment } from "./adjust";
export { defaultDfMethod, isGlmm, linearInference, type FittedGlmm, type FittedLmm, type FittedModel } from "./inference";
export { ratioScale, responseScaleMeans } from "./response-scale";
export { emmeansOf, fitForEmmeans, modelDfMethod, runEmmeans, type EmmeansRequest, type EmmeansResult } from "./run-emmeans";
export { formatMarginalMeans, formatOrdinalProbabilities, formatPairwise, formatSimpleEffectTests } from "./format";
export { designRow, referenceGrid } from "./reference-grid";
export type * from "./types";
export { covariateValues } from "./covariates";
export { runOrdinalPosthoc, type OrdinalMode, type OrdinalPosthoc } from "./ordinal";
