/**
 * The Mixwell project file (.mixwell): one JSON document holding the data (columns, types, level
 * order, missing codes), every model (specification, options, last results) and the view state.
 * `version` is the format's version: a file with a lower one is migrated on open (migrate.ts), a
 * higher one is refused. Bump PROJECT_VERSION and add a migration whenever this shape changes.
 */
import type { WireColumn } from "../api/wire-table";
import type { FitJson } from "../report/fit-json";

/** The value of `format` in every project file: tells a project from any other JSON file. */
export const PROJECT_FORMAT = "mixwell-project";
/** The format version this Mixwell writes, and the highest it reads. */
export const PROJECT_VERSION = 2;
/** File name extension of project files (without the dot). */
export const PROJECT_EXTENSION = "mixwell";

/** The data table: the wire form of app/data's DataTable plus where it came from. */
export interface ProjectData {
  /** Name of the file the data were imported from (shown to the user; no folder). */
  readonly sourceName: string;
  readonly nrow: number;
  /** Numbers with null for missing; categories as codes (-1 missing) into `levels`, in the user's level order. */
  readonly columns: readonly WireColumn[];
  /** Cell texts that meant "missing" when the data were read (e.g. "NA", "", "-99"). */
  readonly missingCodes: readonly string[];
}

export type ProjectFamily = "gaussian" | "binomial" | "poisson";
export type ProjectLink = "identity" | "logit" | "probit" | "cloglog" | "log";

/** What the user chose for one model: the FitSpec of app/engine/run-fit, as plain JSON. */
export interface ProjectModelSpec {
  readonly formula: string;
  readonly family: ProjectFamily;
  readonly link?: ProjectLink;
  /** Gaussian only. */
  readonly method?: "REML" | "ML";
  readonly nAGQ?: number;
  readonly contrasts?: "treatment" | "sum";
  /** Number columns treated as categories. */
  readonly categorical?: readonly string[];
  readonly weights?: string;
  readonly profileCi?: boolean;
}

/** Per-observation values the diagnostic plots need (residuals vs fitted, Q–Q). */
export interface FitDiagnostics {
  readonly fitted: readonly (number | null)[];
  readonly residuals: readonly (number | null)[];
  /** "response" (y − ŷ, linear models) or "pearson" (GLMMs). */
  readonly residualKind: "response" | "pearson";
}

/** The last results of a model: what the UI, the CSV and the PDF exports show. */
export interface ModelResult {
  /** ISO date-time of the fit. */
  readonly fittedAt: string;
  readonly fit: FitJson;
  readonly diagnostics?: FitDiagnostics;
}

export interface ProjectModel {
  /** Stable id within the project (names can be renamed). */
  readonly id: string;
  readonly name: string;
  readonly spec: ProjectModelSpec;
  /** Null when the model has not been fitted (or was edited since). */
  readonly result: ModelResult | null;
}

/** What the window showed: kept so that a reopened project looks the way it was left. */
export interface ProjectView {
  readonly activeModelId: string | null;
  /** Other small view settings (open tabs, number style…), by name. */
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

export const EMPTY_VIEW: ProjectView = { activeModelId: null, settings: {} };

export function createProject(content: ProjectContent, savedBy: string, savedAt = new Date().toISOString()): Project {
  return { format: PROJECT_FORMAT, version: PROJECT_VERSION, savedBy, savedAt, ...content };
}
