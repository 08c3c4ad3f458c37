/** Design check before fitting: grouping structure, within-group variation, lme4's identifiability checks. */
export { checkDesign, type DesignCheckOptions } from "./check-design";
export { formatDesignCheck } from "./format";
export type * from "./types";
