/**
 * Types of the residual-structure engine (nlme::lme's correlation = and weights = arguments):
 * what a fit asks for and what it returns, in nlme's terms.
 */
import type { FixedDesign } from "../model-frame";
import type { RanefBlock } from "../lmm/types";

/** corAR1 (integer times), corCAR1 (continuous time), corCompSymm. */
export type CorrelationKind = "ar1" | "car1" | "cs";

export interface ResidualStructureSpec {
  /** Residual correlation within groups; absent = independent residuals. */
  readonly correlation?: CorrelationKind;
  /** Time column (AR(1): whole numbers; CAR(1): any numbers). Not used by compound symmetry. */
  readonly time?: string;
  /** Column whose levels are the correlation groups; default the random-effects grouping factor. */
  readonly group?: string;
  /** Residual variances differ by the levels of this column (varIdent(form = ~ 1 | column)). */
  readonly varianceBy?: string;
}

/** Fixed effect as nlme's summary(): t test with the containment df. */
export interface NlmeFixef {
  readonly term: string;
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  readonly statistic: number;
  readonly p: number;
}

/** A random-effect SD (kind "sd", name2 null) or correlation between two effects. */
export interface NlmeVarCorr {
  readonly group: string;
  readonly name1: string | null;
  readonly name2: string | null;
  readonly kind: "sd" | "correlation";
  readonly value: number;
}

/** The correlation parameter (nlme's Phi for AR(1)/CAR(1), Rho for CS) with intervals()'s 95% limits. */
export interface CorrelationEstimate {
  readonly structure: CorrelationKind;
  readonly parameter: number;
  readonly lower: number;
  readonly upper: number;
}

/** A residual SD ratio of one level to the reference level (varIdent), with intervals()'s 95% limits. */
export interface VarianceRatio {
  readonly level: string;
  readonly ratio: number;
  readonly lower: number;
  readonly upper: number;
}

/** One row of anova(m, type = "marginal"). */
export interface MarginalF {
  readonly term: string;
  readonly numDF: number;
  readonly denDF: number;
  readonly F: number;
  readonly p: number;
}

/** nlme's ranef(m) of the one grouping factor with the conditional SDs (conditional.ts), shaped as lmer's. */
export type NlmeRanef = RanefBlock;

/** Per model row, in model-frame order: y, fitted(m) (level 1), and residuals(m) of the raw and "pearson" types. */
export interface NlmeRows {
  readonly observed: Float64Array;
  readonly fitted: Float64Array;
  readonly residuals: Float64Array;
  readonly pearson: Float64Array;
}

export interface ResidualStructureFit {
  readonly kind: "residual-structure";
  readonly formula: string;
  readonly method: "REML" | "ML";
  readonly nobs: number;
  readonly ngroups: Readonly<Record<string, number>>;
  readonly structure: ResidualStructureSpec;
  readonly fixef: readonly NlmeFixef[];
  readonly varcorr: readonly NlmeVarCorr[];
  readonly sigma: number;
  readonly correlation: CorrelationEstimate | null;
  /** The reference level of varIdent (ratio 1); null without varianceBy. */
  readonly varianceReference: string | null;
  readonly varianceRatios: readonly VarianceRatio[];
  /** Log-likelihood (REML fits: the REML log-likelihood, as nlme's logLik()). */
  readonly logLik: number;
  /** Number of parameters: fixed effects, variance components, correlation, variance ratios, σ. */
  readonly df: number;
  readonly AIC: number;
  readonly BIC: number;
  readonly anova: readonly MarginalF[];
  /** Covariance matrix of the fixed effects, p × p column-major. */
  readonly vcov: Float64Array;
  /** The fixed effects in the design's column order (the estimates of `fixef`). */
  readonly beta: Float64Array;
  /** The model frame's fixed-effects design (for effect plots; in memory only, never in JSON). */
  readonly fixedDesign: FixedDesign;
  readonly ranef: NlmeRanef;
  readonly rows: NlmeRows;
  readonly converged: boolean;
  readonly evaluations: number;
  readonly warnings: readonly string[];
}
