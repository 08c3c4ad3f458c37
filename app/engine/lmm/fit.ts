/**
 * fitLmm: REML/ML fit of a linear mixed model as lme4's lmer does it (lme4 1.1-31 optimizeLmer):
 * the profiled criterion minimised over θ by BOBYQA from lme4's start with lme4's stopping rules
 * (nloptwrap), then restart_edge and check.boundary (boundary.ts), then lme4's convergence check.
 * Following lme4's start and steps is what makes the fit stop where lme4's does, which matters on
 * singular fits, where the criterion is flat and df and SEs are sensitive to θ.
 */
import { MixwellError } from "../../errors";
import { bobyqa, LME4_BOBYQA, type BobyqaOptions } from "../../optim";
import type { ModelFrame } from "../model-frame/types";
import { checkBoundary, edgeGradientNegative } from "./boundary";
import { checkConvergence } from "./convergence";
import { createLmmProblem, FAILED_OBJECTIVE, type LmmProblem } from "./problem";
import { computePieces } from "./results";
import { lme4Start, momentStart } from "./start";
import type { LmmFit } from "./types";

export interface FitLmmOptions {
  readonly reml: boolean;
  readonly formula: string;
  readonly onProgress?: (p: { evaluations: number; objective: number }) => void;
  readonly signal?: { cancelled: boolean };
  /**
   * "lme4": lme4's start (see lme4Start); "moments": moment estimates for random intercepts;
   * "auto" (default): moments for a large model of random intercepts only, else lme4's start.
   */
  readonly start?: "lme4" | "moments" | "auto";
  /**
   * Start from this θ instead (clamped to its bounds), as lme4's refit() starts a refit from the
   * fitted model's θ: the parametric bootstrap refits simulated responses near the original fit.
   */
  readonly startTheta?: readonly number[];
}

/**
 * From this many rows, "auto" starts a model whose random effects are all scalar intercepts from
 * moment estimates. Why: with tens of thousands of rows the criterion is sharply curved, so the
 * optimum is well determined and both starts end at the same criterion (InstEval-shaped: within
 * 2e-7 of lme4's); lme4's path cannot be followed to its last digits there anyway (θ differs by
 * ~4e-5 after 78 evaluations of sums over 73k rows), while the moment start, which allows for the
 * within-group noise in small groups, needs less than half the evaluations there (32 instead of
 * 78; on data with large groups both starts are close and take about as many). On small data, where the criterion can be flat (singular
 * fits) and where lme4's path is reproduced, lme4's start is what makes the fit stop where lme4's
 * does.
 */
const LARGE_MODEL_ROWS = 20_000;

function chooseStart(option: FitLmmOptions["start"], rows: number): "lme4" | "moments" {
  if (option === "lme4" || option === "moments") return option;
  return rows >= LARGE_MODEL_ROWS ? "moments" : "lme4";
}

/**
 * BOBYQA's initial trust-region radius, relative to the largest θ₀, when every θ has a moment
 * start: that start is usually close, so a smaller first radius than NLopt's 0.75·θ₀ saves
 * about half of the evaluations; the trust region still grows when the start is far off.
 * The final radius stays 1e-4 of the first (xtol_rel). Otherwise NLopt's default is used.
 */
const MOMENT_RHOBEG = 0.25;

/** isSingular's tolerance (lme4: any diagonal θ below 1e-4). */
const SINGULAR_TOL = 1e-4;

export function fitLmm(frame: ModelFrame, options: FitLmmOptions): LmmFit {
  validate(frame);
  const problem = createLmmProblem(frame, options.reml);
  const objective = (x: Float64Array) => problem.objective(x);
  let lastReport = 0;
  let earlier = 0; // evaluations of a first run before restart_edge's second one (for progress)
  const startKind = chooseStart(options.start, frame.y.length);
  const candidate = startKind === "moments" ? momentStart(problem.layout, problem.theta) : null;
  // "auto" uses moments only where every θ gets one (random intercepts only).
  const moments = candidate && (candidate.complete || options.start === "moments") ? candidate : null;
  const start = options.startTheta ? clampedStart(options.startTheta, problem.theta.lower, problem.theta.upper) : (moments?.theta ?? lme4Start(problem.terms, problem.theta, frame.y));
  const settings: BobyqaOptions = {
    lower: problem.theta.lower,
    upper: problem.theta.upper,
    ...LME4_BOBYQA,
    ...(moments?.complete ? { rhobeg: MOMENT_RHOBEG * Math.max(...start) } : {}),
    onEval: (_x, f, evaluations) => {
      if (options.signal?.cancelled) throw new MixwellError("The fit was cancelled.");
      const now = Date.now();
      if (options.onProgress && now - lastReport >= 100) {
        lastReport = now;
        options.onProgress({ evaluations: earlier + evaluations, objective: f });
      }
    },
  };
  let opt = bobyqa(objective, start, settings);
  // lme4's restart_edge: a θ on its bound from which the criterion still decreases → run again.
  if (edgeGradientNegative(objective, opt.x, problem.theta.lower)) {
    earlier = opt.evaluations;
    opt = bobyqa(objective, opt.x, settings);
  }
  const { x: theta, fval: value } = checkBoundary(objective, opt.x, opt.fval, problem.theta.lower);
  if (value >= FAILED_OBJECTIVE) {
    throw new MixwellError("The model could not be fitted: the random-effects covariance is not positive definite anywhere the optimiser looked.");
  }
  // As lme4's optinfo$feval: the evaluations of the (last) optimiser run.
  return assemble(frame, problem, options, theta, value, opt.evaluations, opt.converged);
}

/** A given start θ within the bounds (its length checked: a θ of another model is a bug). */
function clampedStart(theta: readonly number[], lower: ArrayLike<number>, upper: ArrayLike<number>): Float64Array {
  if (theta.length !== lower.length) throw new MixwellError(`A start θ of length ${theta.length} was given for a model with ${lower.length} θ parameters.`);
  return Float64Array.from(theta, (t, i) => Math.min(upper[i], Math.max(lower[i], t)));
}

function validate(frame: ModelFrame): void {
  if (frame.random.length === 0) {
    throw new MixwellError("A mixed model needs at least one random-effects term, such as (1 | subject).");
  }
  if (frame.n <= frame.fixed.p) {
    throw new MixwellError(`The model has ${frame.fixed.p} fixed effects but only ${frame.n} usable rows.`);
  }
  // lme4's checks (lmerControl check.nlev.gtr.1 / check.nobs.vs.nlev / check.nobs.vs.nRE, all "stop").
  for (const t of frame.random) {
    if (t.levels.length < 2) {
      throw new MixwellError(`The grouping factor '${t.group}' has only one level; a random effect needs at least two groups.`);
    }
    if (t.levels.length >= frame.n) {
      throw new MixwellError(
        `The grouping factor '${t.group}' has ${t.levels.length} levels for ${frame.n} rows: each group needs more than one row.`,
      );
    }
    if (t.levels.length * t.k >= frame.n) {
      throw new MixwellError(
        `The term (${t.effectNames.join(" + ")} | ${t.group}) has ${t.levels.length * t.k} random effects for ${frame.n} rows, ` +
          "so its variances cannot be told apart from the residual variance. Use fewer random slopes or more data.",
      );
    }
  }
}

function assemble(
  frame: ModelFrame,
  problem: LmmProblem,
  options: FitLmmOptions,
  theta: Float64Array,
  value: number,
  evaluations: number,
  optimizerConverged: boolean,
): LmmFit {
  const pieces = computePieces(frame, problem, theta);
  const singular = problem.theta.isDiagonal.some((d, i) => d && theta[i] < SINGULAR_TOL);
  // lme4 always computes the Hessian (n² more evaluations); a dense tail larger than this makes
  // each evaluation costly, so there the Hessian is computed only if the gradient test fails.
  const cheap = problem.layout.nt <= 300;
  const check = checkConvergence((x) => problem.objective(x), theta, value, singular, cheap);
  const warnings = [...frame.warnings];
  if (!optimizerConverged) warnings.push("The optimiser stopped before converging (too many evaluations).");
  if (singular) {
    warnings.push("The fit is singular: some variance is estimated as zero or a correlation as ±1 (lme4: boundary (singular) fit).");
  }
  warnings.push(...check.warnings);
  const n = problem.n;
  const logLik = -value / 2;
  const df = problem.p + problem.theta.length + 1;
  const ngroups: Record<string, number> = {};
  for (const t of problem.terms) ngroups[t.group] = t.nl;
  return {
    family: "gaussian",
    method: options.reml ? "REML" : "ML",
    formula: options.formula,
    responseName: frame.responseName,
    nobs: n,
    ngroups,
    fixef: pieces.fixef,
    beta: pieces.solution.beta,
    vcovBeta: pieces.vcovBeta,
    varcorr: pieces.varcorr,
    sigma: pieces.sigma,
    theta: Array.from(theta),
    logLik,
    df,
    AIC: value + 2 * df,
    BIC: value + df * Math.log(n),
    ...(options.reml ? { REMLcrit: value } : { deviance: value }),
    singular,
    converged: optimizerConverged && check.ok,
    ranef: pieces.ranef,
    fitted: pieces.fitted,
    residuals: pieces.residuals,
    warnings,
    optimizer: { evaluations, objective: value },
  };
}
