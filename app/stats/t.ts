/**
 * Student t distribution as R's pt/qt: the tail from the incomplete beta,
 * P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, ½), with R's asymptotic form when 1 + t²/ν overflows. qt inverts pt (see invert.ts).
 */
import { lbeta, lgamma } from "./gamma";
import { invertTail } from "./invert";
import { pbeta } from "./incomplete";
import { pnorm, qnorm } from "./normal";

/** P(T ≤ t) for T ~ t(df), df > 0 real (or P(T > t) if lowerTail is false). */
export function pt(t: number, df: number, lowerTail = true): number {
  if (Number.isNaN(t) || Number.isNaN(df) || df <= 0) return NaN;
  if (!Number.isFinite(t)) return t < 0 === lowerTail ? 0 : 1;
  if (!Number.isFinite(df)) return pnorm(t, lowerTail);
  const nx = 1 + (t / df) * t;
  let val: number; // P(|T| > |t|)
  if (nx > 1e100) {
    const lval = -0.5 * df * (2 * Math.log(Math.abs(t)) - Math.log(df)) - lbeta(0.5 * df, 0.5) - Math.log(0.5 * df);
    val = Math.exp(lval);
  } else {
    val = df > t * t ? pbeta((t * t) / (df + t * t), 0.5, df / 2, false) : pbeta(1 / nx, df / 2, 0.5, true);
  }
  const lower = t <= 0 ? !lowerTail : lowerTail;
  val /= 2;
  return lower ? 0.5 - val + 0.5 : val;
}

/** Density of t(df). */
export function dt(t: number, df: number): number {
  const logd = lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logd);
}

/** Quantile of t(df): the t with P(T ≤ t) = p (or P(T > t) = p if lowerTail is false). */
export function qt(p: number, df: number, lowerTail = true): number {
  if (Number.isNaN(p) || Number.isNaN(df) || p < 0 || p > 1 || df <= 0) return NaN;
  const pLower = lowerTail ? p : 0.5 - p + 0.5;
  if (p === 0) return lowerTail ? -Infinity : Infinity;
  if (p === 1) return lowerTail ? Infinity : -Infinity;
  if (pLower === 0.5) return 0;
  if (!Number.isFinite(df)) return qnorm(p, lowerTail);
  // Solve in the tail that is smaller, where p itself is exact: P(T > |q|) = pSmall.
  const upperSide = lowerTail ? p > 0.5 : p < 0.5; // the quantile is positive
  const pSmall = lowerTail ? (upperSide ? 0.5 - p + 0.5 : p) : upperSide ? p : 0.5 - p + 0.5;
  const z = -qnorm(pSmall);
  const x0 = df > 2 ? z * Math.sqrt(df / (df - 2)) : Math.max(z, 1);
  const q = invertTail(
    { tail: (x) => pt(x, df, false), slope: (x) => -dt(x, df), min: 0, max: Infinity },
    pSmall,
    x0,
  );
  return upperSide ? q : -q;
}
