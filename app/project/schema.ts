/**
 * The Mixwell project file (.mixwell): one JSON document holding the data (columns, types, level
 * order, invalid cells, missing codes: app/data's DataSnapshot), every model (its ModelSpec and
 * last results: the FitView the UI shows; since version 3 also the guided-fix step that made it
 * and the post-hoc analyses run on it), and the view state. `version` is the format's version:
 * a file with a lower one is migrated on open (migrate.ts), a higher one is refused. Bump
 * PROJECT_VERSION and add a migration whenever this shape changes.
 */
import type { DataSnapshot } from "../data/plain";
import type { FitView, ModelSpec } from "../model-spec";
import type { EmmeansView } from "../api/contract-analysis";
import type { Adjustment } from "../emmeans/adjust";
import type { DfMethod } from "../emmeans/types";
import type { OptimizerComparison, SimplificationAction } from "../guided-fix/types";
import type { JohnsonNeymanView, RanovaView } from "../api/contract-analysis";
import type { StandardizedEffect } from "../inference/standardize";
import type { BootstrapResult, PbResult } from "../inference/bootstrap-summary";

/** The value of `format` in every project file: tells a project from any other JSON file. */
export const PROJECT_FORMAT = "mixwell-project";
/** The format version this Mixwell writes, and the highest it reads. */
export const PROJECT_VERSION = 3;
/** File name extension of project files (without the dot). */
export const PROJECT_EXTENSION = "mixwell";

/** The data table with its source file name and missing codes (the data store's snapshot). */
export type ProjectData = DataSnapshot;

/** The last fit of a model: what the results tables, plots, CSV and PDF show. */
export interface ModelResult {
  readonly view: FitView;
  /** The specification the fit was made from (the model may have been edited since). */
  readonly fittedSpec: ModelSpec;
  /** True when the fit was made on the data as saved (false: the data were edited after the fit). */
  readonly current: boolean;
  /** ISO date-time of the fit, when known. */
  readonly fittedAt: string | null;
}

/**
 * The guided-fix step that made a model (app/guided-fix): the model it simplifies, the problems
 * found in that model's fit, and the change made. Kept so the report can state each step.
 */
export interface GuidedStep {
  /** Name of the model it was derived from (as named when the step was taken). */
  readonly fromModel: string;
  readonly fromFormula: string;
  /** The causes found in the source fit, in plain words (Cause.message). */
  readonly causes: readonly string[];
  readonly action: SimplificationAction;
  /** Why this change (Suggestion.reason). */
  readonly reason: string;
  /** The formula the step produced. */
  readonly formula: string;
  /** ISO date-time of the step. */
  readonly at: string;
}

/** What the user asked of a post-hoc analysis (app/emmeans): enough to compute it again. */
export interface PosthocSpec {
  /** Factors whose marginal means are compared. */
  readonly specs: readonly string[];
  /** Compare within each level of these. */
  readonly by: readonly string[];
  readonly adjust: Adjustment;
  /** Degrees-of-freedom method asked for; null: the model's own (Kenward–Roger when fitted so). */
  readonly df: DfMethod | null;
  /** Simple slopes of this numeric predictor per level of `specs` (emtrends) instead of means. */
  readonly trendOf?: string;
}

/** A post-hoc analysis of a model: the request and, when computed for the stored fit, what the UI showed. */
export interface PosthocAnalysis {
  readonly request: PosthocSpec;
  /** Means and comparisons (the API's EmmeansView); null when not computed for the stored fit. */
  readonly result: EmmeansView | null;
}

/**
 * Issue 19's inference run on a model's stored fit, as the UI showed it: lmerTest's ranova table,
 * a Johnson–Neyman interval, effectsize's standardized (refit) effects and a parametric bootstrap.
 * Each is optional (absent: not run on this fit); a new fit clears them all. Added within format 3
 * as an optional field, so older files open unchanged.
 */
export interface InferenceResults {
  readonly ranova?: RanovaView;
  readonly johnsonNeyman?: JohnsonNeymanView;
  readonly standardized?: readonly StandardizedEffect[];
  readonly bootstrap?: BootstrapResult;
  /** The parametric-bootstrap test of this model against a smaller one (optional, added within format 3). */
  readonly pbTest?: StoredPbTest;
}

/**
 * pbkrtest's PBmodcomp of two models (the Comparison tab), kept with the larger model: the smaller
 * model as it was named and written when the test ran, and the result (LRT, df, p-values, number of
 * simulations, seed and the counts behind the p-value).
 */
export interface StoredPbTest {
  readonly against: { readonly name: string; readonly formula: string };
  readonly result: PbResult;
}

export interface ProjectModel {
  readonly spec: ModelSpec;
  /** Null when the model has not been fitted. */
  readonly result: ModelResult | null;
  /** Set when a guided-fix step made this model (version 3). */
  readonly guidedStep?: GuidedStep | null;
  /** Post-hoc analyses run on this model's fit, oldest first (version 3). */
  readonly posthoc?: readonly PosthocAnalysis[];
  /** The allFit-style refits with other optimisers, when one was run on this fit (version 3). */
  readonly optimizerCheck?: OptimizerComparison | null;
  /** Random-effect tests, Johnson–Neyman, standardized effects and bootstrap run on this fit (optional, issue 19). */
  readonly inference?: InferenceResults | null;
}

/** What the window showed: kept so that a reopened project looks the way it was left. */
export interface ProjectView {
  /** Index of the selected model. */
  readonly selectedModel: number;
  /** Other small view settings (number style, open tabs…), by name. */
  readonly settings: Readonly<Record<string, string | number | boolean>>;
}

export interface Project {
  readonly format: typeof PROJECT_FORMAT;
  readonly version: typeof PROJECT_VERSION;
  /** Version of Mixwell that wrote the file. */
  readonly savedBy: string;
  /** ISO date-time of the save. */
  readonly savedAt: string;
  readonly data: ProjectData | null;
  readonly models: readonly ProjectModel[];
  readonly view: ProjectView;
}

/** The parts of a project the app holds; `createProject` stamps them with format and version. */
export interface ProjectContent {
  readonly data: ProjectData | null;
  readonly models: readonly ProjectModel[];
  readonly view: ProjectView;
}

export const EMPTY_VIEW: ProjectView = { selectedModel: 0, settings: {} };

export function createProject(content: ProjectContent, savedBy: string, savedAt = new Date().toISOString()): Project {
  return { format: PROJECT_FORMAT, version: PROJECT_VERSION, savedBy, savedAt, data: content.data, models: content.models, view: content.view };
}
