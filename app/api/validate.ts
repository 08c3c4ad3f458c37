/**
 * Runtime validation of everything that arrives from the UI. Payloads are `unknown` until a
 * validator here has checked them; a bad one is refused with a message saying what is wrong.
 */
import { MixwellError } from "../errors";
import type { ApiEnvelope, ApiMethod, ApiMethods, ApiRequest } from "./contract";

/** A request that does not match the contract. */
export class InvalidRequestError extends MixwellError {}

export type Validator<T> = (value: unknown, path: string) => T;

const fail = (path: string, what: string): never => {
  throw new InvalidRequestError(`Invalid request: ${path} ${what}.`);
};

export const string =
  (opts: { max?: number; pattern?: RegExp } = {}): Validator<string> =>
  (v, path) => {
    if (typeof v !== "string") return fail(path, "must be a string");
    if (opts.max !== undefined && v.length > opts.max) return fail(path, `is longer than ${opts.max} characters`);
    if (opts.pattern && !opts.pattern.test(v)) return fail(path, "has an unexpected form");
    return v;
  };

export const array =
  <T>(item: Validator<T>, max = 10_000): Validator<readonly T[]> =>
  (v, path) => {
    if (!Array.isArray(v)) return fail(path, "must be an array");
    if (v.length > max) return fail(path, `has more than ${max} items`);
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };

type Shape = Record<string, Validator<unknown>>;
type Checked<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/**
 * A plain object with exactly the keys of `required` and, possibly, those of `optional`;
 * any other key is refused.
 */
export const object =
  <S extends Shape, P extends Shape = Record<never, never>>(
    required: S,
    optional?: P,
  ): Validator<Checked<S> & Partial<Checked<P>>> =>
  (v, path) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return fail(path, "must be an object");
    const record = v as Record<string, unknown>;
    const opt: Shape = optional ?? {};
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(required, key) && !Object.hasOwn(opt, key)) fail(`${path}.${key}`, "is not allowed");
    }
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(required)) out[key] = check(record[key], `${path}.${key}`);
    for (const [key, check] of Object.entries(opt)) {
      if (record[key] !== undefined) out[key] = check(record[key], `${path}.${key}`);
    }
    return out as Checked<S> & Partial<Checked<P>>;
  };

const ID = /^[A-Za-z0-9_-]{1,100}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Largest file accepted over the API (base64 characters ≈ 4/3 × bytes): 512 MB of CSV. */
export const MAX_IMPORT_BASE64 = Math.ceil((512 * 1024 ** 2 * 4) / 3) + 4;

const empty = object({});

const oneOf =
  <T extends string>(...values: T[]): Validator<T> =>
  (v, path) =>
    typeof v === "string" && (values as string[]).includes(v) ? (v as T) : fail(path, `must be one of ${values.join(", ")}`);

const fitModelSpec = object(
  { formula: string({ max: 10_000 }) },
  {
    family: oneOf("gaussian", "binomial", "poisson"),
    method: oneOf("REML", "ML"),
    link: oneOf("logit", "probit", "cloglog", "log"),
    contrasts: oneOf("treatment", "sum"),
    categorical: array(string({ max: 1000 })),
  },
);

/** One validator per API method; the mapped type makes a missing one a compile error. */
export const requestValidators: { [M in ApiMethod]: Validator<ApiRequest<M>> } = {
  appInfo: empty as Validator<ApiMethods["appInfo"]["request"]>,
  quit: empty as Validator<ApiMethods["quit"]["request"]>,
  importCsv: object(
    { fileName: string({ max: 1000 }), contentBase64: string({ max: MAX_IMPORT_BASE64, pattern: BASE64 }) },
    { categorical: array(string({ max: 1000 })) },
  ),
  describe: object({ tableId: string({ pattern: ID }) }),
  cancel: object({ requestId: string({ pattern: ID }) }),
  fit: object({ tableId: string({ pattern: ID }), spec: fitModelSpec }),
  compare: object({ tableId: string({ pattern: ID }), specs: array(fitModelSpec, 20) }),
};

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
