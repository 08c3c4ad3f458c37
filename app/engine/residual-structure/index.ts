export { runResidualFit, hasResidualStructure } from "./run";
export type { ResidualFitSpec } from "./run";
export { fitResidualStructure } from "./fit";
export type * from "./types";
export { residualFitToJson } from "./json";
export { formatResidualFitSummary } from "./summary-text";
