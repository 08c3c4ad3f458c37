/**
 * Validation of a stored FitView (app/model-spec/fit-view.ts), the results the UI shows. Numbers
 * that JSON cannot hold (NaN, ±∞) arrive as null and are accepted where the fit may lack them;
 * fields added by later versions of the results are kept.
 */
import type { FitView, TermPartView } from "../model-spec";
import { bool, count, finite, invalid, isRecord, list, nullable, numOrNull, object, oneOf, recordOf, text, jsonValue, type Check } from "./check";
import { MODEL_FAMILIES } from "../engine/families";

const keep = { keepUnknown: true } as const;
/** A number the UI expects; null accepted (a non-finite value written as JSON). */
const number = numOrNull as unknown as Check<number>;

const fixef = object(
  { term: text, estimate: number, se: number, statistic: number, df: numOrNull, p: numOrNull, lower: numOrNull, upper: numOrNull },
  undefined,
  keep,
);
const threshold = object({ name: text, estimate: number, se: number, statistic: number, p: numOrNull }, undefined, keep);
const varcorr = object({ group: text, name1: nullable(text), name2: nullable(text), kind: oneOf("variance", "correlation"), value: number, sd: numOrNull }, undefined, keep);
const anova = object({ term: text, numDF: number, denDF: numOrNull, F: numOrNull, p: numOrNull }, undefined, keep);
const ranef = object({ group: text, terms: list(text), levels: list(text), values: list(list(number)), condsd: list(list(number)) }, undefined, keep);
const diagnostics = object(
  { observed: list(number), fitted: list(number), residuals: list(number), residualKind: oneOf("raw", "deviance", "pearson"), total: count },
  undefined,
  keep,
);
const effects = object(
  { predictors: list(text), factors: list(text), curves: list(jsonValue), yLabel: text, unavailable: nullable(text) },
  undefined,
  keep,
);

/** What a fixed-effect column codes (readable term names, app/model-spec/term-columns.ts): one shape per kind. */
const TERM_PARTS = {
  numeric: object({ kind: oneOf("numeric"), variable: text }),
  poly: object({ kind: oneOf("poly"), variable: text, source: text, power: count, degree: count, raw: bool }),
  treatment: object({ kind: oneOf("treatment"), variable: text, level: text, baseline: text }),
  sum: object({ kind: oneOf("sum"), variable: text, level: text, omitted: text }),
  indicator: object({ kind: oneOf("indicator"), variable: text, level: text }),
} as const;
const termPart: Check<TermPartView> = (v, path) => {
  const kind = isRecord(v) && typeof v.kind === "string" && Object.hasOwn(TERM_PARTS, v.kind) ? (v.kind as keyof typeof TERM_PARTS) : null;
  return kind ? (TERM_PARTS[kind](v, path) as TermPartView) : invalid(`${path}.kind`, Object.keys(TERM_PARTS).join(", "));
};
const termInfo = object({ columns: list(object({ name: text, term: text, parts: list(termPart) })), factors: recordOf(list(text)) });

export const fitView = object(
  {
    family: oneOf(...MODEL_FAMILIES),
    link: nullable(text),
    method: text,
    formula: text,
    responseName: text,
    nobs: count,
    ngroups: recordOf(count),
    statisticName: oneOf("t", "z"),
    fixef: list(fixef),
    varcorr: list(varcorr),
    sigma: numOrNull,
    logLik: number,
    npar: count,
    AIC: number,
    BIC: number,
    deviance: numOrNull,
    REMLcrit: numOrNull,
    r2Marginal: numOrNull,
    r2Conditional: numOrNull,
    icc: numOrNull,
    anova: nullable(list(anova)),
    singular: bool,
    converged: bool,
    droppedRows: count,
    warnings: list(text),
    ranef: list(ranef),
    diagnostics,
    effects,
    evaluations: count,
    seconds: finite,
  },
  { ddfMethod: oneOf("Satterthwaite", "Kenward-Roger"), thresholds: list(threshold), categories: list(text), termInfo },
  keep,
) as unknown as Check<FitView>;
