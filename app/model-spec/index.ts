/** A model as the user specified it (ModelSpec), the builder's view of its formula, and the fit's plain view. */
export { DEFAULT_LINKS, fitOptionsOf, type ModelFamily, type ModelMethod, type ModelSpec } from "./types";
export type { DdfMethod } from "../engine/lmm/types";
export { builderToFormula, EMPTY_BUILDER, formulaToBuilder, variablesOf } from "./builder";
export type { BuilderModel, FormulaProblem, ParsedBuilder, RandomGroup } from "./builder";
export type * from "./fit-view";
export * as builderEdit from "./builder-edit";
export { adviceFor, type FitAdvice } from "./advice";
export { APPROXIMATIONS, approximationHelp, methodText, type ApproximationChoice } from "./approximation";
export { unknownColumnProblem } from "./unknown-columns";
export { modelUsesColumn, renameColumnInPosthoc, renameColumnInSpec } from "./rename-column";
export { renameCoefficient, renameColumnInEmmeans, renameColumnInFit, renameColumnInInference } from "./rename-column-in-results";
