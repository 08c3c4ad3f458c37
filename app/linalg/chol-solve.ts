/**
 * lme4's solve(chol(H), g) for a small dense symmetric matrix: factor H = RᵀR (R upper
 * triangular, column-major n×n input) by the unblocked Cholesky–Banachiewicz loop, then solve
 * R x = g by back substitution. lme4's checkConv uses it to scale the gradient of the objective
 * by the curvature; a null result (H not positive definite) is itself a finding there.
 */
export function cholSolve(H: Float64Array, g: Float64Array, n: number): Float64Array | null {
  const L = Float64Array.from(H);
  for (let j = 0; j < n; j++) {
    let d = L[j + j * n];
    for (let c = 0; c < j; c++) d -= L[j + c * n] ** 2;
    if (!(d > 0)) return null;
    d = Math.sqrt(d);
    L[j + j * n] = d;
    for (let i = j + 1; i < n; i++) {
      let s = L[i + j * n];
      for (let c = 0; c < j; c++) s -= L[i + c * n] * L[j + c * n];
      L[i + j * n] = s / d;
    }
  }
  // R = Lᵀ (upper); solve R x = g by back substitution.
  const x = Float64Array.from(g);
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let c = i + 1; c < n; c++) s -= L[c + i * n] * x[c];
    x[i] = s / L[i + i * n];
  }
  return x;
}
