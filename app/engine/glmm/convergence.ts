/**
 * lme4's post-fit checks of a glmer fit (lme4 1.1-31 checkConv and checkHess) on the gradient
 * and Hessian of the deviance in (θ, β) from deriv12 (central differences, step 1e-4): singular
 * fits skip the rest; otherwise max(min(|chol(H)⁻ᵀ…g|, |g|)) > 0.002 is a convergence failure;
 * the β block and the whole Hessian must have no negative or zero eigenvalues, and a very large
 * eigenvalue or eigenvalue ratio means the model is nearly unidentifiable (rescale variables).
 * Messages are in plain words; each says what lme4 would have warned.
 */
import { cholSolve } from "../../linalg";
import { largestScaledGradient } from "../lmm/convergence";
import { symmetricEigen } from "../../numderiv";

const GRAD_TOL = 0.002;
const HESS_TOL = 1e-6;

export interface GlmmConvergence {
  readonly ok: boolean;
  readonly warnings: string[];
}

export function checkGlmmConvergence(gradient: Float64Array, hessian: Float64Array, ntheta: number, singular: boolean): GlmmConvergence {
  const warnings: string[] = [];
  if (singular) return { ok: true, warnings };
  const n = gradient.length;
  let ok = true;
  if (gradient.some((g) => !Number.isFinite(g))) {
    return { ok: false, warnings: ["The convergence check failed: the gradient of the deviance could not be evaluated."] };
  }
  const worst = largestScaledGradient(hessian, gradient);
  if (worst === null) {
    warnings.push("The convergence check could not scale the gradient (the Hessian of the deviance is not positive definite).");
    ok = false;
  } else {
    if (worst > GRAD_TOL) {
      warnings.push(
        `The model may not have converged: the largest scaled gradient is ${worst.toPrecision(3)} (lme4's tolerance ${GRAD_TOL}). Estimates may be inaccurate; rescaling numeric predictors (centring, dividing by their SD) usually helps.`,
      );
      ok = false;
    }
  }
  const p = n - ntheta;
  if (p > 0) {
    const hb = new Float64Array(p * p);
    for (let j = 0; j < p; j++) for (let i = 0; i < p; i++) hb[i + j * p] = hessian[ntheta + i + (ntheta + j) * n];
    const w = hessianWarning(hb, p, "fixed-effect ");
    if (w) {
      warnings.push(w.message);
      ok = ok && !w.failure;
    }
  }
  const w = hessianWarning(hessian, n, "");
  if (w) {
    warnings.push(w.message);
    ok = ok && !w.failure;
  }
  return { ok, warnings };
}

function hessianWarning(H: Float64Array, n: number, what: string): { message: string; failure: boolean } | null {
  const ev = Array.from(symmetricEigen({ rows: n, cols: n, data: H }).values);
  if (ev.some((e) => !Number.isFinite(e))) return { message: `The ${what}Hessian could not be checked (infinite or missing values).`, failure: true };
  const negative = ev.filter((e) => e < -HESS_TOL).length;
  if (negative > 0) {
    return {
      message: `The model failed to converge: the ${what}Hessian of the deviance has ${negative} negative eigenvalue${negative > 1 ? "s" : ""}.`,
      failure: true,
    };
  }
  if (ev.some((e) => Math.abs(e) < HESS_TOL) || !cholSolve(H, new Float64Array(n), n)) {
    return { message: `The ${what}Hessian is numerically singular: the parameters are not uniquely determined.`, failure: true };
  }
  const max = Math.max(...ev);
  const min = Math.min(...ev);
  if (max * HESS_TOL > 1 || min / max < HESS_TOL) {
    return {
      message: `The model is nearly unidentifiable (${max * HESS_TOL > 1 ? "very large eigenvalue" : "large eigenvalue ratio"} of the ${what}Hessian): rescale numeric predictors, e.g. centre them and divide by their SD.`,
      failure: false,
    };
  }
  return null;
}
