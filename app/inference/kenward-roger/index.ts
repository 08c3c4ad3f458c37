/** Kenward–Roger small-sample inference for LMMs (pbkrtest's vcovAdj, Lb_ddf and KRmodcomp). */
export { kenwardRogerModel, type KenwardRogerModel } from "./vcov-adjusted";
export { kenwardRogerDf, kenwardRogerTTest, kenwardRogerFTest, type KenwardRogerTTest, type KenwardRogerFTest } from "./tests";
export { MAX_RANDOM_EFFECTS } from "./cross-products";
export { kenwardRogerAnova } from "./anova";
export { inferKenwardRoger, type KenwardRogerInference } from "./infer";
