/**
 * Likelihood-ratio comparison of nested mixed models, as lme4's anova(m1, m2, …)
 * (anova.merMod), for linear models (lmer) and for binomial or Poisson models (glmer) alike:
 * linear models fitted by REML are refitted by ML first (glmer fits are maximum likelihood
 * already); the models are ordered by their number of parameters; each row after the first gets
 * χ² = 2·max(0, Δ logLik) on Δnpar degrees of freedom against the row before it, and the
 * deviance column is −2·logLik (as anova prints it, also for glmer, where deviance() differs).
 * Models must use the same rows, the same outcome and the same weights (lme4 stops when the
 * models were "not all fitted to the same size of dataset"; different missing-value patterns give
 * different rows), and — Mixwell's rule, lme4 does not check it — the same family, link and
 * likelihood approximation (nAGQ), since otherwise the log-likelihoods are not comparable.
 */
import { MixwellError } from "../errors";
import type { ModelFrame } from "../engine/model-frame/types";
import { pchisq } from "../stats";
import { FAMILY_WORDS, ORDINAL_NOT_AVAILABLE, type ModelFamily } from "../engine/families";
import { FAMILY_LINKS } from "../engine/glmm/family";

export interface ComparisonRow {
  /** The row's model: its position in the list of models given (rows are in npar order). */
  readonly model: number;
  readonly formula: string;
  readonly npar: number;
  readonly AIC: number;
  readonly BIC: number;
  readonly logLik: number;
  readonly deviance: number;
  /** Against the previous row; absent on the first row. */
  readonly Chisq?: number;
  readonly Df?: number;
  readonly p?: number;
}

export interface ModelComparison {
  readonly rows: ComparisonRow[];
  /** True when some REML fit was refitted by ML (lme4: "refitting model(s) with ML"). */
  readonly refitted: boolean;
  readonly notes: string[];
}

/** What decides whether two models' likelihoods are comparable: family, link, approximation. */
export interface ModelKind {
  readonly formula: string;
  /** Default gaussian. */
  readonly family?: ModelFamily;
  /** Default: the canonical link (logit, log). */
  readonly link?: string;
  /** Default 1 (Laplace). */
  readonly nAGQ?: number;
}


function approximation(nAGQ: number): string {
  return nAGQ === 0 ? "the fast approximation (nAGQ = 0)" : nAGQ === 1 ? "the Laplace approximation" : `adaptive Gauss–Hermite quadrature with ${nAGQ} points`;
}

/** Check that the models are all linear, or all of one GLMM family with one link and one nAGQ; throws in plain words. */
export function checkSameKind(specs: readonly ModelKind[]): void {
  if (specs.length < 2) throw new MixwellError("Comparing models needs at least two formulas.");
  const [first, ...rest] = specs;
  const family = first.family ?? "gaussian";
  for (const other of rest) {
    const otherFamily = other.family ?? "gaussian";
    if (otherFamily !== family) {
      const mixed = family === "gaussian" || otherFamily === "gaussian";
      throw new MixwellError(
        `The models cannot be compared: '${first.formula}' is ${FAMILY_WORDS[family]} and '${other.formula}' is ${FAMILY_WORDS[otherFamily]}. ` +
          (mixed
            ? "A linear model's likelihood is for a normal outcome and a generalized model's for another distribution, so they cannot be compared; fit both models with the same family."
            : "A likelihood-ratio test needs models of the same family; fit both models with the same family."),
      );
    }
    if (family === "gaussian") continue;
    if (family === "ordinal") throw new MixwellError(ORDINAL_NOT_AVAILABLE);
    const link = first.link ?? FAMILY_LINKS[family][0];
    const otherLink = other.link ?? FAMILY_LINKS[family][0];
    if (link !== otherLink) {
      throw new MixwellError(
        `The models cannot be compared: '${first.formula}' uses the ${link} link and '${other.formula}' the ${otherLink} link. A likelihood-ratio test needs the same link; fit both models with one link.`,
      );
    }
    const q = first.nAGQ ?? 1;
    const otherQ = other.nAGQ ?? 1;
    if (q !== otherQ) {
      throw new MixwellError(
        `The models cannot be compared: '${first.formula}' is fitted with ${approximation(q)} and '${other.formula}' with ${approximation(otherQ)}. Their log-likelihoods are approximated differently; fit both models the same way.`,
      );
    }
  }
}

/** Check that every frame uses the same rows, the same outcome values and the same weights; throws in plain words. */
export function checkComparable(frames: readonly { formula: string; frame: ModelFrame }[]): void {
  if (frames.length < 2) throw new MixwellError("Comparing models needs at least two formulas.");
  const [first, ...rest] = frames;
  for (const other of rest) {
    const a = first.frame;
    const b = other.frame;
    if (a.responseName !== b.responseName) {
      throw new MixwellError(
        `The models cannot be compared: '${first.formula}' models ${a.responseName} but '${other.formula}' models ${b.responseName}. A likelihood-ratio test needs the same outcome.`,
      );
    }
    const sameRows = a.n === b.n && a.rowIndex.every((r, i) => r === b.rowIndex[i]);
    if (!sameRows) {
      throw new MixwellError(
        `The models cannot be compared: '${first.formula}' uses ${a.n} rows and '${other.formula}' uses ${b.n}${a.n === b.n ? " different" : ""} rows (missing values in different columns). Remove the rows with missing values in any of the models' columns first.`,
      );
    }
    if (a.y.some((v, i) => v !== b.y[i])) {
      throw new MixwellError(`The models cannot be compared: the outcome differs between '${first.formula}' and '${other.formula}'.`);
    }
    if (!sameValues(a.weights, b.weights) || !sameValues(a.trials, b.trials)) {
      throw new MixwellError(
        `The models cannot be compared: '${first.formula}' and '${other.formula}' weight the rows differently (weights or numbers of trials). A likelihood-ratio test needs the same weights.`,
      );
    }
  }
}

function sameValues(a: Float64Array | undefined, b: Float64Array | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * What the table reads of a fit (an lmer, glmer or lme fit): small plain data, so that the fits of
 * a comparison made in worker threads come back cheaply (main/workers/run-compare-pool.ts).
 */
export interface ComparableFit {
  readonly family: string;
  readonly method: string;
  readonly formula: string;
  readonly df: number;
  readonly logLik: number;
  readonly AIC: number;
  readonly BIC: number;
  readonly converged: boolean;
  /** GLMMs: the likelihood approximation (0 = the fast one). */
  readonly nAGQ?: number;
}

/** Whether a comparison refits REML fits by ML (lme4: "refitting model(s) with ML"): linear models, some fitted by REML. */
export function comparisonRefits(specs: readonly { readonly family?: ModelFamily; readonly method?: string }[]): boolean {
  return (specs[0].family ?? "gaussian") === "gaussian" && specs.some((s) => (s.method ?? "REML") === "REML");
}

/** anova.merMod's table from maximum-likelihood fits (in any order): lmer fits by ML, or glmer fits. */
export function likelihoodRatioTable(fits: readonly ComparableFit[], refitted: boolean): ModelComparison {
  if (fits.some((f) => f.method === "REML")) throw new Error("likelihoodRatioTable needs ML fits.");
  const order = fits.map((f, i) => ({ f, i })).sort((a, b) => a.f.df - b.f.df || a.i - b.i);
  const notes: string[] = [];
  const rows = order.map(({ f, i }, k): ComparisonRow => {
    const base = { model: i, formula: f.formula, npar: f.df, AIC: f.AIC, BIC: f.BIC, logLik: f.logLik, deviance: -2 * f.logLik };
    if (k === 0) return base;
    const prev = order[k - 1].f;
    const Chisq = 2 * Math.max(0, f.logLik - prev.logLik);
    const Df = f.df - prev.df;
    if (Df === 0) {
      notes.push(`'${prev.formula}' and '${f.formula}' have the same number of parameters, so no likelihood-ratio test is possible between them (compare their AIC instead).`);
      return { ...base, Chisq, Df };
    }
    return { ...base, Chisq, Df, p: pchisq(Chisq, Df, false) };
  });
  if (fits.some((f) => !f.converged)) notes.push("Some of the models did not converge; the comparison may be unreliable.");
  if (fits.some((f) => f.family !== "gaussian" && f.nAGQ === 0)) {
    notes.push("The models were fitted with nAGQ = 0, a fast approximation whose log-likelihoods are less accurate than Laplace's; check a close result with the Laplace approximation (nAGQ = 1).");
  }
  if (refitted) notes.push("Models fitted by REML were refitted by maximum likelihood (ML) for the comparison, as lme4's anova() does.");
  return { rows, refitted, notes };
}
