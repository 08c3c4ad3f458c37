/**
 * Eigen-decomposition of a small dense symmetric matrix by the cyclic Jacobi method with
 * threshold (Rutishauser 1966; Golub & Van Loan, Matrix Computations §8.5), which is accurate
 * to high relative precision for the small matrices of variance parameters (Satterthwaite).
 * Values are sorted in decreasing order, like R's eigen(symmetric = TRUE).
 */
import type { DenseMatrix } from "./richardson";

export interface SymmetricEigen {
  /** Eigenvalues, decreasing. */
  readonly values: Float64Array;
  /** Eigenvectors as columns (column-major n×n), vectors.data[i + k·n] is component i of vector k. */
  readonly vectors: DenseMatrix;
}

export function symmetricEigen(matrix: DenseMatrix): SymmetricEigen {
  const n = matrix.rows;
  if (matrix.cols !== n) throw new RangeError("symmetricEigen needs a square matrix");
  const a = new Float64Array(n * n);
  // Symmetrize from both triangles (guards against tiny asymmetry in numerical Hessians).
  for (let j = 0; j < n; ++j) for (let i = 0; i < n; ++i) a[i + j * n] = 0.5 * (matrix.data[i + j * n] + matrix.data[j + i * n]);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; ++i) v[i + i * n] = 1;

  for (let sweep = 0; sweep < 100; ++sweep) {
    let off = 0;
    let diag = 0;
    for (let j = 0; j < n; ++j) {
      diag += a[j + j * n] * a[j + j * n];
      for (let i = 0; i < j; ++i) off += a[i + j * n] * a[i + j * n];
    }
    if (off === 0 || off <= 1e-34 * diag) break;
    for (let p = 0; p < n - 1; ++p) {
      for (let q = p + 1; q < n; ++q) {
        const apq = a[p + q * n];
        if (apq === 0) continue;
        const app = a[p + p * n];
        const aqq = a[q + q * n];
        // Skip rotations that cannot change the diagonal in floating point.
        if (sweep > 3 && Math.abs(apq) * 1e18 < Math.abs(app) && Math.abs(apq) * 1e18 < Math.abs(aqq)) {
          a[p + q * n] = 0;
          a[q + p * n] = 0;
          continue;
        }
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; ++k) {
          const akp = a[k + p * n];
          const akq = a[k + q * n];
          a[k + p * n] = c * akp - s * akq;
          a[k + q * n] = s * akp + c * akq;
        }
        for (let k = 0; k < n; ++k) {
          const apk = a[p + k * n];
          const aqk = a[q + k * n];
          a[p + k * n] = c * apk - s * aqk;
          a[q + k * n] = s * apk + c * aqk;
        }
        a[p + q * n] = 0;
        a[q + p * n] = 0;
        for (let k = 0; k < n; ++k) {
          const vkp = v[k + p * n];
          const vkq = v[k + q * n];
          v[k + p * n] = c * vkp - s * vkq;
          v[k + q * n] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j + j * n] - a[i + i * n]);
  const values = Float64Array.from(order, (i) => a[i + i * n]);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    for (let i = 0; i < n; ++i) vectors[i + dst * n] = v[i + src * n];
  });
  return { values, vectors: { rows: n, cols: n, data: vectors } };
}
