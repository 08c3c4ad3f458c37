/**
 * API types of the analyses around a fit: post-hoc marginal means and comparisons (app/emmeans),
 * the guided fix of a singular or non-converged fit (app/guided-fix), and the design check
 * before fitting (app/design-check).
 */
import type { Adjustment } from "../emmeans/adjust";
import type { ContrastRow, DfMethod, EffectSizes, MarginalMeans, OrdinalProbabilities, SimpleEffectTest } from "../emmeans/types";
import type { Diagnosis, OptimizerComparison } from "../guided-fix/types";
import type { DesignCheck } from "../design-check/types";
import type { FitModelSpec } from "./contract";
import type { RanovaRow } from "../inference/ranova";
import type { JohnsonNeyman } from "../inference/johnson-neyman";
import type { StandardizedEffect } from "../inference/standardize";

export interface JohnsonNeymanApiRequest {
  readonly tableId: string;
  readonly spec: FitModelSpec;
  readonly x: string;
  readonly moderator: string;
}

/** The J-N result and the df method its tests used. */
export type JohnsonNeymanView = JohnsonNeyman & { readonly df: DfMethod };

/** lmerTest's ranova table of a fit, and whether it compares REML log-likelihoods. */
export interface RanovaView {
  readonly reml: boolean;
  readonly rows: readonly RanovaRow[];
}

export interface EmmeansApiRequest {
  readonly tableId: string;
  readonly spec: FitModelSpec;
  /** Categorical fixed effects whose means are wanted. */
  readonly specs: readonly string[];
  /** Compare within each level of these. */
  readonly by?: readonly string[];
  readonly adjust: Adjustment;
  /** LMMs: "satterthwaite" or "kenward-roger"; default the model's own (spec.ddf). GLMMs: asymptotic only. */
  readonly df?: DfMethod;
  /** A numeric predictor: its slope per level of `specs` (simple slopes, emtrends) instead of means. */
  readonly trendOf?: string;
  /** LMMs: equivalent df of σ for the effect sizes (emmeans' eff_size edf); default df.residual(m). */
  readonly edf?: number;
}

/** Marginal means without their contrast matrix, and the pairwise comparisons. */
export interface EmmeansView {
  readonly means: Omit<MarginalMeans, "L">;
  readonly pairs: {
    readonly adjust: Adjustment;
    readonly level: number;
    readonly note: string;
    readonly rows: readonly ContrastRow[];
    /** LMMs: the comparisons as standardized effect sizes (emmeans' eff_size). */
    readonly effectSizes?: EffectSizes;
  } | null;
  /** With `by`: the simple effects, F tests that the spec means (or slopes) are equal within each by level (emmeans' joint_tests). */
  readonly tests?: readonly SimpleEffectTest[];
  /**
   * Ordinal (clmm) models: category probabilities and the mean class per level of the factor
   * (emmeans' mode = "prob" / "mean.class"); `means` then holds the mean class, `pairs` is null.
   */
  readonly ordinal?: OrdinalProbabilities;
}

export interface GuidedFixRequest {
  readonly tableId: string;
  readonly spec: FitModelSpec;
}

export interface DesignCheckRequest {
  readonly tableId: string;
  readonly spec: FitModelSpec;
}

export interface AnalysisApiMethods {
  /** Estimated marginal means and pairwise comparisons of a model (refitted in the worker pool). */
  emmeans: { request: EmmeansApiRequest; response: EmmeansView };
  /** Why an LMM fit is singular or did not converge, and simpler models to try. */
  guidedFix: { request: GuidedFixRequest; response: Diagnosis };
  /** The model refitted with other optimisers (lme4's allFit) and whether the estimates agree. */
  checkOptimizers: { request: GuidedFixRequest; response: OptimizerComparison };
  /** Likelihood-ratio tests of the random-effect terms (lmerTest's ranova), linear mixed models. */
  ranova: { request: GuidedFixRequest; response: RanovaView };
  /** Johnson–Neyman interval, simple slopes and the J-N curve of a numeric x over a numeric moderator. */
  johnsonNeyman: { request: JohnsonNeymanApiRequest; response: JohnsonNeymanView };
  /** Standardized fixed effects with 95% CIs (refit on standardized numeric columns, as effectsize). */
  standardizedEffects: { request: GuidedFixRequest; response: readonly StandardizedEffect[] };
  /** What the data allow the model to estimate, before fitting. */
  checkDesign: { request: DesignCheckRequest; response: DesignCheck };
}

export type { Adjustment, Diagnosis, DesignCheck, OptimizerComparison, StandardizedEffect };
