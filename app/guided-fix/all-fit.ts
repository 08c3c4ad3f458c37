/**
 * Refit an LMM with other optimisers, as lme4's allFit (lme4 1.1-31): each run is a whole lmer
 * optimisation — the optimiser over the profiled criterion, then restart_edge and check.boundary
 * (engine/lmm/boundary.ts) — from lme4's start (engine/lmm/start.ts lme4Start, as lmer computes
 * it for every refit):
 * - bobyqa (lme4's start): NLopt's BOBYQA with lmer's stopping rules (nloptwrap), lme4's default
 *   fit (and the engine's, except on large random-intercept models: engine/lmm/fit.ts);
 * - Nelder-Mead: lme4's Nelder_Mead (xst 0.02, xt 5e-4·xst, 10 000 evaluations);
 * - bobyqa (moment start): the same BOBYQA from the engine's other start (momentStart), which
 *   takes another path to the optimum (the engine's default on large random-intercept models).
 * Each run's θ, β, σ and SDs are compared with the best run's (agreement.ts): the fit is
 * trustworthy when every run lands at the same estimates, whatever the convergence warnings said.
 * Evaluations are lme4's optinfo$feval (the last optimiser run's, after a restart_edge restart).
 */
import { createLmmProblem, type LmmProblem } from "../engine/lmm";
import { checkBoundary, edgeGradientNegative } from "../engine/lmm/boundary";
import { lme4Start, momentStart } from "../engine/lmm/start";
import { fillLambda } from "../engine/lmm/theta";
import type { ModelFrame } from "../engine/model-frame";
import { bobyqa, LME4_BOBYQA, nelderMead, type MinimizeResult } from "../optim";
import { compareRunsWithSe, templateRowNorms, type RawRun, type RunWithSe } from "./agreement";
import { LMM_RUNS } from "./optimizer-runs";
import type { OptimizerComparison } from "./types";

type Optimizer = (x0: Float64Array) => MinimizeResult;

export function compareOptimizers(frame: ModelFrame, reml: boolean): OptimizerComparison {
  const problem = createLmmProblem(frame, reml);
  return compareRunsWithSe(LMM_RUNS.map((_, index) => runWith(problem, frame, index)));
}

/** Run `index` of LMM_RUNS alone (one part of a check spread over workers), with its own problem. */
export function lmmOptimizerRun(frame: ModelFrame, reml: boolean, index: number): RunWithSe {
  return runWith(createLmmProblem(frame, reml), frame, index);
}

/**
 * One run and the SEs at its estimates. The problem caches only the factor at the last θ, so runs
 * sharing it give the same numbers as runs with a problem each.
 */
function runWith(problem: LmmProblem, frame: ModelFrame, index: number): RunWithSe {
  const f = (x: Float64Array) => problem.objective(x);
  const bounds = { lower: problem.theta.lower, upper: problem.theta.upper };
  const nlopt: Optimizer = (x0) => bobyqa(f, x0, { ...bounds, ...LME4_BOBYQA });
  const nm: Optimizer = (x0) => nelderMead(f, x0, { ...bounds, xst: 0.02, maxEval: 10_000 });
  const lme4 = () => lme4Start(problem.terms, problem.theta, frame.y);
  const [optimizer, start] = index === 0 ? [nlopt, lme4()] : index === 1 ? [nm, lme4()] : [nlopt, momentStart(problem.layout, problem.theta).theta];
  const run = summarize(problem, LMM_RUNS[index], lmerRun(problem, optimizer, start));
  return { run, se: seOf(problem, run) };
}

/** optimizeLmer: the optimiser, again from its end when restart_edge says so, then check.boundary. */
function lmerRun(problem: LmmProblem, optimizer: Optimizer, start: Float64Array): MinimizeResult {
  const f = (x: Float64Array) => problem.objective(x);
  let opt = optimizer(start);
  if (edgeGradientNegative(f, opt.x, problem.theta.lower)) opt = optimizer(opt.x);
  const { x, fval } = checkBoundary(f, opt.x, opt.fval, problem.theta.lower);
  return { ...opt, x, fval };
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
