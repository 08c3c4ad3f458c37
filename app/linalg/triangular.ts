/**
 * Triangular kernels on flat column-major Float64Array matrices with an explicit leading
 * dimension and offset, for the blocked Cholesky factor of the mixed-model system.
 * Standard substitution algorithms (Golub & Van Loan, Matrix Computations, §3.1).
 */

/** Solve L·x = b in place (x overwrites b); L is n × n lower triangular at `off` with leading dimension ld. */
export function forwardSolveLower(l: Float64Array, n: number, ld: number, off: number, x: Float64Array, xOff = 0): void {
  for (let j = 0; j < n; j++) {
    const cj = off + j * ld;
    const v = (x[xOff + j] /= l[cj + j]);
    for (let i = j + 1; i < n; i++) x[xOff + i] -= l[cj + i] * v;
  }
}

/** Solve Lᵀ·x = b in place; L is n × n lower triangular at `off` with leading dimension ld. */
export function backSolveLowerTransposed(
  l: Float64Array,
  n: number,
  ld: number,
  off: number,
  x: Float64Array,
  xOff = 0,
): void {
  for (let j = n - 1; j >= 0; j--) {
    const cj = off + j * ld;
    let s = x[xOff + j];
    for (let i = j + 1; i < n; i++) s -= l[cj + i] * x[xOff + i];
    x[xOff + j] = s / l[cj + j];
  }
}

/**
 * Right-solve P ← P·L⁻ᵀ for a rows × k panel P (column-major, leading dimension ldp, at pOff)
 * and a k × k lower-triangular L (leading dimension k, at lOff). Column j of the result is
 * (P[:, j] − Σ_{c<j} result[:, c]·L[j, c]) / L[j, j].
 */
export function rightSolveLowerTransposed(
  p: Float64Array,
  rows: number,
  ldp: number,
  pOff: number,
  l: Float64Array,
  k: number,
  lOff: number,
): void {
  for (let j = 0; j < k; j++) {
    const pj = pOff + j * ldp;
    for (let c = 0; c < j; c++) {
      const f = l[lOff + j + c * k];
      if (f === 0) continue;
      const pc = pOff + c * ldp;
      for (let r = 0; r < rows; r++) p[pj + r] -= f * p[pc + r];
    }
    const inv = 1 / l[lOff + j + j * k];
    for (let r = 0; r < rows; r++) p[pj + r] *= inv;
  }
}

/**
 * Inverse of an n × n lower-triangular L (leading dimension ld, at off) written into `out`
 * (n × n, column-major, zero above the diagonal).
 */
export function invertLower(l: Float64Array, n: number, ld: number, off: number, out: Float64Array): void {
  out.fill(0, 0, n * n);
  // Column j of L⁻¹ is zero above row j: forward-solve the trailing (n − j) system only.
  for (let j = 0; j < n; j++) {
    out[j + j * n] = 1;
    forwardSolveLower(l, n - j, ld, off + j + j * ld, out, j + j * n);
  }
}

/**
 * Small dense Cholesky of a k × k block at `off` (leading dimension k), lower triangle in place.
 * Returns false when a pivot is not positive.
 */
export function smallCholesky(a: Float64Array, k: number, off: number): boolean {
  if (k === 1) {
    const d = a[off];
    if (!(d > 0)) return false;
    a[off] = Math.sqrt(d);
    return true;
  }
  for (let j = 0; j < k; j++) {
    const cj = off + j * k;
    let d = a[cj + j];
    for (let c = 0; c < j; c++) {
      const v = a[off + j + c * k];
      d -= v * v;
    }
    if (!(d > 0)) return false;
    d = Math.sqrt(d);
    a[cj + j] = d;
    for (let i = j + 1; i < k; i++) {
      let s = a[cj + i];
      for (let c = 0; c < j; c++) s -= a[off + i + c * k] * a[off + j + c * k];
      a[cj + i] = s / d;
    }
  }
  return true;
}
