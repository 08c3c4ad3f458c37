/**
 * Parametric-bootstrap likelihood-ratio test of two nested linear mixed models, as pbkrtest's
 * PBmodcomp(largeModel, smallModel, nsim): both models are (re)fitted by ML (getLRT and PBrefdist
 * update REML fits with REML = FALSE), responses are simulated from the smaller model's ML fit,
 * both models are refitted to each simulated response (each from its own fitted θ̂, as lme4's
 * refit()), and the observed LRT is referred to the simulated LRT*s:
 * p = (1 + #{LRT* > LRT}) / (1 + #{LRT* > 0}) (pbkrtest .finalizePB: only positive LRT*s count).
 *
 * Refit i draws from the stream seeded by (seed, i) (bootstrap.ts), so the p-value repeats exactly
 * for a seed whatever the number of worker threads the refits are spread over. As in bootMer, a
 * refit that does not converge is kept and counted; a refit that throws is left out and counted.
 */
import { MixwellError } from "../errors";
import type { DataTable } from "../data/column";
import { buildModelFrame, type ModelFrame } from "../engine/model-frame";
import { fitLmm, type LmmFit } from "../engine/lmm";
import { runFitWithFrame, type FitSpec } from "../engine/run-fit";
import { parseFormula } from "../formula";
import { checkComparable } from "./compare-models";
import { normals, refitRandom, simulateResponse, type BootstrapModel } from "./bootstrap";

export { pbResult, pbSentence, type PbRefit, type PbResult } from "./bootstrap-summary";
import type { PbRefit } from "./bootstrap-summary";


/** The two ML fits that PBmodcomp compares, smaller (fewer parameters) first. */
export interface PbModels {
  /** What the refits read of each fit (the fits sent to a worker's share: main/workers/jobs/bootstrap.ts). */
  readonly small: { readonly frame: ModelFrame; readonly fit: BootstrapModel };
  readonly large: { readonly frame: ModelFrame; readonly fit: BootstrapModel };
  /** Which of the two specs given is the smaller model. */
  readonly smallIndex: 0 | 1;
  /** Observed 2·(logLik large − logLik small) of the ML fits, and its χ² df. */
  readonly lrt: number;
  readonly df: number;
}


/** Fit both linear models by ML on the same rows, smaller first. */
export function fitPbModels(table: DataTable, specs: readonly FitSpec[]): PbModels {
  if (specs.length !== 2) throw new MixwellError("The parametric-bootstrap test compares exactly two models (pbkrtest's PBmodcomp).");
  for (const spec of specs) {
    if ((spec.family ?? "gaussian") !== "gaussian") throw new MixwellError("The parametric-bootstrap test is available for linear mixed models (gaussian family).");
    if (spec.weights) throw new MixwellError("The parametric-bootstrap test is not available for models with prior weights.");
  }
  checkComparable(
    specs.map((spec) => ({
      formula: spec.formula,
      frame: buildModelFrame(table, parseFormula(spec.formula), { categorical: spec.categorical, contrasts: spec.contrasts, family: "gaussian" }),
    })),
  );
  const fits = specs.map((spec) => {
    const { fit, frame } = runFitWithFrame(table, { ...spec, method: "ML", inference: false, profileCi: false });
    return { fit: fit as LmmFit, frame };
  });
  const smallIndex = fits[0].fit.df <= fits[1].fit.df ? 0 : 1;
  const [small, large] = [fits[smallIndex], fits[1 - smallIndex]];
  const df = large.fit.df - small.fit.df;
  if (df === 0) throw new MixwellError("The two models have the same number of parameters: the parametric-bootstrap test needs nested models of different size.");
  return { small, large, smallIndex, lrt: 2 * (large.fit.logLik - small.fit.logLik), df };
}

/** Refits `from` … `to − 1`: simulate from the small model, refit both by ML, LRT*. */
export function pbRefits(models: PbModels, seed: number, from: number, to: number, onRefit?: () => void): PbRefit[] {
  const { small, large } = models;
  const out: PbRefit[] = [];
  for (let i = from; i < to; i++) {
    const y = simulateResponse(small.frame, small.fit, normals(refitRandom(seed, i)));
    try {
      const s = fitLmm({ ...small.frame, y }, { reml: false, formula: small.fit.formula, startTheta: small.fit.theta });
      const l = fitLmm({ ...large.frame, y }, { reml: false, formula: large.fit.formula, startTheta: large.fit.theta });
      out.push({ lrt: 2 * (l.logLik - s.logLik), converged: s.converged && l.converged });
    } catch {
      out.push(null);
    }
    onRefit?.();
  }
  return out;
}


