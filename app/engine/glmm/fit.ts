/**
 * fitGlmm: a binomial or Poisson GLMM fitted as lme4 1.1-31's glmer does.
 *
 * 1. PIRLS at θ₀ (1 on diagonals) from R's mustart gives the starting linear predictor.
 * 2. glmer's two stages (optimise.ts): BOBYQA over θ with β inside PIRLS, then Nelder–Mead
 *    over (θ, β) on the Laplace (or AGQ) deviance, then the boundary check.
 * 3. deriv12 at the optimum: the finite-difference gradient and Hessian in (θ, β); lme4's vcov()
 *    uses 2·H⁻¹ for β when that is positive definite (else R_X's; vcov.ts), and checkConv warns.
 * 4. Results as lme4 reports them (results.ts), Nakagawa's R² (r2.ts), separation warnings.
 */
import { MixwellError } from "../../errors";
import { finiteDerivatives } from "../lmm/convergence";
import { FAILED_OBJECTIVE } from "../lmm/problem";
import type { ModelFrame } from "../model-frame/types";
import { checkGlmmConvergence } from "./convergence";
import { makeFamily, type GlmmFamilyName, type LinkName } from "./family";
import { GlmmProblem } from "./problem";
import { deviance, optimise, type Progress } from "./optimise";
import { hessianVcov } from "./vcov";
import { nakagawaR2 } from "./r2";
import { fixedEffectRows, overdispersion, ranefRows, residualsAt, varCorrRows } from "./results";
import { separationWarnings } from "./separation";
import type { GlmmFit } from "./types";

export interface FitGlmmOptions {
  readonly family: GlmmFamilyName;
  readonly link?: LinkName;
  /** 1 (default): Laplace; > 1: adaptive Gauss–Hermite with that many nodes (one scalar random term). */
  readonly nAGQ?: number;
  readonly formula: string;
  readonly onProgress?: (p: { evaluations: number; objective: number }) => void;
  readonly signal?: { cancelled: boolean };
}

const SINGULAR_TOL = 1e-4;

export function fitGlmm(frame: ModelFrame, options: FitGlmmOptions): GlmmFit {
  const nAGQ = options.nAGQ ?? 1;
  validate(frame, nAGQ, options.family);
  const family = makeFamily(options.family, options.link);
  const problem = new GlmmProblem(frame, family);
  const progress = progressReporter(options);
  const opt = optimise(problem, nAGQ, progress);
  const ntheta = problem.theta.length;
  const dev = deviance(problem, nAGQ);
  let failedDerivative = false;
  const derivs = finiteDerivatives(
    (x) => {
      const v = dev(x);
      progress(v);
      if (v >= FAILED_OBJECTIVE) failedDerivative = true;
      return v;
    },
    opt.x,
    opt.fval,
    true,
  );
  const value = dev(opt.x); // the state at the optimum (lme4's optwrap ends with fn(opt$par))
  if (value >= FAILED_OBJECTIVE) throw new MixwellError(
      "The model could not be fitted: the random-effect modes could not be computed at the estimates (the iterative fit did not converge). This usually means perfect separation (a predictor that predicts the outcome exactly) or predictors on very different scales; try removing or rescaling predictors.",
    );
  const theta = Array.from(opt.x.subarray(0, ntheta));
  const beta = problem.beta.slice();
  const hessVcov = failedDerivative ? null : hessianVcov(derivs.hessian!, ntheta, problem.p);
  const vcovBeta = hessVcov ?? problem.unscaledVcovAt(opt.x);
  const singular = problem.theta.isDiagonal.some((d, i) => d && theta[i] < SINGULAR_TOL);
  const check = checkGlmmConvergence(derivs.gradient, derivs.hessian!, ntheta, singular);
  const res = residualsAt(problem);
  const varcorr = varCorrRows(problem, theta);
  const df = problem.p + ntheta;
  const n = problem.n;
  const warnings = [...frame.warnings];
  if (!opt.converged) warnings.push("The optimiser stopped at its evaluation limit before converging; the estimates may be inaccurate.");
  if (problem.failures > 0 && opt.pirlsFailedAtEnd) warnings.push("The random-effect modes could not be computed reliably (PIRLS did not converge).");
  warnings.push(...separationWarnings(problem, frame.fixed.names, beta, vcovBeta));
  if (singular) warnings.push("The fit is singular: some variance is estimated as zero or a correlation as ±1 (lme4: boundary (singular) fit).");
  if (!hessVcov) {
    warnings.push("The standard errors come from the PIRLS approximation (lme4's fallback): the finite-difference Hessian of the deviance was not positive definite.");
  }
  warnings.push(...check.warnings);
  const r2 = singular ? null : nakagawaR2({ frame, beta, varcorr, link: family.link.name, nullIntercept: family.link.name === "log" ? nullInterceptOf(frame, options) : undefined });
  const ngroups: Record<string, number> = {};
  for (const t of problem.terms) ngroups[t.group] = t.nl;
  return {
    family: family.name,
    link: family.link.name,
    method: nAGQ > 1 ? "AGQ" : "Laplace",
    nAGQ,
    formula: options.formula,
    responseName: frame.responseName,
    nobs: n,
    ngroups,
    fixef: fixedEffectRows(frame.fixed.names, beta, vcovBeta),
    beta,
    vcovBeta,
    varcorr,
    theta,
    logLik: -value / 2,
    df,
    AIC: value + 2 * df,
    BIC: value + df * Math.log(n),
    deviance: problem.residualDeviance(),
    minus2LogLik: value,
    singular,
    converged: opt.converged && check.ok,
    ranef: ranefRows(problem, theta),
    fitted: problem.mu.slice(),
    linearPredictor: problem.eta.slice(),
    residuals: res.deviance,
    pearsonResiduals: res.pearson,
    ...(family.name === "poisson" ? { overdispersion: overdispersion(res.pearson, df) } : {}),
    ...(r2 ? { r2_marginal: r2.marginal, r2_conditional: r2.conditional } : {}),
    warnings,
    optimizer: { evaluations: opt.evaluations, objective: value },
  };
}

function validate(frame: ModelFrame, nAGQ: number, family: GlmmFamilyName): void {
  const w = frame.weights;
  const used = (r: number) => !w || w[r] > 0;
  let allLow = true;
  let allHigh = true;
  for (let r = 0; r < frame.n; r++) {
    if (!used(r)) continue;
    if (frame.y[r] > 0) allLow = false;
    if (family === "poisson" || frame.y[r] < 1) allHigh = false;
  }
  if (allLow || allHigh) {
    const what = family === "poisson" ? "0 (no counts)" : allLow ? "a failure (0)" : "a success (1)";
    throw new MixwellError(`The outcome '${frame.responseName}' is ${what} in every row, so there is nothing to model: the estimates would run off to infinity.`);
  }
  if (frame.random.length === 0) throw new MixwellError("A mixed model needs at least one random-effects term, such as (1 | subject).");
  if (frame.n <= frame.fixed.p) throw new MixwellError(`The model has ${frame.fixed.p} fixed effects but only ${frame.n} usable rows.`);
  if (!Number.isInteger(nAGQ) || nAGQ < 1 || nAGQ > 25) {
    throw new MixwellError(`The number of quadrature points (nAGQ) must be a whole number from 1 to 25, not ${nAGQ}.`);
  }
  if (nAGQ > 1 && (frame.random.length !== 1 || frame.random[0].k !== 1)) {
    throw new MixwellError("Adaptive Gauss–Hermite quadrature (nAGQ > 1) is only available for a model with a single random intercept, such as (1 | group).");
  }
}

function progressReporter(options: FitGlmmOptions): Progress {
  let evaluations = 0;
  let last = 0;
  return (f) => {
    evaluations++;
    if (options.signal?.cancelled) throw new MixwellError("The fit was cancelled.");
    const now = Date.now();
    if (options.onProgress && now - last >= 100) {
      last = now;
      options.onProgress({ evaluations, objective: f });
    }
  };
}

/** Intercept of the null model y ~ 1 + (random terms), fitted the same way (for Nakagawa's R² with a log link). */
function nullInterceptOf(frame: ModelFrame, options: FitGlmmOptions): number | undefined {
  const n = frame.n;
  const X = new Float64Array(n).fill(1);
  const fixed = { ...frame.fixed, X, p: 1, names: ["(Intercept)"], assign: new Int32Array(1), termLabels: ["(Intercept)"], dropped: [], hasIntercept: true };
  try {
    const problem = new GlmmProblem({ ...frame, fixed }, makeFamily(options.family, options.link));
    const opt = optimise(problem, 1, () => {
      if (options.signal?.cancelled) throw new MixwellError("The fit was cancelled.");
    });
    return opt.x[problem.theta.length];
  } catch (err) {
    if (options.signal?.cancelled) throw err;
    return undefined;
  }
}
