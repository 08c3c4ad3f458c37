/**
 * The spline steps of lme4's confint.thpr, following R's splines package (src/library/splines/R/
 * splineClasses.R: interpSpline.default, backSpline.npolySpline, predict.polySpline):
 *
 * - interpSpline(y ~ x) with ord = 4 is the natural cubic interpolating spline (second
 *   derivative 0 at both ends, knots at the data). backSpline only needs its values and first
 *   derivatives at the knots, so we solve the usual tridiagonal system for the knot second
 *   derivatives instead of R's B-spline collocation; both give the same spline.
 * - backSpline builds the inverse x(y) piece by piece: a cubic Hermite interpolant on each
 *   interval with x' = 1/s'(x) at the ends, except the first and last intervals, which are
 *   quadratics (and linear where the quadratic bends the wrong way). It is not the exact inverse
 *   of the forward spline; lme4's profile intervals carry that interpolation error.
 * - predict.polySpline of the inverse is NA outside [y₁, yₙ]; intervals are (yᵢ, yᵢ₊₁] as
 *   cut() makes them, with y₁ itself in the first.
 *
 * Errors R would raise (duplicate x, fewer than 4 points, a non-monotone y, NA in the
 * arithmetic of backSpline's tests) are returned as a string so the caller can take lme4's
 * fallback path.
 */

/** A piecewise cubic: on (knots[i], knots[i+1]], c0 + c1·d + c2·d² + c3·d³ with d = v − knots[i]. */
export interface PolySpline {
  readonly knots: Float64Array;
  readonly coef: readonly [Float64Array, Float64Array, Float64Array, Float64Array];
}

export type SplineOutcome = { ok: true; spline: PolySpline } | { ok: false; reason: string };

/**
 * interpSpline(y ~ x): the natural cubic spline through the points, as its values and first
 * derivatives at the sorted knots (all backSpline uses). x must be sorted increasingly.
 */
export function naturalSplineSlopes(x: Float64Array, y: Float64Array): { ok: true; slope: Float64Array } | { ok: false; reason: string } {
  const n = x.length;
  if (n < 4) return { ok: false, reason: "must have at least 'ord'=4 points" };
  for (let i = 1; i < n; i++) if (!(x[i] > x[i - 1])) return { ok: false, reason: "values of 'x' must be distinct" };
  const h = new Float64Array(n - 1);
  const sec = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    h[i] = x[i + 1] - x[i];
    sec[i] = (y[i + 1] - y[i]) / h[i];
  }
  // Second derivatives m[1..n-2] (m[0] = m[n-1] = 0): tridiagonal, diagonally dominant (Thomas).
  const m = new Float64Array(n);
  const diag = new Float64Array(n);
  const rhs = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    diag[i] = 2 * (h[i - 1] + h[i]);
    rhs[i] = 6 * (sec[i] - sec[i - 1]);
  }
  for (let i = 2; i < n - 1; i++) {
    const w = h[i - 1] / diag[i - 1];
    diag[i] -= w * h[i - 1];
    rhs[i] -= w * rhs[i - 1];
  }
  for (let i = n - 2; i >= 1; i--) m[i] = (rhs[i] - (i + 1 < n - 1 ? h[i] * m[i + 1] : 0)) / diag[i];
  const slope = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) slope[i] = sec[i] - (h[i] * (2 * m[i] + m[i + 1])) / 6;
  slope[n - 1] = sec[n - 2] + (h[n - 2] * (m[n - 2] + 2 * m[n - 1])) / 6;
  return { ok: true, slope };
}

/**
 * backSpline(interpSpline(y ~ x)): the inverse spline x(y), built from the knots (x, y) and the
 * forward spline's slopes there. y must be strictly monotone (lme4's ζ increases).
 */
export function backSpline(x: Float64Array, y: Float64Array, slope: Float64Array): SplineOutcome {
  const nk = x.length;
  const nkm1 = nk - 1;
  const kdiff = new Float64Array(nkm1);
  const adiff = new Float64Array(nkm1);
  let allNeg = true;
  let allPos = true;
  for (let i = 0; i < nkm1; i++) {
    kdiff[i] = x[i + 1] - x[i];
    if (!(kdiff[i] > 0)) return { ok: false, reason: "knot positions must be strictly increasing" };
    adiff[i] = y[i + 1] - y[i];
    if (!(adiff[i] < 0)) allNeg = false;
    if (!(adiff[i] > 0)) allPos = false;
  }
  if (!allPos && !allNeg) return { ok: false, reason: "spline must be monotone" };
  const b1 = Float64Array.from(x);
  const b2 = Float64Array.from(slope, (s) => 1 / s);
  const b3 = new Float64Array(nk);
  const b4 = new Float64Array(nk);
  // Cubic Hermite on each interval: value and slope 1/s' at both ends.
  for (let i = 0; i < nkm1; i++) {
    const a = adiff[i];
    const r1 = kdiff[i] - a * b2[i];
    const r2 = b2[i + 1] - b2[i];
    // [[a², a³], [2a, 3a²]] [b3, b4] = [r1, r2]
    b3[i] = (3 * r1 - a * r2) / (a * a);
    b4[i] = (a * r2 - 2 * r1) / (a * a * a);
  }
  b2[nk - 1] = NaN;
  b3[nk - 1] = NaN;
  b4[nk - 1] = NaN;
  if (nk > 2) {
    b4[0] = 0;
    b4[nkm1 - 1] = 0;
    // First interval: quadratic through both ends with the slope of the second knot at its right end.
    const a = adiff[0];
    const s2 = 1 / slope[1];
    // [[a, a²], [1, 2a]] [b2, b3] = [kdiff₁, s2]
    b2[0] = (2 * kdiff[0] - a * s2) / a;
    b3[0] = (a * s2 - kdiff[0]) / (a * a);
    const al = adiff[nkm1 - 1];
    b3[nkm1 - 1] = (kdiff[nkm1 - 1] - al * b2[nkm1 - 1]) / (al * al);
  }
  if (Number.isNaN(b3[0]) || Number.isNaN(b3[nkm1 - 1])) return { ok: false, reason: "missing value where TRUE/FALSE needed" };
  if (b3[0] > 0) {
    b3[0] = 0;
    b2[0] = kdiff[0] / adiff[0];
  }
  if (b3[nkm1 - 1] < 0) {
    b3[nkm1 - 1] = 0;
    b2[nkm1 - 1] = kdiff[nkm1 - 1] / adiff[nkm1 - 1];
  }
  if (allNeg) {
    // R reverses the rows so the knots increase (not reached for a profile, where ζ increases).
    const rev = (v: Float64Array) => Float64Array.from(v).reverse();
    return { ok: true, spline: { knots: rev(y), coef: [rev(b1), rev(b2), rev(b3), rev(b4)] } };
  }
  return { ok: true, spline: { knots: Float64Array.from(y), coef: [b1, b2, b3, b4] } };
}

/** predict.polySpline at v: NaN outside [knots₁, knotsₙ]. */
export function evalPolySpline(sp: PolySpline, v: number): number {
  const k = sp.knots;
  const n = k.length;
  if (!(v >= k[0] && v <= k[n - 1])) return NaN;
  let i = 0;
  if (v > k[0]) {
    // cut(): the interval (k[i], k[i+1]] holding v.
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (v > k[mid]) lo = mid;
      else hi = mid;
    }
    i = lo;
  }
  const d = v - k[i];
  const [c0, c1, c2, c3] = sp.coef;
  return ((c3[i] * d + c2[i]) * d + c1[i]) * d + c0[i];
}

/**
 * R's approxfun(x, y)(v) with its defaults: pairs with NA dropped, sorted by x, ties collapsed to
 * the mean of y, linear interpolation, NaN outside the range of x (rule = 1).
 */
export function approxLinear(x: ArrayLike<number>, y: ArrayLike<number>, v: number): number {
  const pairs: [number, number][] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) pairs.push([x[i], y[i]]);
  pairs.sort((p, q) => p[0] - q[0]);
  const ux: number[] = [];
  const uy: number[] = [];
  for (let i = 0; i < pairs.length; ) {
    let j = i;
    let s = 0;
    while (j < pairs.length && pairs[j][0] === pairs[i][0]) s += pairs[j++][1];
    ux.push(pairs[i][0]);
    uy.push(s / (j - i));
    i = j;
  }
  const n = ux.length;
  if (n === 0 || !(v >= ux[0] && v <= ux[n - 1])) return NaN;
  if (n === 1) return uy[0];
  let i = 0;
  while (i < n - 2 && v > ux[i + 1]) i++;
  if (v === ux[i + 1]) return uy[i + 1];
  return uy[i] + ((uy[i + 1] - uy[i]) * (v - ux[i])) / (ux[i + 1] - ux[i]);
}
