/** A fit from runFit: a linear (gaussian) or a generalized (binomial, Poisson) mixed model, told apart by `family`. */
import type { GlmmFit } from "../glmm/types";
import type { LmmFit } from "../lmm/types";

export type MixedFit = LmmFit | GlmmFit;

export function isGlmmFit(fit: MixedFit): fit is GlmmFit {
  return fit.family !== "gaussian";
}
