/**
 * The response vector and prior weights per family, as R's family objects take them:
 * gaussian needs numbers; binomial takes 0/1, a factor (first level = failure, as glm does),
 * a proportion with weights, or cbind(successes, failures) (y = proportion, weights = trials);
 * poisson takes non-negative counts.
 */
import { MixwellError } from "../../errors";
import type { Expr, Response } from "../../formula";
import { formatRNumber, formatResponse } from "../../formula";
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
  if (variable.kind === "factor") {
    if (family !== "binomial") {
      throw new MixwellError(
        `The outcome '${name}' holds categories (text); a ${family === "gaussian" ? "linear" : "Poisson"} mixed model needs a numeric outcome`,
      );
    }
    return { name, y: Float64Array.from(variable.codes, (c) => (c > 0 ? 1 : 0)) };
  }
  const y = variable.values;
  y.forEach((v, i) => {
    if (family === "binomial" && (v < 0 || v > 1)) {
      throw new MixwellError(
        `For a binomial model the outcome '${name}' must be 0 or 1 (or a proportion), but data row ${rowIndex[i] + 1} has ${formatRNumber(v)}; for counts use cbind(successes, failures)`,
      );
    }
    if (family === "poisson" && v < 0) {
      throw new MixwellError(
        `For a Poisson model the outcome '${name}' must be a count (0, 1, 2, …), but data row ${rowIndex[i] + 1} has ${formatRNumber(v)}`,
      );
    }
  });
  return { name, y };
}

function counts(variable: Variable, rowIndex: Int32Array, what: string): Float64Array {
  if (variable.kind === "factor") throw new MixwellError(`The ${what} in cbind() must be numbers, but '${variable.name}' holds categories`);
  variable.values.forEach((v, i) => {
    if (v < 0) {
      throw new MixwellError(`The ${what} '${variable.name}' cannot be negative, but data row ${rowIndex[i] + 1} has ${formatRNumber(v)}`);
    }
  });
  return variable.values;
}
