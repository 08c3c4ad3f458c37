/**
 * Validation of what version 3 keeps per model besides its fit: the guided-fix step that made it,
 * the post-hoc analyses run on it (request and the EmmeansView the UI showed) and an allFit-style
 * optimiser comparison. JSON has no ∞ or NaN: an asymptotic (z) df is written as null and read
 * back as ∞, any other missing number as NaN.
 */
import type { EmmeansView } from "../api/contract-analysis";
import type { OptimizerComparison, SimplificationAction } from "../guided-fix/types";
import { bool, count, invalid, list, nullable, object, oneOf, recordOf, text, type Check } from "./check";
import type { GuidedStep, PosthocAnalysis, PosthocSpec } from "./schema";

const keep = { keepUnknown: true } as const;

/** A number; null (a non-finite value written as JSON) reads as NaN. */
const stat: Check<number> = (v, path) => (v === null ? NaN : typeof v === "number" ? v : invalid(path, "a number"));
/** Degrees of freedom; null reads as ∞ (asymptotic z tests, as emmeans prints df = Inf). */
const df: Check<number> = (v, path) => (v === null ? Infinity : typeof v === "number" && !(v <= 0) ? v : invalid(path, "degrees of freedom (a positive number)"));
const nonEmptyText: Check<string> = (v, path) => (text(v, path).trim() !== "" ? (v as string) : invalid(path, "text that is not empty"));

/** Every guided-fix action (a Record, so that a new action fails to compile until it is added here). */
const ACTIONS: Readonly<Record<SimplificationAction, true>> = { "drop-correlation": true, "drop-slope": true, "drop-term": true, "centre-scale": true };
const adjust = oneOf("tukey", "holm", "bonferroni", "none");
const dfMethod = oneOf("satterthwaite", "kenward-roger", "asymptotic");

export const guidedStep: Check<GuidedStep> = object({
  fromModel: nonEmptyText,
  fromFormula: nonEmptyText,
  causes: list(text),
  action: oneOf(...(Object.keys(ACTIONS) as SimplificationAction[])),
  reason: text,
  formula: nonEmptyText,
  at: text,
});

const posthocSpec: Check<PosthocSpec> = (v, path) => {
  const s = object({ specs: list(nonEmptyText), by: list(nonEmptyText), adjust, df: nullable(dfMethod) }, { trendOf: nonEmptyText })(v, path);
  if (s.specs.length === 0) invalid(`${path}.specs`, "at least one factor whose means are compared");
  const both = s.by.find((b) => s.specs.includes(b));
  if (both !== undefined) invalid(`${path}.by`, `factors other than those compared ('${both}' is in both)`);
  return s;
};

const levels = recordOf(text);
const meanRow = object({ levels, estimate: stat, se: stat, df, lower: stat, upper: stat }, undefined, keep);
const responseRow = object({ estimate: stat, se: stat, lower: stat, upper: stat }, undefined, keep);
const ratio = object({ name: oneOf("odds.ratio", "ratio"), contrast: text, estimate: stat, se: stat, lower: stat, upper: stat }, undefined, keep);
const contrastRow = object(
  { contrast: text, by: levels, estimate: stat, se: stat, df, t: stat, p: stat, lower: stat, upper: stat },
  { ratio },
  keep,
);

const means = object(
  {
    kind: oneOf("emmeans", "emtrends"),
    specs: list(text),
    by: list(text),
    dfMethod,
    level: stat,
    rows: list(meanRow),
    averagedOver: list(text),
    covariates: recordOf(stat),
  },
  { trendOf: text, response: object({ name: oneOf("prob", "rate", "response"), link: text, rows: list(responseRow) }, undefined, keep) },
  keep,
);

/** emmeans' eff_size rows and the σ and edf they used; edf null reads as ∞ (σ taken as known). */
const effectSizeRow = object({ contrast: text, by: levels, estimate: stat, se: stat, df, lower: stat, upper: stat }, undefined, keep);
const effectSizes = object({ sigma: stat, edf: df, edfSource: oneOf("df.residual", "user"), level: stat, rows: list(effectSizeRow) }, undefined, keep);
/** Ordinal models: category probabilities and mean class per level (emmeans' mode = "prob" / "mean.class"). */
const probabilityRow = object({ level: text, category: text, estimate: stat, se: stat, lower: stat, upper: stat }, undefined, keep);
const ordinal = object(
  { factor: text, response: text, categories: list(text), link: text, level: stat, rows: list(probabilityRow), meanClass: list(probabilityRow) },
  undefined,
  keep,
);

const simpleEffectTest = object({ by: levels, effect: list(text), df1: stat, df2: df, F: stat, p: stat }, undefined, keep);

const emmeansView = object(
  { means, pairs: nullable(object({ adjust, level: stat, note: text, rows: list(contrastRow) }, { effectSizes }, keep)) },
  { tests: list(simpleEffectTest), ordinal },
  keep,
) as unknown as Check<EmmeansView>;

export const posthocAnalysis: Check<PosthocAnalysis> = (v, path) => {
  const a = object({ request: posthocSpec, result: nullable(emmeansView) })(v, path);
  const r = a.result;
  if (!r) return a;
  if (r.means.specs.join("\u0000") !== a.request.specs.join("\u0000")) invalid(`${path}.result.means.specs`, `the factors of the request (${a.request.specs.join(", ")})`);
  if (r.means.by.join("\u0000") !== a.request.by.join("\u0000")) invalid(`${path}.result.means.by`, `the 'by' factors of the request (${a.request.by.join(", ") || "none"})`);
  if (r.pairs && r.pairs.adjust !== a.request.adjust) invalid(`${path}.result.pairs.adjust`, `the adjustment of the request (${a.request.adjust})`);
  if ((r.means.trendOf ?? "") !== (a.request.trendOf ?? "")) {
    invalid(`${path}.result.means.trendOf`, a.request.trendOf ? `the predictor whose slopes were asked for ('${a.request.trendOf}')` : "absent (means, not slopes, were asked for)");
  }
  return a;
};

const optimizerRun = object(
  {
    optimizer: text,
    converged: bool,
    message: text,
    evaluations: count,
    objective: stat,
    theta: list(stat),
    beta: list(stat),
    sigma: stat,
    objectiveDifference: stat,
    maxBetaDifference: stat,
    maxSdDifference: stat,
    agrees: bool,
  },
  undefined,
  keep,
);

export const optimizerCheck: Check<OptimizerComparison> = object({ runs: list(optimizerRun), allAgree: bool, message: text }, undefined, keep);
