/**
 * glmer's two optimisation stages (lme4 1.1-31 glmer, optimizeGlmer, optwrap, check.boundary):
 *
 * - Stage 1 ({@link stageOne}; also the whole nAGQ = 0 fit, optimise-joint.ts) minimises the
 *   nAGQ = 0 deviance over θ (β inside PIRLS) by BOBYQA with minqa's defaults as glmer calls it
 *   (npt = min(n + 2, 2n), rhobeg = min(0.95, 0.2·max|θ|), rhoend = 1e-6·rhobeg, at most 10 000
 *   evaluations), then optwrap's fn(opt$par). It takes no derivatives (calc.derivs = FALSE) and,
 *   in a two-stage fit, no boundary check (glmer passes boundary.tol = 0 to stage 1 then).
 * - Stage 2 ({@link optimise}) minimises the Laplace (or AGQ) deviance over (θ, β) by lme4's
 *   Nelder_Mead from stage 1's θ̂ and β̂, with optwrap's steps 0.2·(0.1 for θ, min(SE of β̂ from
 *   R_X, 10)) and x-tolerances 5e-4·step. Then, in optwrap's order: deriv12 at Nelder–Mead's
 *   optimum when asked (calc.derivs; fx re-evaluated, as Nelder_Mead's result has no `value`),
 *   fn(opt$par), and only then optimizeGlmer's check.boundary (θ diagonals within 1e-5 of 0
 *   tried at 0, lme4's rule in lmm/boundary.ts). The derivatives — and so vcov() and checkConv's
 *   gradient — therefore belong to the point before check.boundary moved it, as in lme4.
 *
 * restart_edge does not apply (glmerControl's default is FALSE and lme4 stops with "not
 * implemented" otherwise). The problem is left in the state of the returned optimum. The reported
 * evaluations are lme4's optinfo$feval: the last stage's optimiser count only (neither stage 1,
 * nor optwrap's fn(opt$par), deriv12 or check.boundary's evaluations).
 */
import { MixwellError } from "../../errors";
import { bobyqa, nelderMead, type BobyqaResult } from "../../optim";
import { checkBoundary } from "../lmm/boundary";
import { finiteDerivatives } from "../lmm/convergence";
import { FAILED_OBJECTIVE } from "../lmm/problem";
import { thetaStart } from "../lmm/theta";
import type { GlmmProblem } from "./problem";

/** Called with every deviance value (progress, cancellation by throwing). */
export type Progress = (f: number) => void;

/** glmerControl's optCtrl default maxfun for both of glmer's optimisers. */
export const MAX_EVAL = 10_000;

/** The stage-2 deviance in (θ, β): Laplace, or adaptive Gauss–Hermite with nAGQ nodes. */
export function deviance(problem: GlmmProblem, nAGQ: number): (x: Float64Array) => number {
  return nAGQ > 1 ? (x) => problem.devianceAgq(x, nAGQ) : (x) => problem.devianceLaplace(x);
}

/** deriv12's central-difference gradient and Hessian of the deviance in (θ, β). */
export interface Derivatives {
  readonly gradient: Float64Array;
  readonly hessian: Float64Array;
  /** Whether PIRLS failed at one of deriv12's points (then lme4's Hessian is not usable). */
  readonly failed: boolean;
}

export interface Optimum {
  /** opt$par after check.boundary. */
  readonly x: Float64Array;
  /** opt$fval after check.boundary: the optimiser's value, or f at the moved parameters. */
  readonly fval: number;
  /** lme4's optinfo$feval: the last stage's optimiser evaluations. */
  readonly evaluations: number;
  readonly converged: boolean;
  readonly pirlsFailedAtEnd: boolean;
  /** The optimiser's own optimum, where the derivatives were taken (equals x unless check.boundary moved it). */
  readonly optimiserX: Float64Array;
  /** optwrap's deriv12 at optimiserX (stage 2 with derivatives asked for), else null. */
  readonly derivs: Derivatives | null;
}

export interface OptimiseOptions {
  /** glmerControl's calc.derivs: deriv12 at Nelder–Mead's optimum (before check.boundary). */
  readonly derivatives?: boolean;
}

/**
 * glmer's θ₀ with PIRLS run there from mustart; its η becomes the start of every later
 * evaluation (setStart). Throws when PIRLS fails even at θ₀.
 */
export function startPirls(problem: GlmmProblem): Float64Array {
  const theta0 = thetaStart(problem.theta);
  if (problem.devianceJoint(theta0) >= FAILED_OBJECTIVE) {
    throw new MixwellError(
      "The model could not be fitted: the iterative fit did not converge even at the starting values. This usually means perfect separation (a predictor that predicts the outcome exactly) or extreme predictor values; try removing or rescaling predictors.",
    );
  }
  problem.setStart();
  return theta0;
}

/** Stage 2's start (θ̂, β̂ of stage 1), bounds and optwrap's Nelder–Mead steps. */
export interface StageTwoStart {
  readonly start: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly xst: Float64Array;
}

/**
 * Stage 2's setup from stage 1's optimum θ̂ (the problem must be at θ̂): SE of β̂ from R_X for
 * the steps, then updateGlmerDevfun's new PIRLS start.
 */
export function stageTwoStart(problem: GlmmProblem, thetaHat: Float64Array): StageTwoStart {
  const ntheta = problem.theta.length;
  const unsc = problem.unscaledVcov();
  problem.setStart(); // updateGlmerDevfun: lp0 from stage 1's optimum
  const p = problem.p;
  const start = new Float64Array(ntheta + p);
  start.set(thetaHat);
  start.set(problem.beta, ntheta);
  const xst = new Float64Array(ntheta + p);
  for (let i = 0; i < ntheta; i++) xst[i] = 0.2 * 0.1;
  for (let j = 0; j < p; j++) xst[ntheta + j] = 0.2 * Math.min(Math.sqrt(unsc[j + j * p]), 10);
  const lower = new Float64Array(ntheta + p).fill(-Infinity);
  lower.set(problem.theta.lower);
  const upper = new Float64Array(ntheta + p).fill(Infinity);
  return { start, lower, upper, xst };
}

/**
 * Stage 1 as optimizeGlmer(stage = 1) runs it, up to and including optwrap's fn(opt$par): PIRLS
 * at θ₀ from mustart (its η is the start of every evaluation), then BOBYQA over θ. The problem
 * is left at BOBYQA's optimum.
 */
export function stageOne(problem: GlmmProblem, progress: Progress): BobyqaResult {
  const tl = problem.theta;
  const ntheta = tl.length;
  const theta0 = startPirls(problem);
  const rhobeg = Math.min(0.95, 0.2 * Math.max(...Array.from(theta0, Math.abs)));
  const s1 = bobyqa((x) => problem.devianceJoint(x), theta0, {
    lower: tl.lower,
    upper: tl.upper,
    rhobeg,
    rhoend: 1e-6 * rhobeg,
    npt: Math.max(ntheta + 2, Math.min(ntheta + 2, 2 * ntheta)),
    maxEval: MAX_EVAL,
    onEval: (_x, f) => progress(f),
  });
  progress(problem.devianceJoint(s1.x)); // optwrap's fn(opt$par)
  return s1;
}

/** Both stages (Laplace or AGQ), then optwrap's derivatives and check.boundary in lme4's order. */
export function optimise(problem: GlmmProblem, nAGQ: number, progress: Progress, options: OptimiseOptions = {}): Optimum {
  const s1 = stageOne(problem, progress);
  return stageTwo(problem, nAGQ, progress, stageTwoStart(problem, s1.x), { ...options, boundary: true });
}

/**
 * Stage 2 (θ, β) by Nelder–Mead with optwrap's steps from `setup`, deriv12 when asked, optwrap's
 * fn(opt$par), and check.boundary when asked (glmer does; refit, which glmer.nb uses, does not).
 */
export function stageTwo(problem: GlmmProblem, nAGQ: number, progress: Progress, setup: StageTwoStart, options: OptimiseOptions & { readonly boundary: boolean }): Optimum {
  const { start, lower, upper, xst } = setup;
  const dev = deviance(problem, nAGQ);
  const s2 = nelderMead(dev, start, {
    lower,
    upper,
    xst,
    xt: xst.map((v) => v * 5e-4),
    maxEval: MAX_EVAL,
    onEval: (_x, f) => progress(f),
  });
  let lastFailed = false;
  const tracked = (v: Float64Array): number => {
    const before = problem.failures;
    const f = dev(v);
    progress(f);
    lastFailed = problem.failures > before;
    return f;
  };
  let derivs: Derivatives | null = null;
  if (options.derivatives) {
    let failed = false;
    const fd = (v: Float64Array) => {
      const f = tracked(v);
      if (f >= FAILED_OBJECTIVE) failed = true;
      return f;
    };
    const d = finiteDerivatives(fd, s2.x, fd(s2.x), true);
    derivs = { gradient: d.gradient, hessian: d.hessian!, failed };
  }
  const fAtOpt = tracked(s2.x); // optwrap's fn(opt$par)
  const { x, fval } = options.boundary ? checkBoundary(tracked, s2.x, s2.fval, lower) : { x: s2.x, fval: fAtOpt };
  return { x, fval, evaluations: s2.evaluations, converged: s2.status !== "maxeval", pirlsFailedAtEnd: lastFailed, optimiserX: s2.x, derivs };
}
