/** Inputs and results of the cumulative link mixed model (ordinal::clmm). */
import type { OrdinalLink } from "./links";

/** One random-effect term `(z₁ + … + z_k | g)`. */
export interface OrdinalTerm {
  readonly group: string;
  readonly effectNames: readonly string[];
  readonly k: number;
  readonly nlev: number;
  readonly levelOfRow: Int32Array;
  /** n × k, column-major. */
  readonly Z: Float64Array;
}

export interface OrdinalData {
  readonly n: number;
  /** Category (0-based, in the outcome's level order) of each row. */
  readonly y: Int32Array;
  /** J − 1 thresholds for J categories. */
  readonly nThresholds: number;
  /** Fixed-effects design without the intercept: n × p, column-major. */
  readonly X: Float64Array;
  readonly p: number;
  readonly weights?: Float64Array;
  /** Random-effect terms, the one with most levels first (clmm's order). */
  readonly terms: readonly OrdinalTerm[];
}

export interface OrdinalCoefficient {
  readonly name: string;
  readonly estimate: number;
  readonly se: number;
  readonly statistic: number;
  readonly p: number;
}

export interface OrdinalVarCorr {
  readonly group: string;
  readonly name1: string;
  readonly name2: string | null;
  readonly kind: "variance" | "correlation";
  readonly value: number;
  readonly sd: number | null;
}

/** clmm's ranef() and condVar() of one random-effect term, per level then effect ([level·k + effect]). */
export interface OrdinalRanef {
  readonly group: string;
  readonly effectNames: readonly string[];
  readonly nlev: number;
  /** Conditional modes b = Λû. */
  readonly values: Float64Array;
  /** Their conditional variances, diag(Λ D⁻¹ Λᵀ) with D the Hessian of the modes' objective. */
  readonly condVar: Float64Array;
}

export interface OrdinalFitResult {
  readonly link: OrdinalLink;
  readonly nAGQ: number;
  /** Outcome categories in order; thresholds are named "level_j|level_j+1". */
  readonly levels: readonly string[];
  readonly thresholds: readonly OrdinalCoefficient[];
  /** Coefficients of the fixed effects (no intercept); positive values shift towards higher categories. */
  readonly fixef: readonly OrdinalCoefficient[];
  readonly varcorr: readonly OrdinalVarCorr[];
  readonly logLik: number;
  /** Number of parameters: thresholds + β + variance parameters (clmm's edf). */
  readonly df: number;
  readonly AIC: number;
  readonly nobs: number;
  readonly ngroups: Readonly<Record<string, number>>;
  /** Covariance of (thresholds, β) from the inverse Hessian of −logLik. */
  readonly vcov: Float64Array;
  /** max |gradient| at the optimum (clmm's max.grad) and the Hessian's condition number (cond.H). */
  readonly maxGrad: number;
  readonly condH: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly singular: boolean;
  readonly warnings: readonly string[];
  /** Random effects per term, in the data's term order (clmm's order). */
  readonly ranef: readonly OrdinalRanef[];
}
