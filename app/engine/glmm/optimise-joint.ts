/**
 * glmer's nAGQ = 0 fit (lme4 1.1-31 glmer, optimizeGlmer with stage = 1, check.boundary): one
 * stage only. Stage 1 as a two-stage fit runs it (optimise.ts's stageOne: BOBYQA over θ with β
 * inside PIRLS, glmer's settings, then optwrap's fn(opt$par)); then, because glmer passes
 * glmerControl's boundary.tol (1e-5) to stage 1 when nAGQ = 0 is asked for, check.boundary by
 * lme4's rule (lmm/boundary.ts): each θ diagonal within 1e-5 of 0 is tried at 0, cumulatively,
 * against BOBYQA's own optimum value. No finite-difference derivatives are taken (glmer's stage 1
 * has calc.derivs = FALSE), so vcov() is R_X's and only the singular-fit check applies. The
 * problem is left in the state of the optimum (check.boundary ends with devfun(opt$par)); the
 * reported evaluations are lme4's optinfo$feval, BOBYQA's count.
 */
import { checkBoundary } from "../lmm/boundary";
import { FAILED_OBJECTIVE } from "../lmm/problem";
import { stageOne, type Optimum, type Progress } from "./optimise";
import type { GlmmProblem } from "./problem";

export function optimiseJoint(problem: GlmmProblem, progress: Progress): Optimum {
  const s1 = stageOne(problem, progress);
  const failuresBefore = problem.failures;
  const dev = (x: Float64Array) => {
    const f = problem.devianceJoint(x);
    progress(f);
    return f;
  };
  const { x, fval } = checkBoundary(dev, s1.x, s1.fval, problem.theta.lower);
  return {
    x,
    fval,
    evaluations: s1.evaluations,
    converged: s1.status !== "maxeval",
    pirlsFailedAtEnd: problem.failures > failuresBefore && fval >= FAILED_OBJECTIVE,
    optimiserX: s1.x,
    derivs: null,
  };
}
