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
 * a fresh problem (the PIRLS start η moves with setStart).
 */
import { FAILED_OBJECTIVE } from "../engine/lmm/problem";
import { fillLambda, thetaStart } from "../engine/lmm/theta";
import { GlmmProblem, makeFamily, type GlmmFamilyName, type LinkName } from "../engine/glmm";
import type { ModelFrame } from "../engine/model-frame";
import { MixwellError } from "../errors";
import { bobyqa, LME4_BOBYQA, nelderMead, type MinimizeResult, type Objective } from "../optim";
import { bestRun, compareRuns, templateRowNorms, type RawRun } from "./agreement";
import type { OptimizerComparison } from "./types";

type Optimizer = "bobyqa" | "Nelder_Mead" | "nloptwrap";

const RUNS: readonly { readonly name: string; readonly stages: readonly [Optimizer, Optimizer] }[] = [
  { name: "bobyqa + Nelder_Mead (glmer's default)", stages: ["bobyqa", "Nelder_Mead"] },
  { name: "bobyqa", stages: ["bobyqa", "bobyqa"] },
  { name: "Nelder_Mead", stages: ["Nelder_Mead", "Nelder_Mead"] },
  { name: "nloptwrap (BOBYQA)", stages: ["nloptwrap", "nloptwrap"] },
];

const BOUNDARY_TOL = 1e-5;
const MAX_EVAL = 10_000;
/** SDs on the link scale: a zero SD compared with an absolute 1e-4 (agreement.ts). */
const SD_FLOOR = 0.1;

export interface GlmmOptimizerOptions {
  readonly family: GlmmFamilyName;
  readonly link?: LinkName;
  readonly nAGQ?: number;
  /** Called before each optimiser's run (progress). */
  readonly onRun?: (index: number, total: number, optimizer: string) => void;
}

export function compareGlmmOptimizers(frame: ModelFrame, options: GlmmOptimizerOptions): OptimizerComparison {
  const runsFor = (options.nAGQ ?? 1) === 0 ? RUNS.slice(1) : RUNS; // one stage: the default is plain bobyqa
  const done = runsFor.map((r, i) => {
    options.onRun?.(i, runsFor.length, r.name);
    const problem = new GlmmProblem(frame, makeFamily(options.family, options.link));
    return { problem, raw: runStages(problem, r.name, r.stages, options.nAGQ ?? 1) };
  });
  const runs = done.map((d) => d.raw);
  const best = bestRun(runs);
  const owner = done.find((d) => d.raw === best)!.problem;
  return compareRuns(runs, best, seAt(owner, best), SD_FLOOR);
}

function runStages(problem: GlmmProblem, name: string, stages: readonly [Optimizer, Optimizer], nAGQ: number): RawRun {
  const tl = problem.theta;
  const ntheta = tl.length;
  const theta0 = thetaStart(tl);
  if (problem.devianceJoint(theta0) >= FAILED_OBJECTIVE) {
    throw new MixwellError("The model could not be refitted: the iterative fit did not converge even at the starting values (perfect separation or extreme predictor values).");
  }
  problem.setStart();
  const joint: Objective = (x) => problem.devianceJoint(x);
  const s1 = minimise(stages[0], joint, theta0, tl.lower, tl.upper, stage1Steps(stages[0], theta0));
  if (nAGQ === 0) {
    const x = atBoundary(joint, s1.x, tl.isDiagonal);
    const objective = joint(x);
    return rawRun(problem, name, s1, s1, x, objective);
  }
  problem.devianceJoint(s1.x);
  const unsc = problem.unscaledVcov();
  problem.setStart();
  const p = problem.p;
  const start = new Float64Array(ntheta + p);
  start.set(s1.x);
  start.set(problem.beta, ntheta);
  const lower = new Float64Array(ntheta + p).fill(-Infinity);
  lower.set(tl.lower);
  const upper = new Float64Array(ntheta + p).fill(Infinity);
  const dev: Objective = nAGQ > 1 ? (x) => problem.devianceAgq(x, nAGQ) : (x) => problem.devianceLaplace(x);
  const xst = new Float64Array(ntheta + p);
  for (let i = 0; i < ntheta; i++) xst[i] = 0.2 * 0.1;
  for (let j = 0; j < p; j++) xst[ntheta + j] = 0.2 * Math.min(Math.sqrt(unsc[j + j * p]), 10);
  const s2 = minimise(stages[1], dev, start, lower, upper, { xst, rhobeg: 2e-4, rhoend: 2e-7 });
  const x = atBoundary(dev, s2.x, tl.isDiagonal);
  const objective = dev(x); // leave the problem in the state of this run's optimum
  return rawRun(problem, name, s1, s2, x, objective);
}

/** glmer's check.boundary: θ diagonals within 1e-5 of 0 tried at 0, kept there if the deviance drops. */
function atBoundary(dev: Objective, end: Float64Array, isDiagonal: readonly boolean[]): Float64Array {
  let x = Float64Array.from(end);
  let fval = dev(x);
  for (let i = 0; i < isDiagonal.length; i++) {
    if (!isDiagonal[i] || !(x[i] > 0 && x[i] < BOUNDARY_TOL)) continue;
    const trial = Float64Array.from(x);
    trial[i] = 0;
    const f = dev(trial);
    if (f < fval) {
      x = trial;
      fval = f;
    }
  }
  return x;
}

/** A run's end point; with nAGQ = 0, x holds θ only and β is PIRLS's. */
function rawRun(problem: GlmmProblem, name: string, s1: MinimizeResult, s2: MinimizeResult, x: Float64Array, objective: number): RawRun {
  const tl = problem.theta;
  const theta = Array.from(x.subarray(0, tl.length));
  const lambdas = problem.terms.map((t, ti) => {
    const lambda = new Float64Array(t.k * t.k);
    fillLambda(theta, tl, ti, lambda);
    return { k: t.k, lambda };
  });
  const beta = x.length > tl.length ? Array.from(x.subarray(tl.length)) : Array.from(problem.beta);
  const evaluations = s1 === s2 ? s1.evaluations : s1.evaluations + s2.evaluations;
  return { optimizer: name, converged: s1.converged && s2.converged, message: s2.message, evaluations, objective, theta, beta, sigma: 1, sds: templateRowNorms(lambdas, 1) };
}

interface Steps {
  readonly xst?: Float64Array | number;
  readonly rhobeg?: number;
  readonly rhoend?: number;
}

function stage1Steps(optimizer: Optimizer, theta0: Float64Array): Steps {
  if (optimizer !== "bobyqa") return { xst: 0.02 };
  const rhobeg = Math.min(0.95, 0.2 * Math.max(...Array.from(theta0, Math.abs)));
  return { rhobeg, rhoend: 1e-6 * rhobeg };
}

function minimise(optimizer: Optimizer, f: Objective, x0: Float64Array, lower: Float64Array, upper: Float64Array, steps: Steps): MinimizeResult {
  const n = x0.length;
  if (optimizer === "Nelder_Mead") {
    const xst = steps.xst ?? 0.02;
    const xt = typeof xst === "number" ? xst * 5e-4 : xst.map((v) => v * 5e-4);
    return nelderMead(f, x0, { lower, upper, xst, xt, maxEval: MAX_EVAL });
  }
  if (optimizer === "nloptwrap") return bobyqa(f, x0, { lower, upper, ...LME4_BOBYQA });
  return bobyqa(f, x0, { lower, upper, rhobeg: steps.rhobeg, rhoend: steps.rhoend, npt: n + 2, maxEval: MAX_EVAL });
}

/** Standard errors of β at a run's θ from PIRLS's (R_XᵀR_X)⁻¹ (the nAGQ = 0 fit; the scale of Δβ only). */
function seAt(problem: GlmmProblem, run: RawRun): number[] {
  problem.devianceJoint(run.theta);
  const v = problem.unscaledVcov();
  const p = problem.p;
  return Array.from({ length: p }, (_, j) => Math.sqrt(v[j + j * p]));
}
