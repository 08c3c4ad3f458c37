/**
 * Refit an LMM with other optimisers, as lme4's allFit: the same profiled criterion minimised by
 * BOBYQA from Mixwell's moment start (the default fit), BOBYQA from lme4's start (θ = 1/0),
 * and lme4's Nelder–Mead (xst 0.02, xt 5e-4·xst, 10 000 evaluations). Each run's θ, β, σ and
 * SDs are compared with the best run's (agreement.ts): the fit is trustworthy when every run
 * lands at the same estimates, whatever the convergence warnings said.
 */
import { createLmmProblem, type LmmProblem } from "../engine/lmm";
import { momentStart } from "../engine/lmm/start";
import { fillLambda, thetaStart } from "../engine/lmm/theta";
import type { ModelFrame } from "../engine/model-frame";
import { bobyqa, LME4_BOBYQA, nelderMead, type MinimizeResult } from "../optim";
import { bestRun, compareRuns, templateRowNorms, type RawRun } from "./agreement";
import type { OptimizerComparison } from "./types";

export function compareOptimizers(frame: ModelFrame, reml: boolean): OptimizerComparison {
  const problem = createLmmProblem(frame, reml);
  const f = (x: Float64Array) => problem.objective(x);
  const bounds = { lower: problem.theta.lower, upper: problem.theta.upper };
  const lme4Start = thetaStart(problem.theta);
  const moments = momentStart(problem.layout, problem.theta).theta;
  const runs: RawRun[] = [
    summarize(problem, "bobyqa (Mixwell's start)", bobyqa(f, moments, { ...bounds, ...LME4_BOBYQA })),
    summarize(problem, "bobyqa (lme4's start)", bobyqa(f, lme4Start, { ...bounds, ...LME4_BOBYQA })),
    summarize(problem, "Nelder-Mead", nelderMead(f, lme4Start, { ...bounds, xst: 0.02, maxEval: 10_000 })),
  ];
  const best = bestRun(runs);
  return compareRuns(runs, best, seOf(problem, best));
}

function summarize(problem: LmmProblem, optimizer: string, result: MinimizeResult): RawRun {
  const theta = Array.from(result.x);
  const objective = problem.objective(result.x);
  const sigma = problem.sigmaAt(theta);
  const beta = Array.from(problem.solve(theta).beta);
  const lambdas = problem.terms.map((t, ti) => {
    const lambda = new Float64Array(t.k * t.k);
    fillLambda(theta, problem.theta, ti, lambda);
    return { k: t.k, lambda };
  });
  return { optimizer, converged: result.converged, message: result.message, evaluations: result.evaluations, objective, theta, beta, sigma, sds: [...templateRowNorms(lambdas, sigma), sigma] };
}

function seOf(problem: LmmProblem, run: RawRun): number[] {
  const v = problem.vcovBetaAt(run.theta, run.sigma);
  const p = problem.p;
  return Array.from({ length: p }, (_, j) => Math.sqrt(v[j + j * p]));
}
