/**
 * Columns of the fixed-effects design that are linear combinations of earlier columns, found as
 * lme4 finds them (chkRank.drop.cols: qr(X, tol = 1e-7), LINPACK dqrdc2 with limited pivoting):
 * going left to right, a column whose part orthogonal to the kept columns has norm below
 * tol × its own norm is moved out. We compute that orthogonal part by Gram–Schmidt against the
 * kept columns, orthogonalising a second time when the first pass cancelled much of the column
 * (Kahan–Parlett "twice is enough" criterion, Giraud et al. 2005), which keeps it accurate.
 */
export const RANK_TOLERANCE = 1e-7;

/** Indices of the columns to drop, ascending. */
export function rankDeficientColumns(columns: readonly Float64Array[], tolerance = RANK_TOLERANCE): number[] {
  const basis: Float64Array[] = [];
  const dropped: number[] = [];
  columns.forEach((column, j) => {
    const norm = Math.sqrt(dot(column, column));
    const residual = Float64Array.from(column);
    orthogonalise(residual, basis);
    let residualNorm = Math.sqrt(dot(residual, residual));
    if (residualNorm < REORTHOGONALISE * norm) {
      orthogonalise(residual, basis);
      residualNorm = Math.sqrt(dot(residual, residual));
    }
    if (norm === 0 || residualNorm < tolerance * norm) {
      dropped.push(j);
      return;
    }
    for (let i = 0; i < residual.length; i++) residual[i] /= residualNorm;
    basis.push(residual);
  });
  return dropped;
}

/** Below this fraction of the original norm, one Gram–Schmidt pass may have lost accuracy. */
const REORTHOGONALISE = Math.SQRT1_2;

function orthogonalise(v: Float64Array, basis: readonly Float64Array[]): void {
  for (const q of basis) {
    const c = dot(q, v);
    for (let i = 0; i < v.length; i++) v[i] -= c * q[i];
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
