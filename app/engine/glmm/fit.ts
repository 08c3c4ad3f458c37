/**
 * fitGlmm: a binomial or Poisson GLMM fitted as lme4 1.1-31's glmer does.
 *
 * 1. PIRLS at θ₀ (1 on diagonals) from R's mustart gives the starting linear predictor.
 * 2. Stage 1 (nAGQ = 0): minimise the deviance over θ with β updated inside PIRLS, by BOBYQA
 *    with minqa's defaults as glmer calls it (npt = min(n + 2, 2n), rhobeg = min(0.95, 0.2·max|θ|),
 *    rhoend = 1e-6·rhobeg).
 * 3. Stage 2: minimise the Laplace (or AGQ) deviance over (θ, β) with lme4's Nelder_Mead,
 *    steps 0.2·(0.1 for θ, min(SE of β̂ from R_X, 10)) and x-tolerance 5e-4·step (optwrap), then
 *    glmer's boundary check (θ within 1e-5 of 0 tried at 0).
 * 4. deriv12 at the optimum: the finite-difference gradient and Hessian in (θ, β); lme4's vcov()
 *    uses 2·H⁻¹ for β when that is positive definite (else R_X's), and checkConv warns.
 */
import { MixwellError } from "../../errors";
import { bobyqa, nelderMead } from "../../optim";
import { finiteDerivatives } from "../lmm/convergence";
import { FAILED_OBJECTIVE } from "../lmm/problem";
import { thetaStart } from "../lmm/theta";
import type { ModelFrame } from "../model-frame/types";
import { checkGlmmConvergence } from "./convergence";
import { makeFamily, type GlmmFamilyName, type LinkName } from "./family";
import { GlmmProblem } from "./problem";
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
const BOUNDARY_TOL = 1e-5;

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

function deviance(problem: GlmmProblem, nAGQ: number): (x: Float64Array) => number {
  return nAGQ > 1 ? (x) => problem.devianceAgq(x, nAGQ) : (x) => problem.devianceLaplace(x);
}

interface Optimum {
  readonly x: Float64Array;
  readonly fval: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly pirlsFailedAtEnd: boolean;
}

type Progress = (f: number) => void;

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

function optimise(problem: GlmmProblem, nAGQ: number, progress: Progress): Optimum {
  const tl = problem.theta;
  const ntheta = tl.length;
  const theta0 = thetaStart(tl);
  if (problem.devianceJoint(theta0) >= FAILED_OBJECTIVE) {
    throw new MixwellError(
      "The model could not be fitted: the iterative fit did not converge even at the starting values. This usually means perfect separation (a predictor that predicts the outcome exactly) or extreme predictor values; try removing or rescaling predictors.",
    );
  }
  problem.setStart();
  // Stage 1: θ only, β inside PIRLS (minqa's bobyqa as glmer's first optimizer).
  const npt = Math.max(ntheta + 2, Math.min(ntheta + 2, 2 * ntheta));
  const rhobeg = Math.min(0.95, 0.2 * Math.max(...Array.from(theta0, Math.abs)));
  const s1 = bobyqa((x) => problem.devianceJoint(x), theta0, {
    lower: tl.lower,
    upper: tl.upper,
    rhobeg,
    rhoend: 1e-6 * rhobeg,
    npt,
    maxEval: 10_000,
    onEval: (_x, f) => progress(f),
  });
  problem.devianceJoint(s1.x);
  const unsc = problem.unscaledVcov();
  problem.setStart();
  // Stage 2: (θ, β) by Nelder–Mead with optwrap's steps.
  const p = problem.p;
  const start = new Float64Array(ntheta + p);
  start.set(s1.x);
  start.set(problem.beta, ntheta);
  const xst = new Float64Array(ntheta + p);
  for (let i = 0; i < ntheta; i++) xst[i] = 0.2 * 0.1;
  for (let j = 0; j < p; j++) xst[ntheta + j] = 0.2 * Math.min(Math.sqrt(unsc[j + j * p]), 10);
  const lower = new Float64Array(ntheta + p).fill(-Infinity);
  lower.set(tl.lower);
  const upper = new Float64Array(ntheta + p).fill(Infinity);
  const dev = deviance(problem, nAGQ);
  const s2 = nelderMead(dev, start, {
    lower,
    upper,
    xst,
    xt: xst.map((v) => v * 5e-4),
    maxEval: 10_000,
    onEval: (_x, f) => progress(f),
  });
  let x = Float64Array.from(s2.x);
  let fval = s2.fval;
  let evaluations = s1.evaluations + s2.evaluations + 2;
  // glmer's check.boundary: θ diagonals just above 0 tried at 0.
  for (let i = 0; i < ntheta; i++) {
    if (tl.isDiagonal[i] && x[i] > 0 && x[i] < BOUNDARY_TOL) {
      const trial = Float64Array.from(x);
      trial[i] = 0;
      const f = dev(trial);
      evaluations++;
      if (f < fval) {
        x = trial;
        fval = f;
      }
    }
  }
  const failuresBefore = problem.failures;
  dev(x);
  return { x, fval, evaluations, converged: s2.status !== "maxeval", pirlsFailedAtEnd: problem.failures > failuresBefore };
}

/** lme4's calc.vcov.hess: (H⁻¹ + H⁻ᵀ) restricted to β; null when H is singular or the result not positive definite. */
function hessianVcov(H: Float64Array, ntheta: number, p: number): Float64Array | null {
  const n = ntheta + p;
  const inv = invertSymmetric(H, n);
  if (!inv) return null;
  const v = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < p; i++) v[i + j * p] = inv[ntheta + i + (ntheta + j) * n] + inv[ntheta + j + (ntheta + i) * n];
  }
  for (let i = 0; i < p; i++) if (!(v[i + i * p] > 0)) return null;
  // positive definiteness by Cholesky
  const L = Float64Array.from(v);
  for (let j = 0; j < p; j++) {
    let d = L[j + j * p];
    for (let c = 0; c < j; c++) d -= L[j + c * p] ** 2;
    if (!(d > 0)) return null;
    d = Math.sqrt(d);
    L[j + j * p] = d;
    for (let i = j + 1; i < p; i++) {
      let s = L[i + j * p];
      for (let c = 0; c < j; c++) s -= L[i + c * p] * L[j + c * p];
      L[i + j * p] = s / d;
    }
  }
  return v;
}

/** Inverse of a general square matrix by Gauss–Jordan with partial pivoting (R's solve()); null if singular. */
function invertSymmetric(H: Float64Array, n: number): Float64Array | null {
  const a = Float64Array.from(H);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i + i * n] = 1;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r + c * n]) > Math.abs(a[piv + c * n])) piv = r;
    const pv = a[piv + c * n];
    if (!Number.isFinite(pv) || Math.abs(pv) < 1e-300) return null;
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        [a[c + k * n], a[piv + k * n]] = [a[piv + k * n], a[c + k * n]];
        [inv[c + k * n], inv[piv + k * n]] = [inv[piv + k * n], inv[c + k * n]];
      }
    }
    for (let k = 0; k < n; k++) {
      a[c + k * n] /= pv;
      inv[c + k * n] /= pv;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r + c * n];
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        a[r + k * n] -= f * a[c + k * n];
        inv[r + k * n] -= f * inv[c + k * n];
      }
    }
  }
  return inv;
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
