/** Estimated marginal means, trends and their comparisons: the results the UI, CLI and reports read. */
import type { CategoryProbability } from "../engine/ordinal/probabilities";

/** LMMs: Satterthwaite or Kenward–Roger; GLMMs: asymptotic (z, df = ∞), as emmeans. */
export type DfMethod = "satterthwaite" | "kenward-roger" | "asymptotic";

/**
 * What inference about linear functions ℓᵀβ needs: β̂, the covariance used for standard errors
 * (Var(β̂), or Kenward–Roger's adjusted one) and the df of a contrast.
 */
export interface LinearInference {
  readonly method: DfMethod;
  readonly p: number;
  readonly beta: Float64Array;
  /** p × p column-major. */
  readonly vcov: Float64Array;
  df(l: Float64Array): number;
  /** Joint F test of Lβ = 0 (rows of L linearly independent): F, numerator and denominator df. */
  jointTest(rows: readonly Float64Array[]): JointTest;
}

export interface JointTest {
  readonly df1: number;
  readonly df2: number;
  readonly F: number;
  readonly p: number;
}

/** emmeans' joint_tests(by = …): the F test that the spec means are equal within each by group. */
export interface SimpleEffectTest extends JointTest {
  readonly by: Readonly<Record<string, string>>;
  /** The factors whose effect is tested ("attitude"). */
  readonly effect: readonly string[];
}

/** One estimated marginal mean (or trend) of a cell of the spec factors. */
export interface MarginalMeanRow {
  /** Level of each spec and by factor, by name. */
  readonly levels: Readonly<Record<string, string>>;
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  readonly lower: number;
  readonly upper: number;
}

export interface MarginalMeans {
  readonly kind: "emmeans" | "emtrends";
  /** For emtrends: the numeric predictor whose slope is estimated. */
  readonly trendOf?: string;
  readonly specs: readonly string[];
  readonly by: readonly string[];
  readonly dfMethod: DfMethod;
  readonly level: number;
  readonly rows: readonly MarginalMeanRow[];
  /** Factors averaged over with equal weights. */
  readonly averagedOver: readonly string[];
  /** Numeric covariates and the value they are held at (their mean). */
  readonly covariates: Readonly<Record<string, number>>;
  /** The linear function of β of each row (p each), for contrasts. */
  readonly L: readonly Float64Array[];
  /** GLMMs: the rows are on the link scale; these are the same means through the inverse link. */
  readonly response?: ResponseScaleMeans;
}

/** emmeans' type = "response": μ = g⁻¹(η), SE by the delta method, interval ends back-transformed. */
export interface ResponseScaleMeans {
  /** emmeans' column name: "prob" (binomial), "rate" (Poisson, negative binomial) or "response" (Gamma, inverse Gaussian). */
  readonly name: "prob" | "rate" | "response";
  readonly link: string;
  readonly rows: readonly { readonly estimate: number; readonly se: number; readonly lower: number; readonly upper: number }[];
}

/** A difference on the log or logit scale shown as a ratio (emmeans' type = "response"). */
export interface RatioScale {
  readonly name: "odds.ratio" | "ratio";
  /** "period1 / period2". */
  readonly contrast: string;
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
}

export interface ContrastRow {
  /** "inf - pol", or "inf F - pol F" for several spec factors. */
  readonly contrast: string;
  /** Levels of the by factors of this comparison's family. */
  readonly by: Readonly<Record<string, string>>;
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  readonly t: number;
  /** Adjusted as `adjust` says, within the by group. */
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
  /** GLMMs with a log or logit link: the comparison as a ratio (same z and p). */
  readonly ratio?: RatioScale;
}

export interface PairwiseComparisons {
  readonly of: MarginalMeans;
  readonly adjust: "tukey" | "holm" | "bonferroni" | "none";
  readonly level: number;
  readonly rows: readonly ContrastRow[];
  /** Plain words: "Tukey's method for a family of 3 means; intervals Bonferroni-adjusted". */
  readonly note: string;
  /** Linear mixed models: the comparisons as standardized effect sizes (emmeans' eff_size). */
  readonly effectSizes?: EffectSizes;
}

/** One pairwise difference divided by σ (emmeans' eff_size), with σ's uncertainty in its SE and interval. */
export interface EffectSizeRow {
  /** The comparison's label, as in ContrastRow ("inf - pol"). */
  readonly contrast: string;
  readonly by: Readonly<Record<string, string>>;
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  /** Not adjusted for multiplicity (emmeans' eff_size uses adjust = "none"). */
  readonly lower: number;
  readonly upper: number;
}

export interface EffectSizes {
  /** The SD the differences are divided by: the model's residual SD, sigma(m). */
  readonly sigma: number;
  /** Equivalent df of σ (emmeans' edf). */
  readonly edf: number;
  /** "df.residual": nobs − number of parameters, R's df.residual(m); "user": given by the user. */
  readonly edfSource: "df.residual" | "user";
  readonly level: number;
  readonly rows: readonly EffectSizeRow[];
}

/** One probability (or mean class) of an ordinal model's outcome at one level of a factor (app/engine/ordinal). */
export type CategoryProbabilityRow = CategoryProbability;

/** Ordinal (clmm) models: emmeans' mode = "prob" and mode = "mean.class" for one factor. */
export interface OrdinalProbabilities {
  readonly factor: string;
  /** The outcome's name. */
  readonly response: string;
  /** The outcome's categories, lowest first. */
  readonly categories: readonly string[];
  readonly link: string;
  /** Asymptotic (z) intervals at this level. */
  readonly level: number;
  /** P(outcome = category), each level of the factor, categories in order. */
  readonly rows: readonly CategoryProbabilityRow[];
  /** The expected class 1…J per level of the factor (category "mean.class"). */
  readonly meanClass: readonly CategoryProbabilityRow[];
}
