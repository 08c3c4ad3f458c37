/** The result of checking a model's design from the data alone, before any fit. */

/** One grouping factor of the random part: how many groups, and how many rows each has. */
export interface GroupingSummary {
  /** As lme4 prints it: "subject", "V:B". */
  readonly name: string;
  readonly levels: number;
  readonly minPerLevel: number;
  readonly medianPerLevel: number;
  readonly maxPerLevel: number;
  /** Groups with a single row (they inform the variance only through the intercept). */
  readonly singleRowLevels: number;
}

export type GroupingRelationKind = "nested" | "crossed" | "partially crossed" | "same";

/** How two grouping factors relate. For "nested", `inner` is nested in `outer`. */
export interface GroupingRelation {
  readonly a: string;
  readonly b: string;
  readonly kind: GroupingRelationKind;
  readonly inner?: string;
  readonly outer?: string;
  /** Mean number of rows per observed (a, b) combination. */
  readonly rowsPerCell: number;
  readonly message: string;
}

/** Whether a predictor takes more than one value inside the groups of a grouping factor. */
export interface WithinGroupVariation {
  readonly group: string;
  readonly predictor: string;
  /** Number of groups in which the predictor takes more than one value. */
  readonly groupsVarying: number;
  readonly groups: number;
  /** True when it varies inside at least one group, so a random slope for it is possible there. */
  readonly varies: boolean;
}

/** One random-effect term against lme4's checks check.nobs.vs.nlev and check.nobs.vs.nRE. */
export interface RandomTermCount {
  /** "(1 + attitude | subject)". */
  readonly term: string;
  readonly group: string;
  /** Effects per group. */
  readonly k: number;
  readonly levels: number;
  /** k × levels random effects. */
  readonly effects: number;
  readonly observations: number;
  /** lme4 would stop with an error (as lmer's defaults do). */
  readonly fails: boolean;
}

export type FindingSeverity = "error" | "warning" | "note";

/** A finding in plain words; errors are what lme4 would refuse to fit. */
export interface DesignFinding {
  readonly severity: FindingSeverity;
  readonly message: string;
}

export interface DesignCheck {
  readonly formula: string;
  /** Rows with every model variable present. */
  readonly observations: number;
  readonly droppedRows: number;
  readonly groupings: readonly GroupingSummary[];
  readonly relations: readonly GroupingRelation[];
  readonly variation: readonly WithinGroupVariation[];
  readonly randomTerms: readonly RandomTermCount[];
  readonly findings: readonly DesignFinding[];
  /** Every fixed-effect term against every grouping of the formula: can it have a random slope there? */
  readonly slopes: readonly SlopeOption[];
}

/**
 * Whether a fixed-effect term can have a random slope by the grouping of one random-effect term
 * of the formula: only if it changes within that grouping's groups. The builder offers the
 * others disabled, with `reason`.
 */
export interface SlopeOption {
  /** The grouping as the formula writes it: "Subject", "School/Class". */
  readonly grouping: string;
  /** Fixed-effect term label: "age", "age:Sex". */
  readonly term: string;
  readonly estimable: boolean;
  /** Why not, in plain words ("Sex does not change within Subject, …"); absent when estimable. */
  readonly reason?: string;
}
