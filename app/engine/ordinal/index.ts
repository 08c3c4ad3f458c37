/** Cumulative link mixed models (ordinal::clmm): links, likelihood, fit, frame, JSON. */
export { ORDINAL_LINKS, cumulativeLink, categoryProbability, type OrdinalLink, type CumulativeLink } from "./links";
export { fitOrdinal, type OrdinalFitOptions } from "./fit";
export { buildOrdinalFrame, type OrdinalFrame, type OrdinalFrameOptions } from "./frame";
export { runOrdinalFit, runOrdinalFitWithFrame, ordinalFitToJson, type OrdinalFit, type OrdinalFitJson, type OrdinalFitSpec } from "./run";
export type { OrdinalCoefficient, OrdinalData, OrdinalFitResult, OrdinalRanef, OrdinalTerm, OrdinalVarCorr } from "./types";
export { ordinalRanefBlocks } from "./ranef-blocks";
export { formatOrdinalSummary } from "./summary-text";
export { ordinalProbabilities, type CategoryProbability } from "./probabilities";
