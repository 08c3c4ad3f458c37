/**
 * The contract between the model-frame builder (formula + data → matrices) and the fitting
 * engines (LMM, GLMM). Everything a fit needs, already numeric; no column names are looked
 * up after this point. Matrices are column-major Float64Array.
 */
import type { ModelFamily } from "../families";
/** Fixed-effects design X (n × p, column-major), after rank-deficient columns were dropped. */
export interface FixedDesign {
  readonly X: Float64Array;
  readonly n: number;
  readonly p: number;
  /** R's column names: "(Intercept)", "attitudepol", "recipeB:temperaturet185", "Days". */
  readonly names: readonly string[];
  /** For each column of X, the index into `termLabels` of the model term it codes (R's `assign`). */
  readonly assign: Int32Array;
  /** Model term labels in R's order: "(Intercept)" (if present), "attitude", "gender", "attitude:gender". */
  readonly termLabels: readonly string[];
  /** Column names removed because they were linear combinations of earlier columns. */
  readonly dropped: readonly string[];
  readonly hasIntercept: boolean;
  /** Contrast coding used for factors. */
  readonly contrasts: "treatment" | "sum";
  /**
   * The variables of each term of `termLabels` after the intercept (R's terms "factors"
   * attribute): how each variable is coded in that term. With `variables`, enough to build other
   * codings of the same model (lmerTest's type III contrasts, estimated marginal means).
   */
  readonly terms?: readonly FixedTermInfo[];
  /** The fixed part's variables on the model rows, by name. */
  readonly variables?: Readonly<Record<string, FrameVariable>>;
}

export interface FixedTermInfo {
  readonly label: string;
  /** In R's order; coding per R's TermCode: contrasts, all-level indicators, or a number. */
  readonly variables: readonly { readonly name: string; readonly coding: "contrast" | "indicator" | "numeric" }[];
}

/**
 * A model variable on the model rows: a number, a factor (codes into levels, no missing), or
 * R's poly(x, d) — d columns computed from x, where `values` is x itself (for grids and checks
 * that need the underlying number) and `columns` the basis.
 */
export type FrameVariable =
  | { readonly kind: "numeric"; readonly name: string; readonly values: Float64Array }
  | { readonly kind: "factor"; readonly name: string; readonly codes: Int32Array; readonly levels: readonly string[] }
  | {
      readonly kind: "poly";
      readonly name: string;
      /** The name of x as printed: "Days", "log(dose)". */
      readonly source: string;
      readonly values: Float64Array;
      readonly columns: readonly Float64Array[];
      readonly basis: PolyBasis;
    };

/**
 * How R's poly() made its columns: raw powers, or orthogonal polynomials with their recurrence
 * coefficients (R's attr(, "coefs"): alpha, norm2), from which the basis at any x follows.
 */
export interface PolyBasis {
  readonly degree: number;
  readonly raw: boolean;
  readonly alpha: readonly number[];
  readonly norm2: readonly number[];
}

/**
 * One random-effects term `(x1 + x2 | g)`: k correlated effects per level of grouping factor g.
 * An uncorrelated term `(x || g)` arrives here already split into one term per effect, as lme4 does.
 */
export interface RandomTerm {
  /** Grouping factor name as lme4 prints it: "Subject", "sample:batch". */
  readonly group: string;
  /** Names of the k effects: "(Intercept)", "Days", "attitudepol". */
  readonly effectNames: readonly string[];
  readonly k: number;
  /** Level labels of the grouping factor, in sorted order (R's factor()). */
  readonly levels: readonly string[];
  /** Level index (0-based) of each model row, length n. */
  readonly levelOfRow: Int32Array;
  /** Values of the k effects for each row: n × k, column-major. */
  readonly Z: Float64Array;
}

/** Binomial response with trials (cbind(successes, failures) or proportion + weights). */
export interface BinomialTrials {
  readonly trials: Float64Array;
}

export interface ModelFrame {
  /** Number of rows used (complete cases). */
  readonly n: number;
  readonly responseName: string;
  /** The response; for binomial with trials, the proportion of successes. */
  readonly y: Float64Array;
  readonly fixed: FixedDesign;
  /**
   * Random-effect terms in lme4's order (mkReTrms): after expanding `||` and `/`, reordered by
   * rev(order(number of levels)) unless already non-increasing, so the term with most levels
   * comes first. Terms of one grouping factor (split `(x || g)`) share `group`.
   */
  readonly random: readonly RandomTerm[];
  /** Prior weights (binomial trials, or a weights column), length n; undefined means all 1. */
  readonly weights?: Float64Array;
  /** Binomial cbind(successes, failures) only: the trials per row (weights = prior weights × trials). */
  readonly trials?: Float64Array;
  /** Index in the original data of each model row. */
  readonly rowIndex: Int32Array;
  /** Rows dropped for a missing value in a model variable. */
  readonly droppedRows: number;
  /** Plain-words warnings produced while building the frame (dropped columns, …). */
  readonly warnings: readonly string[];
  /** The family the frame was built for (response checks differ); absent means gaussian. */
  readonly family?: ModelFamily;
  /** The formula as text, printed back in R's style. */
  readonly formula?: string;
  /**
   * The sum of the formula's offset(...) terms on the model rows, absent when there are none:
   * part of the linear predictor with coefficient 1 (lme4: subtracted from y for an LMM, added to
   * η inside PIRLS for a GLMM; fitted values include it).
   */
  readonly offset?: Float64Array;
  /** The offset terms as printed: ["offset(log(size))"]; empty or absent when there are none. */
  readonly offsetNames?: readonly string[];
}
