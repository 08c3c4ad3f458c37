/**
 * Refit a GLMM with other optimisers, as lme4's allFit does for glmer: each optimiser runs both of
 * glmer's stages (lme4 1.1-31 glmerControl with one optimizer name uses it for both; optwrap's
 * settings): stage 1 over θ with β inside PIRLS (nAGQ = 0 deviance), stage 2 over (θ, β) on the
 * Laplace (or AGQ) deviance from stage 1's estimates, then check.boundary. The optimisers
 * Mixwell has stand in for allFit's list:
 * - bobyqa + Nelder_Mead: glmer's default (the fit itself);
 * - bobyqa (minqa): stage 1 rhobeg = min(0.95, 0.2·max|θ₀|), rhoend = 1e-6·rhobeg; stage 2
 *   rhobeg 2e-4, rhoend 2e-7 (optwrap's adj);
 * - Nelder_Mead: stage 1 xst 0.02; stage 2 xst 0.2·(0.1 for θ, min(SE(β̂), 10)); xt 5e-4·xst;
 * - nloptwrap BOBYQA: NLopt's defaults as lme4 sets them (xtol_abs 1e-8, ftol_abs 1e-8).
 * With nAGQ = 0 (glmer's one-stage fit) each optimiser runs stage 1 only. Every run starts from
 * a fresh problem (the PIRLS start η moves with setStart). glmer's own settings come from the
 * engine (engine/glmm/optimise.ts): the default run is the engine's fit (optimise, or
 * optimiseJoint for nAGQ = 0), BOBYQA's stage 1 is its stageOne, every stage 2 starts from its
 * stageTwoStart, and check.boundary is lme4's rule (lmm/boundary.ts). Evaluations are lme4's
 * optinfo$feval: the last stage's optimiser count.
 */
import { checkBoundary } from "../engine/lmm/boundary";
import { fillLambda } from "../engine/lmm/theta";
import {
  deviance,
  GLMER_MAX_EVAL,
  GlmmProblem,
  makeFamily,
  optimise,
  optimiseJoint,
  stageOne,
  stageTwoStart,
  startPirls,
  type GlmmFamilyName,
  type LinkName,
  type Optimum,
} from "../engine/glmm";
import type { ModelFrame } from "../engine/model-frame";
import { bobyqa, LME4_BOBYQA, nelderMead, type MinimizeResult, type Objective } from "../optim";
import { compareRunsWithSe, templateRowNorms, type RawRun, type RunWithSe } from "./agreement";
import { GLMM_SD_FLOOR, glmmRuns, type GlmmOptimizer as Optimizer } from "./optimizer-runs";
import type { OptimizerComparison } from "./types";

export interface GlmmOptimizerOptions {
  readonly family: GlmmFamilyName;
  readonly link?: LinkName;
  readonly nAGQ?: number;
  /** Negative binomial: the θ every run keeps fixed (the fit's glmer.nb.theta). */
  readonly nbTheta?: number;
  /** Called before each optimiser's run (progress). */
  readonly onRun?: (index: number, total: number, optimizer: string) => void;
}

export function compareGlmmOptimizers(frame: ModelFrame, options: GlmmOptimizerOptions): OptimizerComparison {
  const runsFor = glmmRuns(options.nAGQ ?? 1);
  const done = runsFor.map((r, i) => {
    options.onRun?.(i, runsFor.length, r.name);
    return glmmOptimizerRun(frame, options, i);
  });
  return compareRunsWithSe(done, GLMM_SD_FLOOR);
}

/**
 * Run `index` of glmmRuns(nAGQ) from a fresh problem, and the SEs at its estimates from that
 * problem left at its optimum (so runs made one after another or side by side agree exactly).
 */
export function glmmOptimizerRun(frame: ModelFrame, options: GlmmOptimizerOptions, index: number): RunWithSe {
  const r = glmmRuns(options.nAGQ ?? 1)[index];
  const problem = new GlmmProblem(frame, makeFamily(options.family, options.link, options.nbTheta));
  const run = runStages(problem, r.name, r.stages, options.nAGQ ?? 1);
  return { run, se: seAt(problem, run) };
}

const quiet = (): void => undefined;

function runStages(problem: GlmmProblem, name: string, stages: readonly [Optimizer, Optimizer], nAGQ: number): RawRun {
  if (nAGQ === 0 && stages[0] === "bobyqa") return fromOptimum(problem, name, optimiseJoint(problem, quiet));
  if (nAGQ !== 0 && stages[0] === "bobyqa" && stages[1] === "Nelder_Mead") return fromOptimum(problem, name, optimise(problem, nAGQ, quiet));
  const joint: Objective = (x) => problem.devianceJoint(x);
  const s1 = stages[0] === "bobyqa" ? stageOne(problem, quiet) : minimise(stages[0], joint, startPirls(problem), problem.theta.lower, problem.theta.upper, { xst: 0.02 });
  if (stages[0] !== "bobyqa") problem.devianceJoint(s1.x); // optwrap's fn(opt$par), as stageOne ends
  if (nAGQ === 0) {
    const { x } = checkBoundary(joint, s1.x, s1.fval, problem.theta.lower);
    return rawRun(problem, name, s1, x, joint(x));
  }
  const { start, lower, upper, xst } = stageTwoStart(problem, s1.x);
  const dev = deviance(problem, nAGQ);
  const s2 = minimise(stages[1], dev, start, lower, upper, { xst, rhobeg: 2e-4, rhoend: 2e-7 });
  const { x } = checkBoundary(dev, s2.x, s2.fval, lower);
  const objective = dev(x); // leave the problem in the state of this run's optimum
  return rawRun(problem, name, { ...s2, converged: s1.converged && s2.converged }, x, objective);
}

/** A run of the engine's own stages (the problem is left at its optimum). */
function fromOptimum(problem: GlmmProblem, name: string, o: Optimum): RawRun {
  const message = o.converged ? "converged" : "stopped at the evaluation limit";
  return rawRun(problem, name, { x: o.x, fval: o.fval, evaluations: o.evaluations, converged: o.converged, message }, o.x, o.fval);
}

/**
 * A run's end point; with nAGQ = 0, x holds θ only and β is PIRLS's. Its evaluations are lme4's
 * optinfo$feval: the last stage's optimiser count.
 */
function rawRun(problem: GlmmProblem, name: string, last: MinimizeResult, x: Float64Array, objective: number): RawRun {
  const tl = problem.theta;
  const theta = Array.from(x.subarray(0, tl.length));
  const lambdas = problem.terms.map((t, ti) => {
    const lambda = new Float64Array(t.k * t.k);
    fillLambda(theta, tl, ti, lambda);
    return { k: t.k, lambda };
  });
  const beta = x.length > tl.length ? Array.from(x.subarray(tl.length)) : Array.from(problem.beta);
  return { optimizer: name, converged: last.converged, message: last.message, evaluations: last.evaluations, objective, theta, beta, sigma: 1, sds: templateRowNorms(lambdas, 1) };
}

interface Steps {
  readonly xst?: Float64Array | number;
  readonly rhobeg?: number;
  readonly rhoend?: number;
}

function minimise(optimizer: Optimizer, f: Objective, x0: Float64Array, lower: Float64Array, upper: Float64Array, steps: Steps): MinimizeResult {
  const n = x0.length;
  if (optimizer === "Nelder_Mead") {
    const xst = steps.xst ?? 0.02;
    const xt = typeof xst === "number" ? xst * 5e-4 : xst.map((v) => v * 5e-4);
    return nelderMead(f, x0, { lower, upper, xst, xt, maxEval: GLMER_MAX_EVAL });
  }
  if (optimizer === "nloptwrap") return bobyqa(f, x0, { lower, upper, ...LME4_BOBYQA });
  return bobyqa(f, x0, { lower, upper, rhobeg: steps.rhobeg, rhoend: steps.rhoend, npt: n + 2, maxEval: GLMER_MAX_EVAL });
}

/** Standard errors of β at a run's θ from PIRLS's (R_XᵀR_X)⁻¹ (the nAGQ = 0 fit; the scale of Δβ only). */
function seAt(problem: GlmmProblem, run: RawRun): number[] {
  problem.devianceJoint(run.theta);
  const v = problem.unscaledVcov();
  const p = problem.p;
  return Array.from({ length: p }, (_, j) => Math.sqrt(v[j + j * p]));
}
