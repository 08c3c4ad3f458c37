/** Reports of a fit: JSON with the reference field names, and a readable text summary. */
export { fitToJson } from "./fit-json";
export type { FitJson } from "./fit-json";
export { formatFitSummary } from "./summary-text";
export { formatColumn, formatPValue, formatSignificant, significanceStars } from "./format-number";
