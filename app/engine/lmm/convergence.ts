/**
 * lme4's post-fit convergence check (lme4:::deriv12 and lme4:::checkConv, lme4 1.1-31):
 * central finite-difference gradient and Hessian of the objective at θ̂ (step 1e-4); singular
 * fits skip the gradient test; otherwise warn when max(min(|H⁻¹ᐟ² g|, |g|)) > 0.002, and
 * about a degenerate or near-singular Hessian.
 */
import { cholSolve } from "../../linalg";
import { symmetricEigen } from "../../numderiv";

export interface ConvergenceCheck {
  readonly gradient: Float64Array;
  readonly hessian: Float64Array | null;
  readonly warnings: readonly string[];
  readonly ok: boolean;
}

const DELTA = 1e-4;
const GRAD_TOL = 0.002;
const HESS_TOL = 1e-6;

/** lme4's deriv12: gradient always; Hessian when `withHessian`. */
export function finiteDerivatives(f: (x: Float64Array) => number, x: Float64Array, fx: number, withHessian: boolean) {
  const n = x.length;
  const g = new Float64Array(n);
  const H = withHessian ? new Float64Array(n * n) : null;
  const at = (mod: (y: Float64Array) => void) => {
    const y = Float64Array.from(x);
    mod(y);
    return f(y);
  };
  for (let j = 0; j < n; j++) {
    const fadd = at((y) => (y[j] += DELTA));
    const fsub = at((y) => (y[j] -= DELTA));
    g[j] = (fadd - fsub) / (2 * DELTA);
    if (!H) continue;
    H[j + j * n] = (fadd - 2 * fx + fsub) / (DELTA * DELTA);
    for (let i = 0; i < j; i++) {
      const faa = at((y) => ((y[j] += DELTA), (y[i] += DELTA)));
      const fas = at((y) => ((y[j] += DELTA), (y[i] -= DELTA)));
      const fsa = at((y) => ((y[j] -= DELTA), (y[i] += DELTA)));
      const fss = at((y) => ((y[j] -= DELTA), (y[i] -= DELTA)));
      const h = (faa - fas - fsa + fss) / (4 * DELTA * DELTA);
      H[i + j * n] = h;
      H[j + i * n] = h;
    }
  }
  return { gradient: g, hessian: H };
}

/**
 * The check itself. The Hessian (n² evaluations) is computed only when the plain gradient
 * fails the test or when `cheap`: min(|scaled g|, |g|) ≤ |g|, so a small |g| already passes.
 */
export function checkConvergence(
  f: (x: Float64Array) => number,
  x: Float64Array,
  fx: number,
  singular: boolean,
  cheap: boolean,
): ConvergenceCheck {
  if (singular) return { gradient: new Float64Array(x.length), hessian: null, warnings: [], ok: true };
  let { gradient, hessian } = finiteDerivatives(f, x, fx, cheap);
  const n = x.length;
  const maxAbs = gradient.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
  if (!hessian && maxAbs > GRAD_TOL) hessian = finiteDerivatives(f, x, fx, true).hessian;
  const warnings: string[] = [];
  let ok = true;
  if (gradient.some((v) => !Number.isFinite(v))) {
    return { gradient, hessian, warnings: ["The convergence check failed: the gradient could not be evaluated."], ok: false };
  }
  if (hessian) {
    const worst = largestScaledGradient(hessian, gradient);
    if (worst === null) {
      warnings.push("The convergence check could not evaluate the scaled gradient (the Hessian is not positive definite).");
      ok = false;
    } else {
      if (worst > GRAD_TOL) {
        warnings.push(`The model may not have converged: the largest gradient is ${worst.toPrecision(3)} (tolerance ${GRAD_TOL}).`);
        ok = false;
      }
    }
    const ev = Array.from(symmetricEigen({ rows: n, cols: n, data: hessian }).values);
    const negative = ev.filter((e) => e < -HESS_TOL).length;
    if (negative > 0) {
      warnings.push(`The model failed to converge: the Hessian has ${negative} negative eigenvalue${negative > 1 ? "s" : ""}.`);
      ok = false;
    } else if (ev.some((e) => Math.abs(e) < HESS_TOL)) {
      warnings.push("The Hessian is numerically singular: the variance parameters are not uniquely determined.");
      ok = false;
    }
  }
  return { gradient, hessian, warnings, ok };
}

/**
 * lme4's checkConv statistic max(min(|solve(chol(H), g)|, |g|)), compared with 0.002 by the
 * LMM and GLMM checks. Null when H is not positive definite, so the gradient cannot be scaled.
 */
export function largestScaledGradient(H: Float64Array, g: Float64Array): number | null {
  const n = g.length;
  const scaled = cholSolve(H, g, n);
  if (!scaled) return null;
  let worst = 0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.min(Math.abs(scaled[i]), Math.abs(g[i])));
  return worst;
}
