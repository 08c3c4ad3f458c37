/**
 * Pseudo-inverse of a symmetric matrix through its eigen-decomposition:
 * A⁺ = Σ_{λₖ kept} vₖvₖᵀ/λₖ.
 *
 * The default rule is lmerTest's (as_lmerModLT): keep eigenvalues λ > tol with tol = 1e-8
 * absolute, dropping negative and near-zero ones; Cov(varpar) = 2·H⁺. With
 * `keep: "nonzero"` and `relative: true` it is MASS::ginv's rule for a symmetric matrix
 * (|λ| > tol·max|λ|, tol = √ε).
 */
import type { DenseMatrix } from "./richardson";
import { symmetricEigen, type SymmetricEigen } from "./symmetric-eigen";

export interface PseudoInverseOptions {
  /** Threshold on eigenvalues; default 1e-8 (lmerTest). */
  readonly tol?: number;
  /** Compare with tol·max|λ| instead of tol. Default false. */
  readonly relative?: boolean;
  /** "positive" keeps λ > threshold (lmerTest); "nonzero" keeps |λ| > threshold (ginv). */
  readonly keep?: "positive" | "nonzero";
}

export interface PseudoInverse {
  readonly inverse: DenseMatrix;
  /** Number of eigenvalues kept. */
  readonly rank: number;
  readonly eigen: SymmetricEigen;
}

export function pseudoInverseSymmetric(matrix: DenseMatrix, options: PseudoInverseOptions = {}): PseudoInverse {
  const n = matrix.rows;
  const eigen = symmetricEigen(matrix);
  const { values, vectors } = eigen;
  let threshold = options.tol ?? 1e-8;
  if (options.relative) threshold *= values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const keepNonzero = options.keep === "nonzero";
  const data = new Float64Array(n * n);
  let rank = 0;
  for (let k = 0; k < n; ++k) {
    const lambda = values[k];
    if (!(keepNonzero ? Math.abs(lambda) > threshold : lambda > threshold)) continue;
    ++rank;
    for (let j = 0; j < n; ++j) {
      const vj = vectors.data[j + k * n] / lambda;
      for (let i = 0; i < n; ++i) data[i + j * n] += vectors.data[i + k * n] * vj;
    }
  }
  return { inverse: { rows: n, cols: n, data }, rank, eigen };
}
