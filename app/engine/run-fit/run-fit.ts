/**
 * runFit: the one path from a data table and a model specification to a fit, shared by the CLI,
 * the worker that serves the UI, and the reference tests, so that they cannot disagree.
 * Parse the formula → build the model frame → fit.
 */
import { requireOutcomeNotPredictor, requireVaryingOutcome } from "./degenerate";
import { MixwellError } from "../../errors";
import { ORDINAL_NOT_AVAILABLE } from "../families";
import type { DataTable } from "../../data/column";
import { formatFormula, parseFormula } from "../../formula";
import { inferLmm, waldIntervals } from "../../inference";
import { inferKenwardRoger } from "../../inference/kenward-roger";
import { FAMILY_LINKS, fitGlmm, type GlmmFamilyName, type LinkName } from "../glmm";
import { fitLmm } from "../lmm";
import { buildModelFrame } from "../model-frame";
import type { ContrastKind, Family, ModelFrame } from "../model-frame";
import type { Formula } from "../../formula";
import type { DdfMethod, LmmFit } from "../lmm/types";
import type { MixedFit } from "./mixed-fit";

export interface FitSpec {
  /** lme4 formula, e.g. "Reaction ~ Days + (Days | Subject)". */
  readonly formula: string;
  /** Default gaussian. */
  readonly family?: Family;
  /** Gaussian only: REML (default, as lmer) or ML. */
  readonly method?: "REML" | "ML";
  /** Binomial/Poisson: link function (default logit / log; binomial also probit, cloglog). */
  readonly link?: LinkName;
  /** Binomial/Poisson: 1 (default) Laplace, > 1 adaptive Gauss–Hermite points (one random intercept only). */
  readonly nAGQ?: number;
  /** Number columns to treat as categories. */
  readonly categorical?: readonly string[];
  readonly contrasts?: ContrastKind;
  /** Column of prior weights. */
  readonly weights?: string;
  /** Also compute profile-likelihood intervals of the variance components (`--profile-ci`). */
  readonly profileCi?: boolean;
  /** How profile interval ends are found: "lme4" (default, lme4's grid + splines) or "exact" (exact roots). */
  readonly profileMethod?: "lme4" | "exact";
  /**
   * Gaussian only: denominator df of the fixed-effect t tests, Wald intervals and type III ANOVA —
   * "Satterthwaite" (default) or "Kenward-Roger" (REML fits only; SEs from KR's adjusted
   * covariance, as lmerTest's summary(ddf = "Kenward-Roger")).
   */
  readonly ddf?: DdfMethod;
  /** Run the inference step (df, p, ANOVA, R², intervals); default true. */
  readonly inference?: boolean;
}

export interface FitHooks {
  readonly onProgress?: (p: { evaluations: number; objective: number }) => void;
  /** Progress of the stages after the fit (profile intervals: parameters done of total). */
  readonly onStage?: (p: { stage: string; done: number; total: number }) => void;
  readonly signal?: { cancelled: boolean };
}

export function runFit(table: DataTable, spec: FitSpec, hooks: FitHooks = {}): MixedFit {
  return runFitWithFrame(table, spec, hooks).fit;
}

/**
 * runFit, also returning the model frame the fit was made on, for callers that need it afterwards
 * (result views, marginal means) so that they do not build a second frame that could differ.
 */
export function runFitWithFrame(table: DataTable, spec: FitSpec, hooks: FitHooks = {}): { fit: MixedFit; frame: ModelFrame } {
  refuseResidualStructure(spec);
  const family = spec.family ?? "gaussian";
  if (family === "ordinal") throw new MixwellError(ORDINAL_NOT_AVAILABLE);
  const formula = parseFormula(spec.formula);
  requireOutcomeNotPredictor(formula);
  const frame = buildModelFrame(table, formula, {
    categorical: spec.categorical,
    contrasts: spec.contrasts,
    family,
    weights: spec.weights,
  });
  const ddf = checkDdf(spec, family);
  if (family !== "gaussian") return { fit: runGlmm(frame, formula, family, spec, hooks), frame };
  if (spec.method !== undefined && spec.method !== "REML" && spec.method !== "ML") {
    throw new MixwellError(`Unknown method '${String(spec.method)}': use REML or ML.`);
  }
  if (ddf === "Kenward-Roger" && spec.method === "ML" && spec.inference !== false) {
    throw new MixwellError("Kenward–Roger's method needs a REML fit (as pbkrtest and lmerTest); refit with REML or use Satterthwaite.");
  }
  requireVaryingOutcome(frame);
  const fit = fitLmm(frame, {
    reml: (spec.method ?? "REML") === "REML",
    formula: formatFormula(formula),
    onProgress: hooks.onProgress,
    signal: hooks.signal,
  });
  if (spec.inference === false) return { fit, frame };
  const inferred = inferLmm(fit, frame, { profileCi: spec.profileCi, profileMethod: spec.profileMethod, signal: hooks.signal, onProgress: hooks.onStage });
  return { fit: ddf === "Kenward-Roger" ? withKenwardRoger(fit, inferred, frame) : { ...inferred, ddfMethod: "Satterthwaite" }, frame };
}

/**
 * A spec that arrived with a residual structure (issue 20: fitted by app/engine/residual-structure)
 * must not be fitted here without it: the analyses built on this path (marginal means, guided
 * fix, random-effect tests) say they are not available for such a model instead of ignoring it.
 */
function refuseResidualStructure(spec: FitSpec): void {
  const residual = (spec as FitSpec & { readonly residual?: { correlation?: string; varianceBy?: string } }).residual;
  if (residual && (residual.correlation !== undefined || residual.varianceBy !== undefined)) {
    throw new MixwellError(
      "This analysis is not available yet for a model with a residual correlation or unequal variances (fitted as nlme::lme); remove the residual structure to run it.",
    );
  }
}

/** The spec's df method, checked: Kenward–Roger only for gaussian models. */
function checkDdf(spec: FitSpec, family: Family): DdfMethod {
  const ddf = spec.ddf ?? "Satterthwaite";
  if (ddf !== "Satterthwaite" && ddf !== "Kenward-Roger") {
    throw new MixwellError(`Unknown degrees-of-freedom method '${String(ddf)}': use Satterthwaite or Kenward-Roger.`);
  }
  if (ddf === "Kenward-Roger" && family !== "gaussian") {
    throw new MixwellError("Kenward–Roger degrees of freedom apply to linear (gaussian) models; binomial and Poisson models use Wald z tests.");
  }
  return ddf;
}

/**
 * The inferred fit with lmerTest's summary/anova(ddf = "Kenward-Roger") numbers in place of the
 * Satterthwaite ones: KR-adjusted SE, t, df and p per coefficient, Wald intervals with those SEs
 * and KR df, and the KR type III ANOVA. R², ICC and profile intervals do not depend on the df.
 * Refusals (weights, too many random effects) are MixwellErrors from inferKenwardRoger.
 */
function withKenwardRoger(fit: LmmFit, inferred: LmmFit, frame: ModelFrame): LmmFit {
  const kr = inferKenwardRoger(fit, frame);
  const satterthwaiteNotes = new Set(inferred.warnings.filter((w) => !fit.warnings.includes(w) && /Satterthwaite/.test(w)));
  return {
    ...inferred,
    fixef: kr.fixef,
    anova3: kr.anova3,
    ci: waldIntervals(kr.fixef),
    ddfMethod: "Kenward-Roger",
    warnings: inferred.warnings.filter((w) => !satterthwaiteNotes.has(w)),
  };
}

function runGlmm(frame: ModelFrame, formula: Formula, family: GlmmFamilyName, spec: FitSpec, hooks: FitHooks): MixedFit {
  if (spec.method !== undefined) {
    throw new MixwellError("REML/ML apply to linear (gaussian) models; generalized models (binomial, Poisson, negative binomial, Gamma, inverse Gaussian) are fitted by maximum likelihood (Laplace approximation).");
  }
  const links: readonly string[] = FAMILY_LINKS[family];
  if (spec.link !== undefined && !links.includes(spec.link)) {
    throw new MixwellError(`The ${family} family takes the link ${links.join(", ")}, not '${String(spec.link)}'.`);
  }
  return fitGlmm(frame, {
    family,
    link: spec.link,
    nAGQ: spec.nAGQ,
    formula: formatFormula(formula),
    onProgress: hooks.onProgress,
    signal: hooks.signal,
  });
}
