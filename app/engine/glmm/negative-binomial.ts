/**
 * A negative binomial GLMM (log link) fitted as lme4 1.1-31's glmer.nb (R/nbinom.R):
 *
 * 1. g0: the Poisson glmer of the same model.
 * 2. θ₀ by MASS's theta.ml on g0's fitted means (limit 20, eps 2·tol = 1e-4).
 * 3. g1: glmer with family negative.binomial(θ₀), both stages, from scratch.
 * 4. optTheta: R's optimize() over t = log θ in log θ₀ ± 3 with tol 5e-5, each evaluation a
 *    refit of the last fit at θ = eᵗ (refitNB: the family swapped, PIRLS at the last (θ, β) whose
 *    η starts the new fit, then Nelder–Mead over (θ, β) from there with optwrap's steps and
 *    derivatives, no boundary check), returning −2·logLik. The model is the last refit, at the
 *    θ optimize settled on (optimize's closing f(minimum); glmer.nb.theta); its SEs treat θ as
 *    known, as lme4's do.
 */
import { MixwellError } from "../../errors";
import { brentFmin } from "../../optim";
import { digamma, trigamma } from "../../stats";
import type { ModelFrame } from "../model-frame/types";
import { makeFamily } from "./family";
import { atOptimum, estimatesAt, glmmResult, progressReporter, type FitGlmmOptions } from "./fit";
import { optimise, stageTwo, type Optimum, type Progress } from "./optimise";
import { GlmmProblem } from "./problem";
import type { GlmmFit } from "./types";

/** glmer.nb's defaults: optimize's tol and the half-width of its interval on the log scale. */
const NB_TOL = 5e-5;
const NB_HALF_WIDTH = 3;

export function fitNegativeBinomial(frame: ModelFrame, options: FitGlmmOptions, nAGQ: number): GlmmFit {
  if (nAGQ !== 1) throw new MixwellError("Negative binomial models are fitted with the Laplace approximation (nAGQ = 1) only.");
  const progress = progressReporter(options);
  const wt = frame.weights ?? new Float64Array(frame.n).fill(1);
  const poisson = new GlmmProblem(frame, makeFamily("poisson", "log"));
  atOptimum(optimise(poisson, 1, progress).fval);
  const theta0 = thetaMl(frame.y, poisson.mu, wt, 20, 2 * NB_TOL);
  const problem = new GlmmProblem(frame, makeFamily("negative-binomial", "log", theta0));
  let opt = optimise(problem, 1, progress, { derivatives: true });
  let lastTheta = theta0;
  const refitAt = (t: number): number => {
    lastTheta = Math.exp(t);
    opt = refitNb(problem, lastTheta, opt.x, progress);
    return opt.fval;
  };
  const best = brentFmin(refitAt, Math.log(theta0) - NB_HALF_WIDTH, Math.log(theta0) + NB_HALF_WIDTH, NB_TOL);
  // R's optimize() ends with objective = f(minimum): the last refit, the model, is at the minimum
  refitAt(best.minimum);
  const fit = glmmResult(frame, options, problem, estimatesAt(problem, opt), 1);
  const warnings = [...fit.warnings];
  const log = Math.log(lastTheta);
  const low = Math.log(theta0) - NB_HALF_WIDTH;
  if (log - low < 1e-3 || low + 2 * NB_HALF_WIDTH - log < 1e-3) {
    warnings.push(`The negative binomial θ (${lastTheta.toPrecision(4)}) stopped at the edge of the range searched (θ₀·e^±3, as lme4's glmer.nb); the counts may be Poisson-like (θ large) or the model unsuitable.`);
  }
  return { ...fit, warnings };
}

/**
 * lme4's refitNB: swap θ (η restarts from mustart), PIRLS at the last θ with β = 0 for lp0 (as
 * refit.merMod's glmerPwrssUpdate does, whose response has no Xβ offset), then Nelder–Mead over
 * (θ, β) from the last optimum. lp0 decides where every PIRLS starts, and so the O(√tol) offset of
 * each deviance: with it the deviances agree with lme4's refits to ~1e-7, and optimize walks
 * through the same θs.
 */
export function refitNb(problem: GlmmProblem, theta: number, pars: Float64Array, progress: Progress): Optimum {
  problem.setFamily(makeFamily("negative-binomial", "log", theta));
  // refit's glmerPwrssUpdate(pp, rr): a fresh response (η from mustart) whose offset is the model
  // offset alone, PIRLS over u at the last θ with β = 0; its linear predictor becomes lp0.
  const atZeroBeta = Float64Array.from(pars).fill(0, problem.theta.length);
  atOptimum(problem.devianceLaplace(atZeroBeta));
  problem.setStart();
  const ntheta = problem.theta.length;
  const p = problem.p;
  const unsc = problem.unscaledVcovAt(pars);
  const xst = new Float64Array(ntheta + p);
  for (let i = 0; i < ntheta; i++) xst[i] = 0.2 * 0.1;
  for (let j = 0; j < p; j++) xst[ntheta + j] = 0.2 * Math.min(Math.sqrt(unsc[j + j * p]), 10);
  const lower = new Float64Array(ntheta + p).fill(-Infinity);
  lower.set(problem.theta.lower);
  const upper = new Float64Array(ntheta + p).fill(Infinity);
  const opt = stageTwo(problem, 1, progress, { start: Float64Array.from(pars), lower, upper, xst }, { derivatives: true, boundary: false });
  atOptimum(opt.fval);
  return opt;
}

/**
 * MASS's theta.ml: the ML estimate of the negative binomial θ for fixed means μ, by Newton's
 * method on the score from θ = n / Σ w(y/μ − 1)², at most `limit` iterations, stopping when the
 * step is below eps.
 */
export function thetaMl(y: Float64Array, mu: Float64Array, w: Float64Array, limit: number, eps: number): number {
  let n = 0;
  let s = 0;
  for (let r = 0; r < y.length; r++) {
    n += w[r];
    s += w[r] * (y[r] / mu[r] - 1) ** 2;
  }
  let t0 = n / s;
  let it = 0;
  let del = 1;
  while (++it < limit && Math.abs(del) > eps) {
    t0 = Math.abs(t0);
    let score = 0;
    let info = 0;
    const dg = digamma(t0);
    const tg = trigamma(t0);
    for (let r = 0; r < y.length; r++) {
      const yr = y[r];
      const m = mu[r] + t0;
      score += w[r] * (digamma(t0 + yr) - dg + Math.log(t0) + 1 - Math.log(m) - (yr + t0) / m);
      info += w[r] * (-trigamma(t0 + yr) + tg - 1 / t0 + 2 / m - (yr + t0) / (m * m));
    }
    del = score / info;
    t0 += del;
  }
  if (!(t0 > 0)) throw new MixwellError("The negative binomial θ could not be estimated from the Poisson fit (its estimate is not positive); the counts may show less spread than a Poisson model allows.");
  return t0;
}
