/**
 * Validation of what version 3 keeps per model besides its fit: the guided-fix step that made it,
 * the post-hoc analyses run on it (request and the EmmeansView the UI showed), an allFit-style
 * optimiser comparison and issue 19's inference (ranova, Johnson–Neyman, standardized effects,
 * parametric bootstrap; lists bounded so a hostile file cannot make the app build huge tables).
 * JSON has no ∞ or NaN: an asymptotic (z) df is written as null and read back as ∞, any other
 * missing number as NaN.
 */
import type { EmmeansView, JohnsonNeymanView, RanovaView } from "../api/contract-analysis";
import type { OptimizerComparison, SimplificationAction } from "../guided-fix/types";
import type { BootstrapResult, PbResult } from "../inference/bootstrap-summary";
import type { StandardizedEffect } from "../inference/standardize";
import { bool, count, finite, invalid, list, nullable, object, oneOf, recordOf, text, type Check } from "./check";
import type { GuidedStep, InferenceResults, PosthocAnalysis, PosthocSpec, StoredPbTest } from "./schema";

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

/**
 * Largest lists of stored inference a project may hold: far above what a model makes (a ranova
 * row per random-effect term, a J-N curve of ~100 points, a row per fixed effect or variance
 * parameter), low enough that a hostile file is refused before anything is built from it.
 */
export const INFERENCE_LIMITS = { ranovaRows: 500, curve: 5000, simpleSlopes: 20, rows: 10000, nboot: 1_000_000 } as const;

/** A list of at most `max` items; the length is checked before any item is read. */
const bounded =
  <T>(item: Check<T>, max: number, what: string): Check<readonly T[]> =>
  (v, path) => {
    if (Array.isArray(v) && v.length > max) invalid(path, `a list of at most ${max} ${what} (it has ${v.length})`);
    return list(item)(v, path);
  };

const integer: Check<number> = (v, path) => (Number.isSafeInteger(v) ? (v as number) : invalid(path, "a whole number"));
const level: Check<number> = (v, path) => (typeof v === "number" && v > 0 && v < 1 ? v : invalid(path, "a confidence level between 0 and 1"));

const ranovaRow = object({ term: nonEmptyText, npar: count, logLik: stat, AIC: stat, LRT: nullable(stat), df: nullable(stat), p: nullable(stat) }, undefined, keep);
export const ranovaView: Check<RanovaView> = object({ reml: bool, rows: bounded(ranovaRow, INFERENCE_LIMITS.ranovaRows, "random-effect tests") }, undefined, keep);

const simpleSlope = object({ at: stat, estimate: stat, se: stat, df, statistic: stat, p: stat, lower: stat, upper: stat }, undefined, keep);
const range: Check<readonly [number, number]> = (v, path) => {
  const r = list(stat)(v, path);
  return r.length === 2 ? [r[0], r[1]] : invalid(path, "the moderator's observed [minimum, maximum]");
};

export const johnsonNeymanView: Check<JohnsonNeymanView> = (v, path) => {
  const jn = object(
    {
      x: nonEmptyText,
      moderator: nonEmptyText,
      level,
      lower: nullable(stat),
      upper: nullable(stat),
      significant: oneOf("outside", "inside", "everywhere", "nowhere"),
      range,
      simpleSlopes: bounded(simpleSlope, INFERENCE_LIMITS.simpleSlopes, "simple slopes"),
      curve: bounded(simpleSlope, INFERENCE_LIMITS.curve, "points"),
      df: dfMethod,
    },
    undefined,
    keep,
  )(v, path);
  const hasBounds = jn.significant === "outside" || jn.significant === "inside";
  if (hasBounds !== (jn.lower !== null && jn.upper !== null)) invalid(`${path}.lower`, hasBounds ? "a bound (the slope changes significance)" : "null (there are no bounds)");
  if (hasBounds && !(jn.lower! <= jn.upper!)) invalid(`${path}.upper`, "at least the lower bound");
  return jn;
};

const standardizedRow = object({ term: nonEmptyText, std_estimate: stat, std_lower: stat, std_upper: stat }, undefined, keep);
export const standardizedEffects: Check<readonly StandardizedEffect[]> = bounded(standardizedRow, INFERENCE_LIMITS.rows, "fixed effects");

const intervalRow = object(
  { lower: stat, upper: stat },
  { group: text, term: text, name1: nullable(text), name2: nullable(text), kind: oneOf("sd", "correlation", "fixef") },
  keep,
);

export const bootstrapResult: Check<BootstrapResult> = (v, path) => {
  const b = object(
    { nboot: count, seed: integer, failures: count, nonConverged: count, level, ci_boot: bounded(intervalRow, INFERENCE_LIMITS.rows, "intervals") },
    undefined,
    keep,
  )(v, path);
  if (b.nboot < 1 || b.nboot > INFERENCE_LIMITS.nboot) invalid(`${path}.nboot`, `a number of refits from 1 to ${INFERENCE_LIMITS.nboot}`);
  if (b.failures + b.nonConverged > b.nboot) invalid(`${path}.failures`, `at most the number of refits (${b.nboot}) with those that did not converge`);
  return b;
};

const probability: Check<number> = (v, path) => (typeof v === "number" && v >= 0 && v <= 1 ? v : invalid(path, "a p-value from 0 to 1"));

/**
 * A stored PBmodcomp result. Its counts must add up to the simulations run and its p-value must be
 * pbkrtest's (1 + extreme) / (1 + used), so a file cannot show a p-value its own counts contradict.
 */
export const pbResult: Check<PbResult> = (v, path) => {
  const pb = object(
    { nsim: count, seed: integer, lrt: finite, df: count, pb_p: probability, chisq_p: probability, used: count, extreme: count, nonPositive: count, failures: count, nonConverged: count },
    undefined,
    keep,
  )(v, path);
  if (pb.nsim < 1 || pb.nsim > INFERENCE_LIMITS.nboot) invalid(`${path}.nsim`, `a number of simulations from 1 to ${INFERENCE_LIMITS.nboot}`);
  if (pb.df < 1) invalid(`${path}.df`, "at least 1 (the larger model has more parameters)");
  if (pb.used + pb.nonPositive + pb.failures !== pb.nsim) invalid(`${path}.used`, `with the non-positive and failed simulations, the ${pb.nsim} simulations run`);
  if (pb.used < 1 || pb.extreme > pb.used) invalid(`${path}.extreme`, `at most the ${pb.used} simulations used`);
  if (pb.nonConverged > pb.nsim - pb.failures) invalid(`${path}.nonConverged`, "at most the simulations that did not fail");
  if (Math.abs(pb.pb_p - (1 + pb.extreme) / (1 + pb.used)) > 1e-9) invalid(`${path}.pb_p`, `(1 + ${pb.extreme}) / (1 + ${pb.used}), as its counts give`);
  return pb;
};

export const storedPbTest: Check<StoredPbTest> = object({ against: object({ name: nonEmptyText, formula: nonEmptyText }, undefined, keep), result: pbResult }, undefined, keep);

export const inferenceResults: Check<InferenceResults> = object(
  {},
  { ranova: ranovaView, johnsonNeyman: johnsonNeymanView, standardized: standardizedEffects, bootstrap: bootstrapResult, pbTest: storedPbTest },
  keep,
);
