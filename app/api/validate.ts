/**
 * Runtime validation of everything that arrives from the UI. Payloads are `unknown` until a
 * validator here has checked them; a bad one is refused with a message saying what is wrong.
 */
import { InvalidRequestError, array, bytes, fail, object, string, type Validator } from "./validators";
import type { ApiEnvelope, ApiMethod, ApiMethods, ApiRequest } from "./contract";
import { dataSnapshot, editOp, importOptions } from "./validate-data";
import { projectValidators } from "./validate-project";
import { bootstrapValidators } from "./validate-bootstrap";
import { MODEL_FAMILIES } from "../engine/families";
import { LINK_NAMES } from "../engine/glmm/family";

export { InvalidRequestError, string, array, object } from "./validators";
export type { Validator } from "./validators";
const ID = /^[A-Za-z0-9_-]{1,100}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Largest file accepted over the API (base64 characters ≈ 4/3 × bytes): 512 MB of CSV. */
export const MAX_IMPORT_BASE64 = Math.ceil((512 * 1024 ** 2 * 4) / 3) + 4;
/** The same limit for a file sent as bytes. */
const MAX_IMPORT_BYTES = 512 * 1024 ** 2;

const empty = object({});

const oneOf =
  <T extends string>(...values: T[]): Validator<T> =>
  (v, path) =>
    typeof v === "string" && (values as string[]).includes(v) ? (v as T) : fail(path, `must be one of ${values.join(", ")}`);

const nAGQ: Validator<number> = (v, path) =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 25 ? (v as number) : fail(path, "must be a whole number from 0 to 25");

/** A finite number above 0 (emmeans' edf for effect sizes). */
const positiveNumber: Validator<number> = (v, path) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : fail(path, "must be a positive number"));

const fitModelSpec = object(
  { formula: string({ max: 10_000 }) },
  {
    family: oneOf(...MODEL_FAMILIES),
    method: oneOf("REML", "ML"),
    ddf: oneOf("Satterthwaite", "Kenward-Roger"),
    link: oneOf(...LINK_NAMES),
    nAGQ,
    contrasts: oneOf("treatment", "sum"),
    categorical: array(string({ max: 1000 })),
    residual: object(
      {},
      {
        correlation: oneOf("ar1", "car1", "cs"),
        time: string({ max: 1000 }),
        group: string({ max: 1000 }),
        varianceBy: string({ max: 1000 }),
      },
    ),
  },
);

/** One validator per API method; the mapped type makes a missing one a compile error. */
export const requestValidators: { [M in ApiMethod]: Validator<ApiRequest<M>> } = {
  ...projectValidators,
  ...bootstrapValidators(fitModelSpec),
  appInfo: empty as Validator<ApiMethods["appInfo"]["request"]>,
  quit: empty as Validator<ApiMethods["quit"]["request"]>,
  importCsv: object(
    { fileName: string({ max: 1000 }), contentBase64: string({ max: MAX_IMPORT_BASE64, pattern: BASE64 }) },
    { categorical: array(string({ max: 1000 })) },
  ),
  describe: object({ tableId: string({ pattern: ID }) }),
  previewImport: (v, p) => importDataRequest()(v, p),
  importData: (v, p) => importDataRequest()(v, p),
  editTable: (v, p) => object({ tableId: string({ pattern: ID }), op: editOp })(v, p),
  loadTable: (v, p) => dataSnapshot(v, p),
  cancel: object({ requestId: string({ pattern: ID }) }),
  fit: object({ tableId: string({ pattern: ID }), spec: fitModelSpec }),
  compare: object({ tableId: string({ pattern: ID }), specs: array(fitModelSpec, 20) }),
  emmeans: object(
    { tableId: string({ pattern: ID }), spec: fitModelSpec, specs: array(string({ max: 1000 }), 10), adjust: oneOf("tukey", "holm", "bonferroni", "none") },
    { by: array(string({ max: 1000 }), 10), df: oneOf("satterthwaite", "kenward-roger", "asymptotic"), trendOf: string({ max: 1000 }), edf: positiveNumber },
  ),
  guidedFix: object({ tableId: string({ pattern: ID }), spec: fitModelSpec }),
  checkOptimizers: object({ tableId: string({ pattern: ID }), spec: fitModelSpec }),
  checkDesign: object({ tableId: string({ pattern: ID }), spec: fitModelSpec }),
  ranova: object({ tableId: string({ pattern: ID }), spec: fitModelSpec }),
  standardizedEffects: object({ tableId: string({ pattern: ID }), spec: fitModelSpec }),
  johnsonNeyman: object({ tableId: string({ pattern: ID }), spec: fitModelSpec, x: string({ max: 1000 }), moderator: string({ max: 1000 }) }),
};

/** Data-workspace requests (validators in validate-data.ts). */
const importDataRequest = () =>
  object(
    { fileName: string({ max: 1000 }) },
    {
      contentBase64: string({ max: MAX_IMPORT_BASE64, pattern: BASE64 }),
      content: bytes({ max: MAX_IMPORT_BYTES }),
      uploadId: string({ pattern: ID }),
      options: importOptions,
    },
  );

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === "string" && Object.hasOwn(requestValidators, name);
}

/** Validate a whole call as it arrives: known method, well-formed requestId, valid payload. */
export function parseEnvelope(value: unknown): ApiEnvelope {
  const v = object({ requestId: string({ pattern: ID }), method: string({ max: 100 }), payload: (x) => x })(value, "call");
  if (!isApiMethod(v.method)) throw new InvalidRequestError(`Invalid request: unknown method '${v.method}'.`);
  const payload = requestValidators[v.method](v.payload, "payload");
  return { requestId: v.requestId, method: v.method, payload } as ApiEnvelope;
}
