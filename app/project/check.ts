/**
 * Small checkers for reading a project file: each takes an `unknown` and a path such as
 * `models[0].spec.formula` and returns the typed value, or throws ProjectFileError naming the
 * path and what was expected, so a damaged file is reported precisely and never half-loaded.
 */
import { MixwellError } from "../errors";

/** A project file that cannot be opened (damaged, foreign, too new); the message says why. */
export class ProjectFileError extends MixwellError {}

export type Check<T> = (value: unknown, path: string) => T;

export function invalid(path: string, expected: string): never {
  throw new ProjectFileError(`The project file is damaged: ${path} should be ${expected}.`);
}

export const text: Check<string> = (v, path) => (typeof v === "string" ? v : invalid(path, "text"));
export const bool: Check<boolean> = (v, path) => (typeof v === "boolean" ? v : invalid(path, "true or false"));
export const finite: Check<number> = (v, path) => (typeof v === "number" && Number.isFinite(v) ? v : invalid(path, "a number"));
export const count: Check<number> = (v, path) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : invalid(path, "a whole number ≥ 0"));
/** A number or null (JSON has no NaN: missing and non-finite values are stored as null). */
export const numOrNull: Check<number | null> = (v, path) => (v === null ? null : finite(v, path));

export const oneOf =
  <T extends string>(...options: readonly T[]): Check<T> =>
  (v, path) =>
    typeof v === "string" && (options as readonly string[]).includes(v) ? (v as T) : invalid(path, `one of ${options.join(", ")}`);

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v, path) =>
    v === null ? null : check(v, path);

export const list =
  <T>(item: Check<T>): Check<readonly T[]> =>
  (v, path) => {
    if (!Array.isArray(v)) return invalid(path, "a list");
    const out = new Array<T>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = item(v[i], `${path}[${i}]`);
    return out;
  };

/**
 * `out[key] = value` that never changes a prototype: JSON.parse keeps a `"__proto__"` key as an
 * own property, but plain assignment of that key would make the value the object's prototype
 * (so inherited fields would escape validation). Defining the property keeps it plain data.
 */
export function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A JSON object whose values all pass `item` (any keys). */
export const recordOf =
  <T>(item: Check<T>): Check<Readonly<Record<string, T>>> =>
  (v, path) => {
    if (!isRecord(v)) return invalid(path, "an object");
    const out: Record<string, T> = {};
    for (const [key, value] of Object.entries(v)) setOwn(out, key, item(value, `${path}.${key}`));
    return out;
  };

type Shape = Record<string, Check<unknown>>;
type Checked<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

export interface ObjectOptions {
  /** Keep keys that are not in the shapes (their values must be plain JSON) instead of refusing them. */
  readonly keepUnknown?: boolean;
}

/**
 * An object with the `required` keys, possibly the `optional` ones; other keys are refused
 * unless `keepUnknown` (used for results, whose fields grow with new analyses).
 */
export function object<S extends Shape, P extends Shape = Record<never, never>>(
  required: S,
  optional?: P,
  options: ObjectOptions = {},
): Check<Checked<S> & Partial<Checked<P>>> {
  return (v, path) => {
    if (!isRecord(v)) return invalid(path, "an object");
    const opt: Shape = optional ?? {};
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (Object.hasOwn(required, key) || Object.hasOwn(opt, key)) continue;
      if (!options.keepUnknown) throw new ProjectFileError(`The project file is damaged: ${path}.${key} is not part of a Mixwell project.`);
      setOwn(out, key, jsonValue(v[key], `${path}.${key}`));
    }
    for (const [key, check] of Object.entries(required)) {
      if (!Object.hasOwn(v, key)) throw new ProjectFileError(`The project file is damaged: ${path}.${key} is missing.`);
      setOwn(out, key, check(v[key], `${path}.${key}`));
    }
    for (const [key, check] of Object.entries(opt)) {
      if (v[key] !== undefined) setOwn(out, key, check(v[key], `${path}.${key}`));
    }
    return out as Checked<S> & Partial<Checked<P>>;
  };
}

/** Any plain JSON value (what JSON.parse can return), checked so nothing else slips through. */
export const jsonValue: Check<unknown> = (v, path) => {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return finite(v, path);
  if (Array.isArray(v)) return list(jsonValue)(v, path);
  if (isRecord(v)) return recordOf(jsonValue)(v, path);
  return invalid(path, "plain data");
};

/** A table cell of a result table: text, a number, or null. */
export const cell: Check<string | number | null> = (v, path) =>
  v === null || typeof v === "string" ? v : finite(v, path);
