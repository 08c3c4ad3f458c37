/** Inference for fitted mixed models: Satterthwaite tests, type III ANOVA, intervals, R², model comparison. */
export { inferLmm, type InferenceOptions } from "./infer-lmm";
export { satterthwaiteModel, tTest, fTest, fStatisticDf } from "./satterthwaite";
export type { SatterthwaiteModel, ContrastTest, FTest } from "./satterthwaite";
