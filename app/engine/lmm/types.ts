/**
 * The result of a mixed-model fit: the one object that the UI, the CLI (JSON and text), the
 * CSV/PDF exports all read. Field names follow shared/reference/README.md.
 */

export interface FixedEffectRow {
  readonly term: string;
  readonly estimate: number;
  readonly se: number;
  /** t (LMM) or z (GLMM). */
  readonly statistic: number;
  /** Satterthwaite denominator df (LMM; filled by inference). */
  readonly df?: number;
  /** Two-sided p-value (filled by inference for LMM; Wald z for GLMM). */
  readonly p?: number;
}

export interface VarCorrRow {
  /** Grouping factor ("Subject"), or "Residual" (last; gaussian, and GLMMs with a dispersion as lme4 lists it). */
  readonly group: string;
  readonly name1: string;
  /** Second effect for a correlation, else null. */
  readonly name2: string | null;
  readonly kind: "variance" | "correlation";
  readonly value: number;
  /** Standard deviation for a variance row, null for a correlation. */
  readonly sd: number | null;
}

/** Conditional modes (BLUPs) of one grouping factor: values[term][level]. */
export interface RanefBlock {
  readonly group: string;
  readonly terms: readonly string[];
  readonly levels: readonly string[];
  readonly values: readonly (readonly number[])[];
  readonly condsd: readonly (readonly number[])[];
}

export interface AnovaRow {
  readonly term: string;
  readonly numDF: number;
  readonly denDF: number;
  readonly F: number;
  readonly p: number;
}

export interface IntervalRow {
  readonly group?: string;
  readonly term?: string;
  readonly name1?: string | null;
  readonly name2?: string | null;
  readonly kind?: "sd" | "correlation" | "fixef";
  readonly lower: number;
  readonly upper: number;
}

/** Denominator degrees of freedom for LMM t and F tests, as lmerTest's `ddf` argument. */
export type DdfMethod = "Satterthwaite" | "Kenward-Roger";

export interface LmmFit {
  readonly family: "gaussian";
  readonly method: "REML" | "ML";
  readonly formula: string;
  readonly responseName: string;
  readonly nobs: number;
  /** Levels per grouping factor, lme4's names ("sample:batch", "batch"). */
  readonly ngroups: Readonly<Record<string, number>>;
  readonly fixef: readonly FixedEffectRow[];
  /** β̂ and its covariance σ²(RₓᵀRₓ)⁻¹, p × p column-major. */
  readonly beta: Float64Array;
  readonly vcovBeta: Float64Array;
  readonly varcorr: readonly VarCorrRow[];
  readonly sigma: number;
  /** lme4's relative covariance parameters, lme4's order. */
  readonly theta: readonly number[];
  readonly logLik: number;
  /** Number of parameters (p + length(θ) + 1). */
  readonly df: number;
  readonly AIC: number;
  readonly BIC: number;
  readonly REMLcrit?: number;
  readonly deviance?: number;
  readonly singular: boolean;
  readonly converged: boolean;
  readonly ranef: readonly RanefBlock[];
  readonly fitted: Float64Array;
  readonly residuals: Float64Array;
  /** Plain-words warnings (singular fit, convergence, dropped rows/columns). */
  readonly warnings: readonly string[];
  readonly optimizer: { readonly evaluations: number; readonly objective: number };
  /** Filled by inference (issue 5). */
  readonly anova3?: readonly AnovaRow[];
  /** Which denominator df the fixed-effect tests, Wald intervals and anova3 use (set by inference). */
  readonly ddfMethod?: DdfMethod;
  readonly r2_marginal?: number;
  readonly r2_conditional?: number;
  readonly icc?: number;
  readonly ci?: readonly IntervalRow[];
  readonly ci_profile?: readonly IntervalRow[];
}
