/** Chi-squared distribution (R's pchisq/qchisq) via the regularized incomplete gamma. */
import { lgamma } from "./gamma";
import { pgamma } from "./incomplete";
import { invertTail } from "./invert";
import { qnorm } from "./normal";

/** P(X ≤ x) for X ~ χ²(df) (or P(X > x) if lowerTail is false). */
export function pchisq(x: number, df: number, lowerTail = true): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df < 0) return NaN;
  return pgamma(x / 2, df / 2, lowerTail);
}

/** Density of χ²(df). */
export function dchisq(x: number, df: number): number {
  if (x < 0) return 0;
  const k = df / 2;
  if (x === 0) return k < 1 ? Infinity : k === 1 ? 0.5 : 0;
  return Math.exp((k - 1) * Math.log(x) - x / 2 - k * Math.LN2 - lgamma(k));
}

/** Quantile of χ²(df): the x with P(X ≤ x) = p (or P(X > x) = p if lowerTail is false). */
export function qchisq(p: number, df: number, lowerTail = true): number {
  if (Number.isNaN(p) || Number.isNaN(df) || p < 0 || p > 1 || df < 0) return NaN;
  if (p === 0) return lowerTail ? 0 : Infinity;
  if (p === 1) return lowerTail ? Infinity : 0;
  if (df === 0) return 0;
  // Wilson–Hilferty start; then solve in the tail that was given.
  const z = qnorm(p, lowerTail);
  const c = 2 / (9 * df);
  const wh = df * Math.pow(Math.max(1 - c + z * Math.sqrt(c), 0.01), 3);
  const x0 = Number.isFinite(wh) && wh > 0 ? wh : df;
  return invertTail(
    lowerTail
      ? { tail: (x) => pchisq(x, df, true), slope: (x) => dchisq(x, df), min: 0, max: Infinity }
      : { tail: (x) => pchisq(x, df, false), slope: (x) => -dchisq(x, df), min: 0, max: Infinity },
    p,
    x0,
  );
}
