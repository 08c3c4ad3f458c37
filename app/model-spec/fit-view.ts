/**
 * A fit as plain data for the UI: what the results tables, warnings and plots read. Only plain
 * arrays and numbers (null where a number is missing or not finite), so it crosses structured
 * clone and JSON (the browser-mode WebSocket) alike. Built by toFitView (to-fit-view.ts).
 */
import type { ResidualStructureView } from "./residual-fit-view";
export type { ResidualStructureView } from "./residual-fit-view";
import type { ModelFamily } from "../engine/families";
export interface FixedEffectView {
  readonly term: string;
  readonly estimate: number;
  readonly se: number;
  readonly statistic: number;
  /** Satterthwaite df (LMM); null for z tests. */
  readonly df: number | null;
  readonly p: number | null;
  /** 95% Wald interval (Satterthwaite t for an LMM, normal for a GLMM). */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Log and logit links: exp(b) and its interval (rate or odds ratio; GAMLj's expb); absent otherwise and in older projects. */
  readonly expEstimate?: number | null;
  readonly expLower?: number | null;
  readonly expUpper?: number | null;
}

/** A threshold (cut point) of an ordinal model between two successive categories. */
export interface ThresholdView {
  readonly name: string;
  readonly estimate: number;
  readonly se: number;
  readonly statistic: number;
  readonly p: number | null;
}

export interface VarCorrView {
  readonly group: string;
  readonly name1: string | null;
  readonly name2: string | null;
  readonly kind: "variance" | "correlation";
  readonly value: number;
  readonly sd: number | null;
}

export interface AnovaView {
  readonly term: string;
  readonly numDF: number;
  readonly denDF: number | null;
  readonly F: number | null;
  readonly p: number | null;
}

export interface RanefView {
  readonly group: string;
  readonly terms: readonly string[];
  readonly levels: readonly string[];
  /** values[term][level] and their conditional SDs. */
  readonly values: readonly (readonly number[])[];
  readonly condsd: readonly (readonly number[])[];
}

/** Points for the residual plots; a large fit sends an evenly spaced sample of rows. */
export interface DiagnosticsView {
  readonly observed: readonly number[];
  readonly fitted: readonly number[];
  readonly residuals: readonly number[];
  /** "raw" (LMM: observed − fitted), "deviance" (GLMM) or "pearson" (residual structure: raw / (σ · SD ratio), nlme's default). */
  readonly residualKind: "raw" | "deviance" | "pearson";
  /** Rows in the model; observed.length < total when sampled. */
  readonly total: number;
}

/** One line of an effect plot: predicted outcome over x at one level of the "lines by" factor. */
export interface EffectLine {
  /** Level of the lines-by factor, or null when there is no such factor. */
  readonly level: string | null;
  readonly estimate: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

export interface EffectCurve {
  /** The predictor on the x axis. */
  readonly x: string;
  readonly xKind: "numeric" | "factor";
  /** Values (numeric) or level labels (factor) along the x axis. */
  readonly at: readonly (number | string)[];
  /** The factor whose levels give the lines, or null for one line. */
  readonly by: string | null;
  readonly lines: readonly EffectLine[];
}

export interface EffectsView {
  /** Fixed-effect variables a curve can be drawn over, and factors that can split it into lines. */
  readonly predictors: readonly string[];
  readonly factors: readonly string[];
  readonly curves: readonly EffectCurve[];
  /** "frequency", or "probability of y" / "expected y" on the response scale of a GLMM. */
  readonly yLabel: string;
  /** Why there are no curves, when there are none. */
  readonly unavailable: string | null;
}

/**
 * How one part of a fixed-effect column codes its variable: a number, one column of R's poly(),
 * a factor level against the baseline (contr.treatment), a level's deviation from the mean of the
 * levels (contr.sum, the last level omitted), or an indicator of one level (R's full coding).
 */
export type TermPartView =
  | { readonly kind: "numeric"; readonly variable: string }
  | { readonly kind: "poly"; readonly variable: string; readonly source: string; readonly power: number; readonly degree: number; readonly raw: boolean }
  | { readonly kind: "treatment"; readonly variable: string; readonly level: string; readonly baseline: string }
  | { readonly kind: "sum"; readonly variable: string; readonly level: string; readonly omitted: string }
  | { readonly kind: "indicator"; readonly variable: string; readonly level: string };

/** One column of the fixed-effects design: R's name ("attitudepol"), its model term, and what it codes (readable names, app/report/term-labels.ts). */
export interface TermColumnView {
  readonly name: string;
  readonly term: string;
  /** In the term's variable order; empty for the intercept. */
  readonly parts: readonly TermPartView[];
}

/** The fixed-effect columns' meaning and the levels of each factor in the model (for names not among the columns, such as random slopes of all levels). */
export interface TermInfoView {
  readonly columns: readonly TermColumnView[];
  readonly factors: Readonly<Record<string, readonly string[]>>;
}

export interface FitView {
  readonly family: ModelFamily;
  readonly link: string | null;
  /** REML, ML, or Laplace / AGQ for a GLMM. */
  readonly method: string;
  /** GLMM: glmer's nAGQ (0: the fast one-stage fit; 1: Laplace; n > 1: AGQ); absent for an LMM and in older projects (1). */
  readonly nAGQ?: number;
  /** LMM: the df method of the fixed-effect tests, Wald intervals and ANOVA (absent in older projects: Satterthwaite). */
  readonly ddfMethod?: "Satterthwaite" | "Kenward-Roger";
  readonly formula: string;
  readonly responseName: string;
  readonly nobs: number;
  readonly ngroups: Readonly<Record<string, number>>;
  /** "t" (LMM; and Gamma/inverse Gaussian GLMMs, as lme4 labels their Wald statistic) or "z" (other GLMMs). */
  readonly statisticName: "t" | "z";
  /** Negative binomial: θ (lme4's glmer.nb.theta). */
  readonly nbTheta?: number;
  readonly fixef: readonly FixedEffectView[];
  readonly varcorr: readonly VarCorrView[];
  readonly sigma: number | null;
  readonly logLik: number;
  /** Number of parameters. */
  readonly npar: number;
  readonly AIC: number;
  readonly BIC: number;
  readonly deviance: number | null;
  readonly REMLcrit: number | null;
  readonly r2Marginal: number | null;
  readonly r2Conditional: number | null;
  readonly icc: number | null;
  /** Type III ANOVA (LMM); null for GLMMs. */
  readonly anova: readonly AnovaView[] | null;
  readonly singular: boolean;
  readonly converged: boolean;
  readonly droppedRows: number;
  readonly warnings: readonly string[];
  readonly ranef: readonly RanefView[];
  readonly diagnostics: DiagnosticsView;
  readonly effects: EffectsView;
  readonly evaluations: number;
  /** Seconds the fit took in the worker. */
  readonly seconds: number;
  /** Ordinal (clmm) fits: the thresholds between successive categories, "a|b", with Wald z tests; absent otherwise. */
  readonly thresholds?: readonly ThresholdView[];
  /** Ordinal fits: the outcome's categories in order. */
  readonly categories?: readonly string[];
  /** Fits with a residual structure (nlme::lme): the structure and its estimates; absent otherwise. */
  readonly residualStructure?: ResidualStructureView;
  /** What each fixed-effect column codes, for readable term names; absent in older projects and residual-structure fits (R's names are then shown plainly). */
  readonly termInfo?: TermInfoView;
}
