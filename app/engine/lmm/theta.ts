/**
 * Relative covariance factor Λθ (Bates et al. 2015, JSS 67(1), §2.2): one lower-triangular
 * k × k template per random-effects term, θ listing each template's lower triangle column by
 * column (lme4's order), diagonal entries bounded below by 0, off-diagonals free.
 */

export interface ThetaLayout {
  /** Offset of each term's parameters in θ. */
  readonly offsets: readonly number[];
  readonly ks: readonly number[];
  readonly length: number;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** True where θᵢ is a diagonal entry of its template. */
  readonly isDiagonal: readonly boolean[];
}

export function thetaLayout(ks: readonly number[]): ThetaLayout {
  const offsets: number[] = [];
  const isDiagonal: boolean[] = [];
  let len = 0;
  for (const k of ks) {
    offsets.push(len);
    for (let c = 0; c < k; c++) for (let r = c; r < k; r++) isDiagonal.push(r === c);
    len += (k * (k + 1)) / 2;
  }
  const lower = Float64Array.from(isDiagonal, (d) => (d ? 0 : -Infinity));
  const upper = new Float64Array(len).fill(Infinity);
  return { offsets, ks, length: len, lower, upper, isDiagonal };
}

/** lme4's start: 1 on the diagonals, 0 off them. */
export function thetaStart(layout: ThetaLayout): Float64Array {
  return Float64Array.from(layout.isDiagonal, (d) => (d ? 1 : 0));
}

/** Write term `t`'s template Λₜ (k × k, column-major, zero above the diagonal) into `out`. */
export function fillLambda(theta: ArrayLike<number>, layout: ThetaLayout, t: number, out: Float64Array): void {
  const k = layout.ks[t];
  let pos = layout.offsets[t];
  out.fill(0, 0, k * k);
  for (let c = 0; c < k; c++) for (let r = c; r < k; r++) out[r + c * k] = theta[pos++];
}
