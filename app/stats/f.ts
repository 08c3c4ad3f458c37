/** F distribution (R's pf) via the regularized incomplete beta. */
import { pchisq } from "./chisq";
import { pbeta } from "./incomplete";

/** P(X ≤ x) for X ~ F(df1, df2) (or P(X > x) if lowerTail is false); real df allowed. */
export function pf(x: number, df1: number, df2: number, lowerTail = true): number {
  if (Number.isNaN(x) || Number.isNaN(df1) || Number.isNaN(df2) || df1 <= 0 || df2 <= 0) return NaN;
  if (x <= 0) return lowerTail ? 0 : 1;
  if (!Number.isFinite(x)) return lowerTail ? 1 : 0;
  if (!Number.isFinite(df2)) {
    if (!Number.isFinite(df1)) return x < 1 ? (lowerTail ? 0 : 1) : x === 1 ? 0.5 : lowerTail ? 1 : 0;
    return pchisq(x * df1, df1, lowerTail);
  }
  if (!Number.isFinite(df1)) return pchisq(df2 / x, df2, !lowerTail);
  // Put the smaller argument into pbeta, as R does.
  if (df1 * x > df2) return pbeta(df2 / (df2 + df1 * x), df2 / 2, df1 / 2, !lowerTail);
  return pbeta((df1 * x) / (df2 + df1 * x), df1 / 2, df2 / 2, lowerTail);
}
