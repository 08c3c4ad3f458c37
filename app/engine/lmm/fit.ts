/**
 * fitLmm: REML/ML fit of a linear mixed model by minimising the profiled criterion over θ with
 * BOBYQA from lme4's start and with lme4's stopping rules (nloptwrap), then MixedModels.jl's
 * rectification of near-zero variance parameters and lme4's convergence check.
 */
import { MixwellError } from "../../errors";
import { bobyqa, LME4_BOBYQA } from "../../optim";
import type { ModelFrame } from "../model-frame/types";
import { checkConvergence } from "./convergence";
import { createLmmProblem, FAILED_OBJECTIVE, type LmmProblem } from "./problem";
import { computePieces } from "./results";
import { momentStart } from "./start";
import { thetaStart } from "./theta";
import type { LmmFit } from "./types";

export interface FitLmmOptions {
  readonly reml: boolean;
  readonly formula: string;
  readonly onProgress?: (p: { evaluations: number; objective: number }) => void;
  readonly signal?: { cancelled: boolean };
  /** "lme4": θ₀ = 1/0 as lme4; "moments" (default): moment estimates for random intercepts. */
  readonly start?: "lme4" | "moments";
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
/** MixedModels.jl: diagonal θ below this is tried at exactly 0 … */
const ZERO_THETA = 1e-3;
/** … and kept there if the objective rises by no more than this. */
const ZERO_OBJECTIVE = 1e-5;

export function fitLmm(frame: ModelFrame, options: FitLmmOptions): LmmFit {
  validate(frame);
  const problem = createLmmProblem(frame, options.reml);
  const objective = (x: Float64Array) => problem.objective(x);
  let lastReport = 0;
  const moments = options.start === "lme4" ? null : momentStart(problem.layout, problem.theta);
  const start = moments?.theta ?? thetaStart(problem.theta);
  const opt = bobyqa(objective, start, {
    lower: problem.theta.lower,
    upper: problem.theta.upper,
    ...LME4_BOBYQA,
    ...(moments?.complete ? { rhobeg: MOMENT_RHOBEG * Math.max(...start) } : {}),
    onEval: (_x, f, evaluations) => {
      if (options.signal?.cancelled) throw new MixwellError("The fit was cancelled.");
      const now = Date.now();
      if (options.onProgress && now - lastReport >= 100) {
        lastReport = now;
        options.onProgress({ evaluations, objective: f });
      }
    },
  });
  let evaluations = opt.evaluations;
  const { theta, value } = rectify(problem, Float64Array.from(opt.x), opt.fval);
  evaluations += 1;
  if (value >= FAILED_OBJECTIVE) {
    throw new MixwellError("The model could not be fitted: the random-effects covariance is not positive definite anywhere the optimiser looked.");
  }
  return assemble(frame, problem, options, theta, value, evaluations, opt.converged);
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

/** Set near-zero diagonal θ to 0 when that costs at most ZERO_OBJECTIVE (MixedModels.jl's fit!). */
function rectify(problem: LmmProblem, theta: Float64Array, value: number): { theta: Float64Array; value: number } {
  const zeroed = Float64Array.from(theta);
  let changed = false;
  problem.theta.isDiagonal.forEach((d, i) => {
    if (d && theta[i] !== 0 && Math.abs(theta[i]) < ZERO_THETA) {
      zeroed[i] = 0;
      changed = true;
    }
  });
  if (changed) {
    const z = problem.objective(zeroed);
    if (z <= value + ZERO_OBJECTIVE) return { theta: zeroed, value: z };
  }
  return { theta, value: problem.objective(theta) };
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
