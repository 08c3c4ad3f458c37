/**
 * The one contract between the UI and the back end, carried over Electron IPC in the desktop app
 * and over a WebSocket in browser mode. Each method has a request payload (validated on arrival
 * by validate.ts) and a response value; every call answers with an ApiResult, never a thrown error.
 *
 * To add a method: add it to ApiMethods, add a validator in validate.ts (the compiler insists),
 * and a handler in main/api/handlers.ts (the compiler insists again).
 */
import type { ErrorInfo } from "../errors";
import type { TableDescription } from "../describe";
import type { DataSnapshot, EditOp, TextEncodingName } from "../data";
import type { ImportOptions, ImportPreview } from "../data/import/types";
import type { WireTable } from "./wire-table";
import type { FitView, ModelFamily, ModelMethod } from "../model-spec";
import type { LinkName } from "../engine/glmm/family";
import type { ModelComparison } from "../inference";
import type { ResidualStructureSpec } from "../engine/residual-structure/types";
import type { ProjectApiMethods } from "./contract-project";
import type { AnalysisApiMethods } from "./contract-analysis";
import type { BootstrapApiMethods } from "./contract-bootstrap";

export type * from "./contract-project";
export type * from "./contract-analysis";
export type * from "./contract-bootstrap";

export interface AppInfo {
  readonly version: string;
  /** How the UI is hosted: the Electron app, or a browser talking to the local host. */
  readonly mode: "electron" | "browser";
}

export interface ImportCsvRequest {
  /** The file's name, shown to the user; no path. */
  readonly fileName: string;
  /** The file's bytes, base64-encoded (encoding detection happens in the back end). */
  readonly contentBase64: string;
  readonly categorical?: readonly string[];
}

export interface ImportedTable {
  /** Handle for later requests (describe, fit) on this table. */
  readonly tableId: string;
  readonly fileName: string;
  /** Text encoding of a CSV file; null for Excel and SPSS files. */
  readonly encoding: TextEncodingName | null;
  readonly warnings: readonly string[];
  readonly table: WireTable;
  /** Bumped by every edit of the stored table (a fit made at an older version is out of date). */
  readonly version?: number;
  /** Cell texts that were read as missing. */
  readonly missing?: readonly string[];
}

/** A data file (CSV/TSV, .xlsx, .sav) with the user's import choices. */
export interface ImportDataRequest {
  readonly fileName: string;
  /** The file's bytes, base64-encoded; or `content`, the bytes themselves; or `uploadId` of a file a preview already sent. */
  readonly contentBase64?: string;
  /**
   * The file's bytes as they are (the renderer's choice for a file: a 70 MB CSV as base64 in JSON
   * costs seconds to encode, send and decode; the browser-mode host receives these as one binary frame).
   */
  readonly content?: Uint8Array;
  readonly uploadId?: string;
  readonly options?: ImportOptions;
}

/** The preview, and a handle for the uploaded file so changed options need not send it again. */
export interface PreviewImportResponse extends ImportPreview {
  readonly uploadId: string;
}

/** One edit (app/data/edit) of a stored table; answered with the table's new version. */
export interface EditTableRequest {
  readonly tableId: string;
  readonly op: EditOp;
}

export interface TableVersion {
  readonly tableId: string;
  readonly version: number;
}

export interface DescribeRequest {
  readonly tableId: string;
}

export interface CancelRequest {
  /** The requestId of the call to cancel. */
  readonly requestId: string;
}

export interface CancelResponse {
  /** False when the request had already finished (or never existed). */
  readonly cancelled: boolean;
}

/** A model to fit on a stored table (app/model-spec's ModelSpec without its name). */
export interface FitModelSpec {
  readonly formula: string;
  readonly family?: ModelFamily;
  readonly method?: ModelMethod;
  readonly link?: LinkName;
  /** Binomial/Poisson: glmer's nAGQ, 0 to 25 (default 1, Laplace). */
  readonly nAGQ?: number;
  readonly contrasts?: "treatment" | "sum";
  readonly categorical?: readonly string[];
  /** Gaussian only: residual correlation / unequal variances (nlme::lme). */
  readonly residual?: ResidualStructureSpec;
}

export interface FitRequest {
  readonly tableId: string;
  readonly spec: FitModelSpec;
}

export interface CompareRequest {
  readonly tableId: string;
  readonly specs: readonly FitModelSpec[];
}

export type Empty = Record<string, never>;

export interface ApiMethods extends ProjectApiMethods, AnalysisApiMethods, BootstrapApiMethods {
  appInfo: { request: Empty; response: AppInfo };
  importCsv: { request: ImportCsvRequest; response: ImportedTable };
  describe: { request: DescribeRequest; response: TableDescription };
  cancel: { request: CancelRequest; response: CancelResponse };
  /** Fit a mixed model in the worker pool; progress reports iterations and deviance. */
  fit: { request: FitRequest; response: FitView };
  /** Likelihood-ratio comparison (lme4's anova(m1, m2, …)) of two or more models. */
  compare: { request: CompareRequest; response: ModelComparison };
  /** What a data file holds and how it would be read, before importing it. */
  previewImport: { request: ImportDataRequest; response: PreviewImportResponse };
  /** Import a data file with the choices made in the preview. */
  importData: { request: ImportDataRequest; response: ImportedTable };
  /** Apply one edit to a stored table. */
  editTable: { request: EditTableRequest; response: TableVersion };
  /** Store a table the UI already has (a project being opened): a new tableId. */
  loadTable: { request: DataSnapshot; response: TableVersion };
  /** Close the app (Electron) or stop the local host (browser mode). */
  quit: { request: Empty; response: Empty };
}

export type ApiMethod = keyof ApiMethods;
export type ApiRequest<M extends ApiMethod> = ApiMethods[M]["request"];
export type ApiResponse<M extends ApiMethod> = ApiMethods[M]["response"];

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

/** One call: the client picks requestId (unique per call) so it can cancel and match progress. */
export interface ApiEnvelope<M extends ApiMethod = ApiMethod> {
  readonly requestId: string;
  readonly method: M;
  readonly payload: ApiRequest<M>;
}

/** Progress of a long request, streamed while it runs. */
export interface ProgressEvent {
  readonly requestId: string;
  /** 0..1, or null when the amount of work is unknown. */
  readonly fraction: number | null;
  readonly message: string;
}

/** Messages the back end sends to a browser-mode client over the WebSocket. */
export type ServerMessage =
  | { readonly type: "result"; readonly requestId: string; readonly result: ApiResult<unknown> }
  | { readonly type: "progress"; readonly event: ProgressEvent };

/** The error name used when a request was cancelled. */
export const CANCELLED_ERROR = "Cancelled";

/** Names of the IPC channels (Electron). */
export const IPC_REQUEST_CHANNEL = "mixwell:request";
export const IPC_PROGRESS_CHANNEL = "mixwell:progress";
