/**
 * The response vector and prior weights per family, as R's family objects take them:
 * gaussian needs numbers; binomial takes 0/1, a factor (first level = failure, as glm does),
 * a proportion with weights, or cbind(successes, failures) (y = proportion, weights = trials);
 * poisson and the negative binomial take non-negative whole counts; Gamma and inverse Gaussian
 * take positive numbers (R's initialize stops at y ≤ 0). A logical outcome (`I(TICKS > 0)`, `Reaction > 250`) is 0/1
 * for every family, as glmer and lmer use it.
 */
import { MixwellError } from "../../errors";
import type { Expr, Response } from "../../formula";
import { formatRNumber, formatResponse } from "../../formula";
import { FAMILY_WORDS } from "../families";
import type { Family } from "./random";
import type { Variable } from "./variables";

export interface ModelResponse {
  readonly name: string;
  readonly y: Float64Array;
  /** Binomial trials from cbind(); undefined otherwise. */
  readonly trials?: Float64Array;
}

/** `rowIndex` maps model rows to data rows, for messages. */
export function buildResponse(
  response: Response,
  variableOf: (expr: Expr) => Variable,
  family: Family,
  rowIndex: Int32Array,
): ModelResponse {
  const name = formatResponse(response);
  if (response.kind === "cbind") {
    if (family !== "binomial") {
      throw new MixwellError(`cbind(successes, failures) as the outcome needs the binomial family, not ${family}`);
    }
    const successes = counts(variableOf(response.successes), rowIndex, "successes");
    const failures = counts(variableOf(response.failures), rowIndex, "failures");
    const trials = successes.map((s, i) => s + failures[i]);
    const y = successes.map((s, i) => (trials[i] > 0 ? s / trials[i] : 0));
    return { name, y, trials };
  }
  const variable = variableOf(response.expr);
  if (variable.kind === "factor" && variable.logical) return { name, y: Float64Array.from(variable.codes) };
  if (variable.kind === "factor") {
    if (family !== "binomial") {
      throw new MixwellError(
        `The outcome '${name}' holds categories (text); ${FAMILY_WORDS[family]} needs a numeric outcome`,
      );
    }
    const used = [...new Set(variable.codes)].sort((a, b) => a - b);
    if (used.length > 2) {
      throw new MixwellError(
        `For a binomial model the outcome '${name}' must have two categories, but it has ${used.length}: ${used.map((c) => `'${variable.levels[c]}'`).join(", ")}`,
      );
    }
    // glm's rule: the first level is failure (0), any other success (1).
    return { name, y: Float64Array.from(variable.codes, (c) => (c > 0 ? 1 : 0)) };
  }
  const y = variable.values;
  if (family === "binomial") {
    const bad = rowsWhere(y, (v) => v < 0 || v > 1);
    if (bad.length > 0) {
      throw new MixwellError(
        `For a binomial model the outcome '${name}' must be 0 or 1 (or a proportion with the number of trials as weights), but ${rowList(bad, rowIndex)} ${bad.length > 1 ? "have" : "has"} ${formatRNumber(y[bad[0]])}${bad.length > 1 ? " …" : ""}; for counts use cbind(successes, failures)`,
      );
    }
  }
  if (family === "poisson" || family === "negative-binomial") {
    const bad = rowsWhere(y, (v) => v < 0 || v !== Math.round(v));
    if (bad.length > 0) {
      const what = family === "poisson" ? "a Poisson" : "a negative binomial";
      throw new MixwellError(
        `For ${what} model the outcome '${name}' must be a count (0, 1, 2, …), but ${rowList(bad, rowIndex)} ${bad.length > 1 ? "have" : "has"} ${formatRNumber(y[bad[0]])}${bad.length > 1 ? " …" : ""}`,
      );
    }
  }
  if (family === "gamma" || family === "inverse-gaussian") {
    const bad = rowsWhere(y, (v) => v <= 0);
    if (bad.length > 0) {
      const what = family === "gamma" ? "a Gamma" : "an inverse Gaussian";
      throw new MixwellError(
        `For ${what} model the outcome '${name}' must be above 0, but ${rowList(bad, rowIndex)} ${bad.length > 1 ? "have" : "has"} ${formatRNumber(y[bad[0]])}${bad.length > 1 ? " …" : ""}; for data with zeros consider a different family, or a log(y + c) linear model`,
      );
    }
  }
  return { name, y };
}

/**
 * Binomial outcome given as numbers without cbind(): with weights (trials) the successes y·w must
 * be whole numbers; without weights y must be exactly 0 or 1.
 */
export function checkBinomialProportions(name: string, y: Float64Array, weights: Float64Array | undefined, rowIndex: Int32Array, weightsName = "weights"): void {
  if (!weights) {
    const bad = rowsWhere(y, (v) => v !== 0 && v !== 1);
    if (bad.length > 0) {
      throw new MixwellError(
        `For a binomial model the outcome '${name}' must be 0 or 1, but ${rowList(bad, rowIndex)} ${bad.length > 1 ? "have" : "has"} ${formatRNumber(y[bad[0]])}${bad.length > 1 ? " …" : ""}: for a proportion give the number of trials as weights, or use cbind(successes, failures)`,
      );
    }
    return;
  }
  const bad: number[] = [];
  y.forEach((v, i) => {
    const s = v * weights[i];
    if (Math.abs(s - Math.round(s)) > 1e-7 * Math.max(1, Math.abs(s))) bad.push(i);
  });
  if (bad.length > 0) {
    throw new MixwellError(
      `For a binomial model with weights, the outcome '${name}' is the proportion of successes out of '${weightsName}' trials, so outcome × weight must be a whole number; ${rowList(bad, rowIndex)} ${bad.length > 1 ? "give" : "gives"} ${formatRNumber(y[bad[0]] * weights[bad[0]])}${bad.length > 1 ? " …" : ""}`,
    );
  }
}

function counts(variable: Variable, rowIndex: Int32Array, what: "successes" | "failures"): Float64Array {
  if (variable.kind === "factor") throw new MixwellError(`The ${what} in cbind() must be numbers, but '${variable.name}' holds categories`);
  const v = variable.values;
  const negative = rowsWhere(v, (x) => x < 0);
  if (negative.length > 0) {
    const detail = what === "failures" ? ": there are more successes than trials" : "";
    throw new MixwellError(
      `The ${what} '${variable.name}' cannot be negative, but ${rowList(negative, rowIndex)} ${negative.length > 1 ? "have" : "has"} ${formatRNumber(v[negative[0]])}${negative.length > 1 ? " …" : ""}${detail}`,
    );
  }
  const fractional = rowsWhere(v, (x) => x !== Math.round(x));
  if (fractional.length > 0) {
    throw new MixwellError(
      `The ${what} '${variable.name}' in cbind() must be whole numbers, but ${rowList(fractional, rowIndex)} ${fractional.length > 1 ? "have" : "has"} ${formatRNumber(v[fractional[0]])}${fractional.length > 1 ? " …" : ""}`,
    );
  }
  return v;
}

function rowsWhere(v: Float64Array, bad: (x: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < v.length; i++) if (bad(v[i])) out.push(i);
  return out;
}

/** "data row 3", "data rows 3, 7 and 12", "data rows 3, 7, 12, 15, 20 and 8 more". */
export function rowList(rows: readonly number[], rowIndex: Int32Array): string {
  const shown = rows.slice(0, 5).map((i) => String(rowIndex[i] + 1));
  if (rows.length === 1) return `data row ${shown[0]}`;
  if (rows.length <= 5) return `data rows ${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
  return `data rows ${shown.join(", ")} and ${rows.length - 5} more`;
}
