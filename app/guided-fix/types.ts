/** Guided fix of a singular or non-converged LMM or GLMM: causes, simpler models, optimiser cross-checks, and a log of steps. */

export type CauseKind = "between-group-slope" | "zero-variance" | "perfect-correlation" | "few-levels" | "not-converged" | "poorly-scaled" | "nearly-unidentifiable" | "separation";

/** Why a fit is singular or did not converge, in plain words. */
export interface Cause {
  readonly kind: CauseKind;
  /** Grouping factor concerned (zero variance, correlation, few levels). */
  readonly group?: string;
  /** Effect concerned: "(Intercept)", "Days", "attitudepol" (a between-group slope: its design column). */
  readonly effect?: string;
  /** For a correlation: the other effect. */
  readonly other?: string;
  /** Predictor concerned (poorly scaled; the factor or number that separates the outcome; a between-group slope's term label, "Sex"). */
  readonly predictor?: string;
  readonly message: string;
}

export type SimplificationAction = "drop-correlation" | "drop-slope" | "drop-term" | "centre-scale";

/** A simpler (or rescaled) model to try, with the formula to fit. */
export interface Suggestion {
  readonly action: SimplificationAction;
  readonly formula: string;
  readonly reason: string;
}

export interface Diagnosis {
  /** True when there is nothing to fix (not singular, converged). */
  readonly ok: boolean;
  readonly causes: readonly Cause[];
  readonly suggestions: readonly Suggestion[];
}

/** One refit with another optimiser (lme4's allFit). */
export interface OptimizerRun {
  readonly optimizer: string;
  readonly converged: boolean;
  readonly message: string;
  readonly evaluations: number;
  /** REML criterion, or −2·logLik (ML, Laplace). */
  readonly objective: number;
  readonly theta: readonly number[];
  readonly beta: readonly number[];
  /** Residual SD (LMM); 1 for a GLMM, whose SDs are on the link scale. */
  readonly sigma: number;
  /** objective − the best objective of all runs. */
  readonly objectiveDifference: number;
  /** Largest |β − β_best| in units of the best fit's SEs. */
  readonly maxBetaDifference: number;
  /** Largest relative difference of the random-effect SDs (and σ) from the best fit's. */
  readonly maxSdDifference: number;
  /** Within the tolerances: objective 1e-4, β 1e-3 SE, SDs 1e-3 relative (absolute near zero; agreement.ts). */
  readonly agrees: boolean;
}

export interface OptimizerComparison {
  readonly runs: readonly OptimizerRun[];
  /** Do all runs agree with the best one? */
  readonly allAgree: boolean;
  readonly message: string;
}

/** One step of a guided simplification: the model fitted, what was wrong, what was done next. */
export interface SimplificationStep {
  readonly formula: string;
  readonly singular: boolean;
  readonly converged: boolean;
  readonly objective: number;
  readonly causes: readonly Cause[];
  /** The suggestion taken to get the next step's model (absent for the last step). */
  readonly applied?: Suggestion;
}

export interface SimplificationLog {
  readonly steps: readonly SimplificationStep[];
  /** The last formula fitted, and whether it is free of the problems. */
  readonly finalFormula: string;
  readonly resolved: boolean;
}
