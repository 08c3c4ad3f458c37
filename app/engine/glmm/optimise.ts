/**
 * glmer's two optimisation stages (lme4 1.1-31 glmer, optimizeGlmer, optwrap):
 * stage 1 minimises the nAGQ = 0 deviance over θ (β inside PIRLS) by BOBYQA with minqa's
 * defaults as glmer calls it (npt = min(n + 2, 2n), rhobeg = min(0.95, 0.2·max|θ|), rhoend =
 * 1e-6·rhobeg, at most 10 000 evaluations); stage 2 minimises the Laplace (or AGQ) deviance over
 * (θ, β) by lme4's Nelder_Mead from stage 1's θ̂ and β̂, with optwrap's steps 0.2·(0.1 for θ,
 * min(SE of β̂ from R_X, 10)) and x-tolerances 5e-4·step; then, as optimizeGlmer, optwrap's
 * fn(opt$par) and check.boundary (θ diagonals within 1e-5 of 0 tried at 0, lme4's rule in
 * lmm/boundary.ts). restart_edge does not apply (glmerControl's default is FALSE and lme4 stops
 * with "not implemented" otherwise). The problem is left in the state of the optimum.
 */
import { MixwellError } from "../../errors";
import { bobyqa, nelderMead } from "../../optim";
import { checkBoundary } from "../lmm/boundary";
import { FAILED_OBJECTIVE } from "../lmm/problem";
import { thetaStart } from "../lmm/theta";
import type { GlmmProblem } from "./problem";

/** Called with every deviance value (progress, cancellation by throwing). */
export type Progress = (f: number) => void;

/** The stage-2 deviance in (θ, β): Laplace, or adaptive Gauss–Hermite with nAGQ nodes. */
export function deviance(problem: GlmmProblem, nAGQ: number): (x: Float64Array) => number {
  return nAGQ > 1 ? (x) => problem.devianceAgq(x, nAGQ) : (x) => problem.devianceLaplace(x);
}

export interface Optimum {
  readonly x: Float64Array;
  readonly fval: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly pirlsFailedAtEnd: boolean;
}

export function optimise(problem: GlmmProblem, nAGQ: number, progress: Progress): Optimum {
  const tl = problem.theta;
  const ntheta = tl.length;
  const theta0 = thetaStart(tl);
  if (problem.devianceJoint(theta0) >= FAILED_OBJECTIVE) {
    throw new MixwellError(
      "The model could not be fitted: the iterative fit did not converge even at the starting values. This usually means perfect separation (a predictor that predicts the outcome exactly) or extreme predictor values; try removing or rescaling predictors.",
    );
  }
  problem.setStart();
  // Stage 1: θ only, β inside PIRLS (minqa's bobyqa as glmer's first optimizer).
  const npt = Math.max(ntheta + 2, Math.min(ntheta + 2, 2 * ntheta));
  const rhobeg = Math.min(0.95, 0.2 * Math.max(...Array.from(theta0, Math.abs)));
  const s1 = bobyqa((x) => problem.devianceJoint(x), theta0, {
    lower: tl.lower,
    upper: tl.upper,
    rhobeg,
    rhoend: 1e-6 * rhobeg,
    npt,
    maxEval: 10_000,
    onEval: (_x, f) => progress(f),
  });
  problem.devianceJoint(s1.x);
  const unsc = problem.unscaledVcov();
  problem.setStart();
  // Stage 2: (θ, β) by Nelder–Mead with optwrap's steps.
  const p = problem.p;
  const start = new Float64Array(ntheta + p);
  start.set(s1.x);
  start.set(problem.beta, ntheta);
  const xst = new Float64Array(ntheta + p);
  for (let i = 0; i < ntheta; i++) xst[i] = 0.2 * 0.1;
  for (let j = 0; j < p; j++) xst[ntheta + j] = 0.2 * Math.min(Math.sqrt(unsc[j + j * p]), 10);
  const lower = new Float64Array(ntheta + p).fill(-Infinity);
  lower.set(tl.lower);
  const upper = new Float64Array(ntheta + p).fill(Infinity);
  const dev = deviance(problem, nAGQ);
  const s2 = nelderMead(dev, start, {
    lower,
    upper,
    xst,
    xt: xst.map((v) => v * 5e-4),
    maxEval: 10_000,
    onEval: (_x, f) => progress(f),
  });
  let evaluations = s1.evaluations + s2.evaluations + 1;
  let lastFailed = false;
  const tracked = (v: Float64Array): number => {
    const before = problem.failures;
    const f = dev(v);
    evaluations++;
    lastFailed = problem.failures > before;
    return f;
  };
  // optwrap's fn(opt$par), then glmer's check.boundary (lme4's rule, see lmm/boundary.ts): θ
  // diagonals within 1e-5 of 0 tried at 0 against Nelder–Mead's optimum; β has no bound.
  tracked(s2.x);
  const { x, fval } = checkBoundary(tracked, s2.x, s2.fval, lower);
  return { x, fval, evaluations, converged: s2.status !== "maxeval", pirlsFailedAtEnd: lastFailed };
}
