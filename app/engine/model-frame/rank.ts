/**
 * Columns of the fixed-effects design that are linear combinations of earlier columns, found as
 * lme4 finds them (chkRank.drop.cols: qr(X, tol = 1e-7), LINPACK dqrdc2 with limited pivoting):
 * going left to right, a column whose part orthogonal to the kept columns has norm below
 * tol × its own norm is moved out. We compute that orthogonal part by Gram–Schmidt against the
 * kept columns, orthogonalising twice ("twice is enough", Giraud et al. 2005) for accuracy.
 */
export const RANK_TOLERANCE = 1e-7;

/** Indices of the columns to drop, ascending. */
export function rankDeficientColumns(columns: readonly Float64Array[], tolerance = RANK_TOLERANCE): number[] {
  const basis: Float64Array[] = [];
  const dropped: number[] = [];
  columns.forEach((column, j) => {
    const norm = Math.sqrt(dot(column, column));
    const residual = Float64Array.from(column);
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        const c = dot(q, residual);
        for (let i = 0; i < residual.length; i++) residual[i] -= c * q[i];
      }
    }
    const residualNorm = Math.sqrt(dot(residual, residual));
    if (norm === 0 || residualNorm < tolerance * norm) {
      dropped.push(j);
      return;
    }
    for (let i = 0; i < residual.length; i++) residual[i] /= residualNorm;
    basis.push(residual);
  });
  return dropped;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
