/**
 * glmer's nAGQ = 0 fit (lme4 1.1-31 glmer, optimizeGlmer with stage = 1, check.boundary): one
 * stage only. BOBYQA minimises the joint-PIRLS deviance over θ — β is found inside PIRLS together
 * with u — with minqa's defaults as glmer calls it (npt = min(n + 2, 2n), rhobeg = min(0.95,
 * 0.2·max|θ₀|), rhoend = 1e-6·rhobeg, at most 10 000 evaluations), the same settings as stage 1
 * of optimise.ts; then, because glmer passes glmerControl's boundary.tol (1e-5) when nAGQ = 0 is
 * asked for, check.boundary tries each θ diagonal within 1e-5 of 0 at 0 and keeps it there if the
 * deviance drops. No finite-difference derivatives are taken (glmer's stage 1 has
 * calc.derivs = FALSE), so vcov() is R_X's and only the singular-fit check applies. The problem
 * is left in the state of the optimum (check.boundary ends with devfun(opt$par)).
 */
import { MixwellError } from "../../errors";
import { bobyqa } from "../../optim";
import { FAILED_OBJECTIVE } from "../lmm/problem";
import { thetaStart } from "../lmm/theta";
import type { Optimum, Progress } from "./optimise";
import type { GlmmProblem } from "./problem";

const BOUNDARY_TOL = 1e-5;

export function optimiseJoint(problem: GlmmProblem, progress: Progress): Optimum {
  const tl = problem.theta;
  const ntheta = tl.length;
  const theta0 = thetaStart(tl);
  // mkGlmerDevfun's PIRLS at θ₀ from mustart; its η is lp0, the start of every evaluation.
  if (problem.devianceJoint(theta0) >= FAILED_OBJECTIVE) {
    throw new MixwellError(
      "The model could not be fitted: the iterative fit did not converge even at the starting values. This usually means perfect separation (a predictor that predicts the outcome exactly) or extreme predictor values; try removing or rescaling predictors.",
    );
  }
  problem.setStart();
  const rhobeg = Math.min(0.95, 0.2 * Math.max(...Array.from(theta0, Math.abs)));
  const dev = (x: ArrayLike<number>) => {
    const f = problem.devianceJoint(x);
    progress(f);
    return f;
  };
  const s1 = bobyqa((x) => problem.devianceJoint(x), theta0, {
    lower: tl.lower,
    upper: tl.upper,
    rhobeg,
    rhoend: 1e-6 * rhobeg,
    npt: Math.max(ntheta + 2, Math.min(ntheta + 2, 2 * ntheta)),
    maxEval: 10_000,
    onEval: (_x, f) => progress(f),
  });
  let x = Float64Array.from(s1.x);
  let evaluations = s1.evaluations + 1;
  let fval = dev(x); // optwrap's fn(opt$par)
  const failuresBefore = problem.failures;
  let tried = false;
  for (let i = 0; i < ntheta; i++) {
    const gap = x[i] - tl.lower[i];
    if (!tl.isDiagonal[i] || !(gap > 0 && gap < BOUNDARY_TOL)) continue;
    const trial = Float64Array.from(x);
    trial[i] = tl.lower[i];
    tried = true;
    evaluations++;
    if (dev(trial) < fval) x = trial;
  }
  if (tried) {
    fval = dev(x); // check.boundary's devfun(opt$par): the state of the optimum
    evaluations++;
  }
  return {
    x,
    fval,
    evaluations,
    converged: s1.status !== "maxeval",
    pirlsFailedAtEnd: problem.failures > failuresBefore && fval >= FAILED_OBJECTIVE,
  };
}
