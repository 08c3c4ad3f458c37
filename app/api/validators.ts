/**
 * The building blocks of request validation: a Validator checks an `unknown` value and returns it
 * typed, or throws InvalidRequestError naming the path and what is wrong.
 */
import { MixwellError } from "../errors";

/** A request that does not match the contract. */
export class InvalidRequestError extends MixwellError {}

export type Validator<T> = (value: unknown, path: string) => T;

export const fail = (path: string, what: string): never => {
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

/** A Uint8Array (a file's bytes, sent as binary) of at most `max` bytes. */
export const bytes =
  (opts: { max: number }): Validator<Uint8Array> =>
  (v, path) => {
    if (!(v instanceof Uint8Array)) return fail(path, "must be bytes");
    if (v.byteLength > opts.max) return fail(path, `is larger than ${opts.max} bytes`);
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

