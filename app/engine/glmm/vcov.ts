/**
 * lme4's vcov() for a glmer fit (vcov.merMod with use.hessian = TRUE, summary.merMod's default
 * whenever deriv12's Hessian H in (θ, β) exists): the β block of solve(H) + t(solve(H)) (= 2·H⁻¹),
 * used when it has no NA and all its eigenvalues are positive. Otherwise lme4 warns ("variance-
 * covariance matrix computed from finite-difference Hessian is not positive definite or contains
 * NA values: falling back to var-cov estimated from RX") and returns pp$unsc(), (R_XᵀR_X)⁻¹ at
 * the final PIRLS state (GlmmProblem.unscaledVcovAt). A singular H (solve() fails, e.g. a
 * separated fit whose deviance is flat to rounding in one β) counts as NA.
 */

/** The plain-words form of lme4's warning when vcov() falls back from the Hessian to R_X. */
export const HESSIAN_VCOV_FALLBACK_WARNING =
  "The standard errors come from the PIRLS approximation (R_X), lme4's fallback: the finite-difference Hessian of the deviance was singular, not positive definite or had missing values.";

/** lme4's calc.vcov.hess: (H⁻¹ + H⁻ᵀ) restricted to β; null when H has NA, is (computationally) singular as solve() judges it, or the result is not positive definite. */
export function hessianVcov(H: Float64Array, ntheta: number, p: number): Float64Array | null {
  const n = ntheta + p;
  for (let i = 0; i < n * n; i++) if (!Number.isFinite(H[i])) return null; // R: NA propagates through solve()
  const inv = invert(H, n);
  if (!inv) return null;
  // solve() also stops, "system is computationally singular", when LAPACK's reciprocal condition
  // number (1-norm, dgecon) is below DBL_EPSILON; here it is computed from H⁻¹ exactly.
  if (1 / (norm1(H, n) * norm1(inv, n)) < DBL_EPSILON) return null;
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

const DBL_EPSILON = 2.220446049250313e-16;

/** The 1-norm (largest absolute column sum) of an n × n column-major matrix. */
function norm1(a: Float64Array, n: number): number {
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(a[i + j * n]);
    best = Math.max(best, s);
  }
  return best;
}

/** Inverse of a general square matrix by Gauss–Jordan with partial pivoting (R's solve()); null if singular. */
function invert(H: Float64Array, n: number): Float64Array | null {
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

