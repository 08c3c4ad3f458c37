/**
 * The model families Mixwell fits, named once: every layer (model frame, engine, API and project
 * validation, CLI, builder) takes its list and type from here. A new family goes into
 * MODEL_FAMILIES (and, if glmer fits it, into GLMM_FAMILIES).
 */
export const GLMM_FAMILIES = ["binomial", "poisson", "negative-binomial", "gamma", "inverse-gaussian"] as const;
/** Ordinal: the cumulative link mixed model (ordinal::clmm; app/engine/ordinal), fitted outside runFit. */
export const MODEL_FAMILIES = ["gaussian", ...GLMM_FAMILIES, "ordinal"] as const;

/** Families fitted by glmer (Laplace / adaptive Gauss–Hermite); glmer.nb for the negative binomial. */
export type GlmmFamilyName = (typeof GLMM_FAMILIES)[number];
export type ModelFamily = (typeof MODEL_FAMILIES)[number];
/** The families runFit (lme4's lmer/glmer) fits: every model family but the ordinal one. */
export const RUN_FIT_FAMILIES = ["gaussian", ...GLMM_FAMILIES] as const;
export type RunFitFamily = (typeof RUN_FIT_FAMILIES)[number];

export function isRunFitFamily(x: unknown): x is RunFitFamily {
  return typeof x === "string" && (RUN_FIT_FAMILIES as readonly string[]).includes(x);
}

/** What an analysis built on runFit (marginal means, guided fix, random-effect tests, comparisons) says for an ordinal model. */
export const ORDINAL_NOT_AVAILABLE =
  "This analysis is not available for an ordinal (cumulative link) model yet; it is fitted by its own engine (ordinal::clmm), whose results are the thresholds, coefficients and variances shown.";

export function isModelFamily(x: unknown): x is ModelFamily {
  return typeof x === "string" && (MODEL_FAMILIES as readonly string[]).includes(x);
}

export function isGlmmFamily(x: unknown): x is GlmmFamilyName {
  return typeof x === "string" && (GLMM_FAMILIES as readonly string[]).includes(x);
}

/** Names for menus and messages: the builder's Family choice, headings, the report. */
export const FAMILY_LABELS: Readonly<Record<ModelFamily, string>> = {
  gaussian: "Normal (linear mixed model)",
  binomial: "Binomial (yes/no, proportions)",
  poisson: "Poisson (counts)",
  "negative-binomial": "Negative binomial (overdispersed counts)",
  gamma: "Gamma (positive, skewed)",
  "inverse-gaussian": "Inverse Gaussian (positive, very skewed)",
  ordinal: "Ordinal (cumulative link)",
};

/** One line each on when to use a family (the builder shows it under the Family choice). */
export const FAMILY_HELP: Readonly<Record<ModelFamily, string>> = {
  gaussian: "A continuous outcome whose residuals are roughly normal (pitch, reaction time after a log).",
  binomial: "A yes/no outcome (correct, chose A), or successes out of trials.",
  poisson: "Counts (0, 1, 2, …) whose spread is about their mean.",
  "negative-binomial": "Counts with more spread than Poisson allows (many zeros and some large counts).",
  gamma: "A positive continuous outcome whose spread grows with its mean (durations, costs, reaction times).",
  "inverse-gaussian": "A positive outcome that is even more right-skewed than Gamma (first-passage or response times).",
  ordinal: "Ratings or ordered categories such as Likert items (the outcome's level order is the category order).",
};

/** "a … mixed model", for sentences. */
export const FAMILY_WORDS: Readonly<Record<ModelFamily, string>> = {
  gaussian: "a linear mixed model (normal outcome)",
  binomial: "a binomial mixed model",
  poisson: "a Poisson mixed model",
  "negative-binomial": "a negative binomial mixed model",
  gamma: "a Gamma mixed model",
  "inverse-gaussian": "an inverse Gaussian mixed model",
  ordinal: "a cumulative link mixed model (ordinal outcome)",
};

/** Short names for headings ("Gamma, log link"). */
export const FAMILY_NAMES: Readonly<Record<ModelFamily, string>> = {
  gaussian: "Normal",
  binomial: "Binomial",
  poisson: "Poisson",
  "negative-binomial": "Negative binomial",
  gamma: "Gamma",
  "inverse-gaussian": "Inverse Gaussian",
  ordinal: "Ordinal",
};
