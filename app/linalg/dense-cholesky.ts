/**
 * In-place Cholesky factorisation A = L·Lᵀ of a dense symmetric positive-definite matrix,
 * flat column-major Float64Array, lower triangle referenced and overwritten by L (the strict
 * upper triangle is left untouched).
 *
 * Algorithm: blocked right-looking Cholesky (Golub & Van Loan, Matrix Computations, 4th ed.,
 * Alg. 4.2.2; LAPACK dpotrf): factor a diagonal block, solve the panel below it, update the
 * trailing matrix with the panel's outer product. The trailing update (a SYRK) is the hot loop:
 * the panel is packed row-major so that every update entry is a contiguous dot product, and
 * the update runs on 2×2 tiles so each loaded value serves two multiply-adds.
 *
 * Returns 0 on success, or j + 1 where the j-th pivot (0-based) was not positive (LAPACK's
 * INFO convention), leaving the matrix partly overwritten.
 */

/** Block size of the right-looking factorisation (panel width). */
const NB = 64;

/** Workspace large enough for `choleskyInPlace` on an n × n matrix. */
export function choleskyWorkspace(n: number): Float64Array {
  return new Float64Array(Math.max(1, n * NB + NB * NB));
}

/**
 * Unblocked left-looking Cholesky of the nb × nb block at (off, off) of a column-major matrix
 * with leading dimension ld. Used for diagonal blocks and small matrices.
 */
export function choleskyUnblocked(a: Float64Array, n: number, ld: number, off = 0): number {
  for (let j = 0; j < n; j++) {
    const cj = off + (off + j) * ld;
    let d = a[cj + j];
    for (let c = 0; c < j; c++) {
      const v = a[off + j + (off + c) * ld];
      d -= v * v;
    }
    if (!(d > 0)) return j + 1;
    d = Math.sqrt(d);
    a[cj + j] = d;
    const inv = 1 / d;
    for (let i = j + 1; i < n; i++) {
      let s = a[cj + i];
      for (let c = 0; c < j; c++) {
        const cc = off + (off + c) * ld;
        s -= a[cc + i] * a[cc + j];
      }
      a[cj + i] = s * inv;
    }
  }
  return 0;
}

/**
 * Blocked Cholesky of the n × n matrix stored column-major with leading dimension ld.
 * `work` must come from `choleskyWorkspace(n)` (or be at least that long); nothing is allocated.
 */
export function choleskyInPlace(a: Float64Array, n: number, ld: number = n, work?: Float64Array): number {
  if (n <= NB) return choleskyUnblocked(a, n, ld, 0);
  const w = work ?? choleskyWorkspace(n);
  const packed = w; // rows of the panel, row-major: packed[r * kb + c]
  const diag = w.subarray(n * NB); // the factored diagonal block, row-major
  for (let k0 = 0; k0 < n; k0 += NB) {
    const kb = Math.min(NB, n - k0);
    const info = choleskyUnblocked(a, kb, ld, k0);
    if (info !== 0) return k0 + info;
    const m = n - k0 - kb;
    if (m === 0) break;
    // Diagonal block row-major, for the row-wise triangular solve below.
    for (let r = 0; r < kb; r++) {
      for (let c = 0; c <= r; c++) diag[r * kb + c] = a[k0 + r + (k0 + c) * ld];
    }
    // Panel rows: solve x · L11ᵀ = b for each row b of A21, store row-major and back in A.
    for (let r = 0; r < m; r++) {
      const row = k0 + kb + r;
      const pr = r * kb;
      for (let c = 0; c < kb; c++) {
        let s = a[row + (k0 + c) * ld];
        const dc = c * kb;
        for (let t = 0; t < c; t++) s -= packed[pr + t] * diag[dc + t];
        packed[pr + c] = s / diag[dc + c];
      }
      for (let c = 0; c < kb; c++) a[row + (k0 + c) * ld] = packed[pr + c];
    }
    syrkLowerPacked(a, ld, k0 + kb, m, packed, kb);
  }
  return 0;
}

/**
 * Trailing update A22 ← A22 − P·Pᵀ on the lower triangle of the m × m block at (s, s),
 * where P (m × kb) is packed row-major. Tiles of 2 columns × 2 rows.
 */
function syrkLowerPacked(a: Float64Array, ld: number, s: number, m: number, p: Float64Array, kb: number): void {
  let j = 0;
  for (; j + 1 < m; j += 2) {
    const pj0 = j * kb;
    const pj1 = pj0 + kb;
    const col0 = s + (s + j) * ld;
    const col1 = col0 + ld;
    // Top 2×2 triangle of the tile column.
    let s00 = 0, s10 = 0, s11 = 0;
    for (let c = 0; c < kb; c++) {
      const x0 = p[pj0 + c], x1 = p[pj1 + c];
      s00 += x0 * x0;
      s10 += x1 * x0;
      s11 += x1 * x1;
    }
    a[col0 + j] -= s00;
    a[col0 + j + 1] -= s10;
    a[col1 + j + 1] -= s11;
    let i = j + 2;
    for (; i + 1 < m; i += 2) {
      const pi0 = i * kb;
      const pi1 = pi0 + kb;
      let t00 = 0, t10 = 0, t01 = 0, t11 = 0;
      for (let c = 0; c < kb; c++) {
        const y0 = p[pj0 + c], y1 = p[pj1 + c];
        const x0 = p[pi0 + c], x1 = p[pi1 + c];
        t00 += x0 * y0;
        t10 += x1 * y0;
        t01 += x0 * y1;
        t11 += x1 * y1;
      }
      a[col0 + i] -= t00;
      a[col0 + i + 1] -= t10;
      a[col1 + i] -= t01;
      a[col1 + i + 1] -= t11;
    }
    if (i < m) {
      const pi0 = i * kb;
      let t00 = 0, t01 = 0;
      for (let c = 0; c < kb; c++) {
        const x0 = p[pi0 + c];
        t00 += x0 * p[pj0 + c];
        t01 += x0 * p[pj1 + c];
      }
      a[col0 + i] -= t00;
      a[col1 + i] -= t01;
    }
  }
  if (j < m) {
    const pj = j * kb;
    let t = 0;
    for (let c = 0; c < kb; c++) t += p[pj + c] * p[pj + c];
    a[s + j + (s + j) * ld] -= t;
  }
}
