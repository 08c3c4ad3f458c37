/** Inference for fitted mixed models: Satterthwaite tests, type III ANOVA, intervals, R², model comparison. */
export { inferLmm, type InferenceOptions } from "./infer-lmm";
export { satterthwaiteModel, tTest, fTest, fStatisticDf } from "./satterthwaite";
export type { SatterthwaiteModel, SatterthwaiteHooks, ContrastTest, FTest } from "./satterthwaite";
export { profileIntervals, type ProfileOptions, type ProfileResult } from "./profile-ci";
export { waldIntervals } from "./wald-ci";
export { nakagawaR2, varianceDecomposition, type R2Result, type VarianceDecomposition } from "./r2";
export { missingCells, type3Contrasts, type TermContrast } from "./type3-contrasts";
export { checkComparable, likelihoodRatioTable, type ComparisonRow, type ModelComparison } from "./compare-models";
export { runComparison } from "./run-compare";
export { formatRanova, ranova, ranovaModels, type RanovaRow } from "./ranova";
