/**
 * A model as the user specified it: the serialisable part of the UI's model list, saved in
 * project files and sent to the back end to fit. The formula is the source of truth; the model
 * builder is a view of it (builder.ts).
 */
import { FAMILY_LINKS, type LinkName } from "../engine/glmm/family";
import type { GlmmFamilyName } from "../engine/families";
import { ORDINAL_LINKS } from "../engine/ordinal/links";
import type { DdfMethod } from "../engine/lmm/types";
import type { ResidualStructureSpec } from "../engine/residual-structure/types";
import type { ContrastKind } from "../engine/model-frame";
import type { ModelFamily } from "../engine/families";

export type { ModelFamily };
export type ModelMethod = "REML" | "ML";

export interface ModelSpec {
  /** The user's name for the model ("Model 1", "intercepts only"). */
  readonly name: string;
  /** lme4 formula, e.g. "frequency ~ attitude + gender + (1 | subject)". */
  readonly formula: string;
  readonly family: ModelFamily;
  /** Binomial: logit (default), probit, cloglog; Poisson: log. Ignored for gaussian. */
  readonly link?: LinkName;
  /** Gaussian only; binomial and Poisson models are fitted by ML (Laplace). */
  readonly method: ModelMethod;
  /**
   * Binomial and Poisson only: glmer's nAGQ — 1 (default; absent in older projects) the Laplace
   * approximation, 0 the fast one-stage fit (β inside PIRLS), n > 1 adaptive Gauss–Hermite points
   * (a single random intercept only).
   */
  readonly nAGQ?: number;
  /** Gaussian only: denominator df of the t and F tests; absent (older projects) means Satterthwaite. */
  readonly ddf?: DdfMethod;
  readonly contrasts: ContrastKind;
  /** Number columns this model treats as categories. */
  readonly categorical: readonly string[];
  /**
   * Gaussian only: residual correlation over time and/or unequal residual variances, fitted as
   * nlme::lme (app/engine/residual-structure); absent (older projects) means independent residuals.
   */
  readonly residual?: ResidualStructureSpec;
}

/** Links each GLMM family and the ordinal family take, the default first (the engines' lists). */
export const DEFAULT_LINKS: Readonly<Record<GlmmFamilyName | "ordinal", readonly LinkName[]>> = { ...FAMILY_LINKS, ordinal: ORDINAL_LINKS };

/** The options runFit takes for this spec (method only for gaussian, link only for the others). */
export function fitOptionsOf(spec: ModelSpec): {
  formula: string;
  family: ModelFamily;
  method?: ModelMethod;
  ddf?: DdfMethod;
  link?: LinkName;
  nAGQ?: number;
  contrasts: ContrastKind;
  categorical: readonly string[];
  residual?: ResidualStructureSpec;
} {
  const base = { formula: spec.formula, family: spec.family, contrasts: spec.contrasts, categorical: spec.categorical };
  // ddf only when it is not the default, so that specs saved before it existed compare equal.
  if (spec.family === "gaussian") {
    const residual = spec.residual && (spec.residual.correlation || spec.residual.varianceBy) ? { residual: spec.residual } : {};
    return { ...base, method: spec.method, ...(spec.ddf === "Kenward-Roger" ? { ddf: spec.ddf } : {}), ...residual };
  }
  // nAGQ likewise only when it is not the default (Laplace).
  return { ...base, ...(spec.link ? { link: spec.link } : {}), ...(spec.nAGQ !== undefined && spec.nAGQ !== 1 ? { nAGQ: spec.nAGQ } : {}) };
}
