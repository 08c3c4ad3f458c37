/**
 * Refit with other optimisers, as lme4's allFit: the same profiled criterion minimised by
 * BOBYQA from Mixwell's moment start (the default fit), BOBYQA from lme4's start (θ = 1/0),
 * and lme4's Nelder–Mead (xst 0.02, xt 5e-4·xst, 10 000 evaluations). Each run's θ, β, σ and
 * SDs are compared with the best run's: the fit is trustworthy when every run lands at the same
 * estimates, whatever the convergence warnings said.
 */
import { createLmmProblem, type LmmProblem } from "../engine/lmm";
import { momentStart } from "../engine/lmm/start";
import { fillLambda, thetaStart } from "../engine/lmm/theta";
import type { ModelFrame } from "../engine/model-frame";
import { bobyqa, LME4_BOBYQA, nelderMead, type MinimizeResult } from "../optim";
import type { OptimizerComparison, OptimizerRun } from "./types";

const OBJECTIVE_TOL = 1e-4;
const BETA_TOL = 1e-3;
const SD_TOL = 1e-3;

type Raw = Omit<OptimizerRun, "objectiveDifference" | "maxBetaDifference" | "maxSdDifference" | "agrees"> & { sds: number[] };

export function compareOptimizers(frame: ModelFrame, reml: boolean): OptimizerComparison {
  const problem = createLmmProblem(frame, reml);
  const f = (x: Float64Array) => problem.objective(x);
  const bounds = { lower: problem.theta.lower, upper: problem.theta.upper };
  const lme4Start = thetaStart(problem.theta);
  const moments = momentStart(problem.layout, problem.theta).theta;
  const runs: Raw[] = [
    summarize(problem, "bobyqa (Mixwell's start)", bobyqa(f, moments, { ...bounds, ...LME4_BOBYQA })),
    summarize(problem, "bobyqa (lme4's start)", bobyqa(f, lme4Start, { ...bounds, ...LME4_BOBYQA })),
    summarize(problem, "Nelder-Mead", nelderMead(f, lme4Start, { ...bounds, xst: 0.02, maxEval: 10_000 })),
  ];
  const best = runs.reduce((b, r) => (r.objective < b.objective ? r : b));
  const se = seOf(problem, best);
  const compared: OptimizerRun[] = runs.map(({ sds, ...r }) => {
    const objectiveDifference = r.objective - best.objective;
    const maxBetaDifference = Math.max(0, ...r.beta.map((b, j) => Math.abs(b - best.beta[j]) / se[j]));
    const maxSdDifference = Math.max(0, ...sds.map((s, j) => Math.abs(s - best.sds[j]) / Math.max(Math.abs(best.sds[j]), 1e-2 * best.sigma)));
    const agrees = objectiveDifference <= OBJECTIVE_TOL && maxBetaDifference <= BETA_TOL && maxSdDifference <= SD_TOL;
    return { ...r, objectiveDifference, maxBetaDifference, maxSdDifference, agrees };
  });
  const allAgree = compared.every((r) => r.agrees);
  const message = allAgree
    ? "All optimisers reach the same estimates: the fit can be trusted even if a convergence warning was given."
    : `The optimisers disagree (${compared.filter((r) => !r.agrees).map((r) => r.optimizer).join(", ")} ${compared.filter((r) => !r.agrees).length === 1 ? "differs" : "differ"} from the best fit): the estimates are not well determined; simplify the random effects.`;
  return { runs: compared, allAgree, message };
}

function summarize(problem: LmmProblem, optimizer: string, result: MinimizeResult): Raw {
  const theta = Array.from(result.x);
  const objective = problem.objective(result.x);
  const sigma = problem.sigmaAt(theta);
  const beta = Array.from(problem.solve(theta).beta);
  return { optimizer, converged: result.converged, message: result.message, evaluations: result.evaluations, objective, theta, beta, sigma, sds: [...sdsOf(problem, theta, sigma), sigma] };
}

/** Random-effect SDs: σ times the norm of each row of each term's template. */
function sdsOf(problem: LmmProblem, theta: readonly number[], sigma: number): number[] {
  const out: number[] = [];
  problem.terms.forEach((t, ti) => {
    const lambda = new Float64Array(t.k * t.k);
    fillLambda(theta, problem.theta, ti, lambda);
    for (let a = 0; a < t.k; a++) {
      let s = 0;
      for (let c = 0; c <= a; c++) s += lambda[a + c * t.k] ** 2;
      out.push(sigma * Math.sqrt(s));
    }
  });
  return out;
}

function seOf(problem: LmmProblem, run: Raw): number[] {
  const v = problem.vcovBetaAt(run.theta, run.sigma);
  const p = problem.p;
  return Array.from({ length: p }, (_, j) => Math.sqrt(v[j + j * p]));
}
