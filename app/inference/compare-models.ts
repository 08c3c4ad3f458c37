/**
 * Likelihood-ratio comparison of nested linear mixed models, as lme4's anova(m1, m2, …)
 * (anova.merMod): models fitted by REML are refitted by ML first; the models are ordered by
 * their number of parameters; each row after the first gets χ² = 2·max(0, Δ logLik) on Δnpar
 * degrees of freedom against the row before it. Models must use the same rows and the same
 * outcome (lme4 requires the same data; different missing-value patterns give different rows).
 */
import { MixwellError } from "../errors";
import type { LmmFit } from "../engine/lmm/types";
import type { ModelFrame } from "../engine/model-frame/types";
import { pchisq } from "../stats";

export interface ComparisonRow {
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

/** Check that every frame uses the same rows and the same outcome values; throws in plain words. */
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
  }
}

/** anova.merMod's table from ML fits (in any order). */
export function likelihoodRatioTable(fits: readonly LmmFit[], refitted: boolean): ModelComparison {
  if (fits.some((f) => f.method !== "ML")) throw new Error("likelihoodRatioTable needs ML fits.");
  const order = fits.map((f, i) => ({ f, i })).sort((a, b) => a.f.df - b.f.df || a.i - b.i);
  const notes: string[] = [];
  const rows = order.map(({ f }, k): ComparisonRow => {
    const base = { formula: f.formula, npar: f.df, AIC: f.AIC, BIC: f.BIC, logLik: f.logLik, deviance: -2 * f.logLik };
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
  if (refitted) notes.push("Models fitted by REML were refitted by maximum likelihood (ML) for the comparison, as lme4's anova() does.");
  return { rows, refitted, notes };
}
