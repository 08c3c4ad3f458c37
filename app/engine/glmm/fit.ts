/**
 * fitGlmm: a binomial, Poisson, Gamma or inverse Gaussian GLMM fitted as lme4 1.1-31's glmer
 * does; a negative binomial one as glmer.nb (negative-binomial.ts).
 *
 * 1. PIRLS at θ₀ (1 on diagonals) from R's mustart gives the starting linear predictor.
 * 2. glmer's two stages (optimise.ts): BOBYQA over θ with β inside PIRLS, then Nelder–Mead
 *    over (θ, β) on the Laplace (or AGQ) deviance, then the boundary check. The reported
 *    evaluations are lme4's optinfo$feval (the last stage's optimiser count).
 * 3. deriv12 at Nelder–Mead's optimum, before the boundary check (optwrap's calc.derivs, as lme4):
 *    the finite-difference gradient and Hessian in (θ, β); lme4's vcov() uses 2·H⁻¹ for β when
 *    that is positive definite (else R_X's at the final state; vcov.ts), and checkConv warns.
 *    With nAGQ = 0 (glmer's fast approximation) only stage 1 runs (optimise-joint.ts): no
 *    derivatives, so vcov() is (R_XᵀR_X)⁻¹ of the final PIRLS — what lme4's vcov.merMod falls back
 *    to when optinfo$derivs is NULL — and only the singular-fit check applies (checkConv).
 * 4. Results as lme4 reports them (results.ts), Nakagawa's R² (r2.ts), separation warnings.
 */
import { MixwellError } from "../../errors";
import type { BlockedFactor } from "../lmm/blocked-factor";
import { FAILED_OBJECTIVE } from "../lmm/problem";
import type { ModelFrame } from "../model-frame/types";
import { checkGlmmConvergence } from "./convergence";
import { hasDispersion, makeFamily, type GlmmFamilyName, type LinkName } from "./family";
import { fitNegativeBinomial } from "./negative-binomial";
import { GlmmProblem } from "./problem";
import { optimise, type Derivatives, type Optimum, type Progress } from "./optimise";
import { optimiseJoint } from "./optimise-joint";
import { HESSIAN_VCOV_FALLBACK_WARNING, hessianVcov } from "./vcov";
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
  if (options.family === "negative-binomial") return fitNegativeBinomial(frame, options, nAGQ);
  const family = makeFamily(options.family, options.link);
  const problem = new GlmmProblem(frame, family);
  const progress = progressReporter(options);
  const est = nAGQ === 0 ? jointEstimates(problem, progress) : twoStageEstimates(problem, nAGQ, progress);
  return glmmResult(frame, options, problem, est, nAGQ);
}

/**
 * The fit as lme4 reports it from the problem left at the optimum. Families with a scale
 * (lme4's useSc: Gamma, inverse Gaussian) get σ = √(pwrss/n) (mkMerMod's
 * sigmaML, pwrss = Σ wᵢ(yᵢ − μᵢ)²/V(μᵢ) + ‖û‖²), which VarCorr and the conditional SDs are
 * scaled by (VarCorr.merMod, ranef's condVar) and which adds one parameter to logLik's df.
 */
export function glmmResult(frame: ModelFrame, options: FitGlmmOptions, problem: GlmmProblem, est: Estimates, nAGQ: number): GlmmFit {
  const family = problem.family;
  const { value, vcovBeta } = est;
  const ntheta = problem.theta.length;
  const theta = Array.from(est.opt.x.subarray(0, ntheta));
  const beta = problem.beta.slice();
  const singular = problem.theta.isDiagonal.some((d, i) => d && theta[i] < SINGULAR_TOL);
  const check = est.derivs ? checkGlmmConvergence(est.derivs.gradient, est.derivs.hessian, ntheta, singular) : { ok: true, warnings: [] };
  const res = residualsAt(problem);
  const dispersion = hasDispersion(family.name);
  const sigma = dispersion ? Math.sqrt((sumOfSquares(res.pearson) + sumOfSquares(problem.u)) / problem.n) : 1;
  // as.data.frame(VarCorr()) lists the Residual (σ², σ) too where lme4 has a scale
  const varcorr = [...varCorrRows(problem, theta, sigma), ...(dispersion ? [{ group: "Residual", name1: "", name2: null, kind: "variance" as const, value: sigma * sigma, sd: sigma }] : [])];
  // npar.merMod: β, θ, the scale where there is one, and glmer.nb's θ
  const df = problem.p + ntheta + (dispersion ? 1 : 0) + (family.nbTheta !== undefined ? 1 : 0);
  const n = problem.n;
  const warnings = [...frame.warnings];
  if (!est.opt.converged) warnings.push("The optimiser stopped at its evaluation limit before converging; the estimates may be inaccurate.");
  if (problem.failures > 0 && est.opt.pirlsFailedAtEnd) warnings.push("The random-effect modes could not be computed reliably (PIRLS did not converge).");
  warnings.push(...separationWarnings(problem, frame.fixed.names, beta, vcovBeta));
  if (singular) warnings.push("The fit is singular: some variance is estimated as zero or a correlation as ±1 (lme4: boundary (singular) fit).");
  if (est.derivs && !est.hessianVcov) {
    warnings.push(HESSIAN_VCOV_FALLBACK_WARNING);
  }
  warnings.push(...check.warnings);
  const r2 = singular || dispersion ? null : nakagawaR2({ frame, beta, varcorr, link: family.link.name, nullIntercept: family.link.name === "log" ? nullInterceptOf(frame, options, nAGQ) : undefined });
  const ngroups: Record<string, number> = {};
  for (const t of problem.terms) ngroups[t.group] = t.nl;
  // after everything that reads the factors: the conditional SDs consume the factor they use
  const ranef = ranefRows(problem, theta, est.factor, sigma);
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
    ...(dispersion ? { sigma } : {}),
    ...(family.nbTheta !== undefined ? { nbTheta: family.nbTheta } : {}),
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
    converged: est.opt.converged && check.ok,
    ranef,
    fitted: problem.mu.slice(),
    linearPredictor: problem.eta.slice(),
    residuals: res.deviance,
    pearsonResiduals: res.pearson,
    ...(family.name === "poisson" ? { overdispersion: overdispersion(res.pearson, df) } : {}),
    ...(r2 ? { r2_marginal: r2.marginal, r2_conditional: r2.conditional } : {}),
    warnings,
    optimizer: { evaluations: est.opt.evaluations, objective: value },
  };
}

function sumOfSquares(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return s;
}

/** The optimum, its deviance, vcov(β̂), and the factor whose Z part gives the conditional SDs. */
export interface Estimates {
  readonly opt: Optimum;
  /** −2·logLik at the optimum, with the problem left in that state. */
  readonly value: number;
  readonly vcovBeta: Float64Array;
  /** deriv12's gradient and Hessian in (θ, β) (two-stage fits only; nAGQ = 0 takes none, as glmer). */
  readonly derivs: Derivatives | null;
  /** True when vcov came from the Hessian (else R_X, lme4's fallback). */
  readonly hessianVcov: boolean;
  readonly factor: BlockedFactor;
}

/**
 * Laplace / AGQ: two stages with optwrap's deriv12 at Nelder–Mead's optimum, taken before
 * check.boundary moves θ (lme4's order), for vcov() and checkConv. vcov()'s fallback, pp$unsc(),
 * belongs to the final state (the returned optimum), as lme4's.
 */
function twoStageEstimates(problem: GlmmProblem, nAGQ: number, progress: Progress): Estimates {
  return estimatesAt(problem, optimise(problem, nAGQ, progress, { derivatives: true }));
}

/** Estimates from a stage-2 optimum with derivatives (glmer's, or a glmer.nb refit's). */
export function estimatesAt(problem: GlmmProblem, opt: Optimum): Estimates {
  const derivs = opt.derivs!;
  const value = atOptimum(opt.fval); // optimise leaves the problem at the optimum (check.boundary's devfun(opt$par))
  const hessVcov = derivs.failed ? null : hessianVcov(derivs.hessian, problem.theta.length, problem.p);
  const vcovBeta = hessVcov ?? problem.unscaledVcovAt(opt.x);
  return { opt, value, vcovBeta, derivs, hessianVcov: hessVcov !== null, factor: problem.factorU };
}

/** nAGQ = 0: θ by BOBYQA with β inside PIRLS; vcov() = (R_XᵀR_X)⁻¹ of the final PIRLS (lme4's pp$unsc()). */
function jointEstimates(problem: GlmmProblem, progress: Progress): Estimates {
  const opt = optimiseJoint(problem, progress);
  const value = atOptimum(opt.fval);
  return { opt, value, vcovBeta: problem.unscaledVcov(), derivs: null, hessianVcov: false, factor: problem.factorX };
}

export function atOptimum(value: number): number {
  if (value >= FAILED_OBJECTIVE) {
    throw new MixwellError(
      "The model could not be fitted: the random-effect modes could not be computed at the estimates (the iterative fit did not converge). This usually means perfect separation (a predictor that predicts the outcome exactly) or predictors on very different scales; try removing or rescaling predictors.",
    );
  }
  return value;
}

function validate(frame: ModelFrame, nAGQ: number, family: GlmmFamilyName): void {
  const w = frame.weights;
  const used = (r: number) => !w || w[r] > 0;
  let allLow = true;
  let allHigh = true;
  for (let r = 0; r < frame.n; r++) {
    if (!used(r)) continue;
    if (frame.y[r] > 0) allLow = false;
    if (family !== "binomial" || frame.y[r] < 1) allHigh = false;
  }
  if (allLow || allHigh) {
    const what = family !== "binomial" ? "0 (no counts)" : allLow ? "a failure (0)" : "a success (1)";
    throw new MixwellError(`The outcome '${frame.responseName}' is ${what} in every row, so there is nothing to model: the estimates would run off to infinity.`);
  }
  if (frame.random.length === 0) throw new MixwellError("A mixed model needs at least one random-effects term, such as (1 | subject).");
  if (frame.n <= frame.fixed.p) throw new MixwellError(`The model has ${frame.fixed.p} fixed effects but only ${frame.n} usable rows.`);
  if (!Number.isInteger(nAGQ) || nAGQ < 0 || nAGQ > 25) {
    throw new MixwellError(`The number of quadrature points (nAGQ) must be a whole number from 0 to 25 (0: fast approximation, 1: Laplace), not ${nAGQ}.`);
  }
  if (nAGQ > 1 && (frame.random.length !== 1 || frame.random[0].k !== 1)) {
    throw new MixwellError("Adaptive Gauss–Hermite quadrature (nAGQ > 1) is only available for a model with a single random intercept, such as (1 | group).");
  }
}

export function progressReporter(options: FitGlmmOptions): Progress {
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
function nullInterceptOf(frame: ModelFrame, options: FitGlmmOptions, nAGQ: number): number | undefined {
  const n = frame.n;
  const X = new Float64Array(n).fill(1);
  const fixed = { ...frame.fixed, X, p: 1, names: ["(Intercept)"], assign: new Int32Array(1), termLabels: ["(Intercept)"], dropped: [], hasIntercept: true };
  try {
    const problem = new GlmmProblem({ ...frame, fixed }, makeFamily(options.family, options.link));
    const cancelled = () => {
      if (options.signal?.cancelled) throw new MixwellError("The fit was cancelled.");
    };
    // performance's null model is update(model, ~ 1 + re): fitted with the model's nAGQ (0 or Laplace)
    if (nAGQ === 0) return optimiseJoint(problem, cancelled).fval < FAILED_OBJECTIVE ? problem.beta[0] : undefined;
    const opt = optimise(problem, 1, cancelled);
    return opt.x[problem.theta.length];
  } catch (err) {
    if (options.signal?.cancelled) throw err;
    return undefined;
  }
}
