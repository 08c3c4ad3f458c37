/**
 * Quantiles by inverting a continuous distribution function: bracket the root, then Newton
 * steps on log(tail probability) safeguarded by bisection. Working with the log of the tail
 * that was asked for keeps full relative accuracy for tiny p (e.g. qt(1e-20, df)).
 */

export interface TailFunctions {
  /** The tail probability being matched (lower or upper, as the caller chose). */
  readonly tail: (x: number) => number;
  /** d tail / dx (negative for an upper tail). */
  readonly slope: (x: number) => number;
  /** Support (may be infinite). */
  readonly min: number;
  readonly max: number;
}

const MAX_ITER = 200;

/** Finds x with tail(x) = p, starting near x0; tail must be monotone. */
export function invertTail(fns: TailFunctions, p: number, x0: number): number {
  const { tail, slope, min, max } = fns;
  const logp = Math.log(p);
  const increasing = slope(x0) > 0 || (slope(x0) === 0 && tail(x0) < tail(Math.min(max, x0 + 1)));
  // g(x) = log tail(x) − log p, increasing in x after the sign flip below.
  const sgn = increasing ? 1 : -1;
  const g = (x: number): number => sgn * (Math.log(tail(x)) - logp);

  // Bracket: lo with g < 0, hi with g > 0.
  let x = Math.min(Math.max(x0, min), max);
  let gx = g(x);
  let lo = gx < 0 ? x : NaN;
  let hi = gx > 0 ? x : NaN;
  let step = Math.max(1, Math.abs(x));
  for (let i = 0; i < 2000 && (Number.isNaN(lo) || Number.isNaN(hi)); ++i) {
    if (Number.isNaN(hi)) {
      x = Number.isFinite(max) ? x + Math.min(step, (max - x) / 2) : x + step;
      gx = g(x);
      if (gx > 0) hi = x;
      else lo = x;
    } else {
      x = Number.isFinite(min) ? x - Math.min(step, (x - min) / 2) : x - step;
      gx = g(x);
      if (gx < 0) lo = x;
      else hi = x;
    }
    step *= 2;
    if (gx === 0) return x;
  }
  if (Number.isNaN(lo) || Number.isNaN(hi)) return x;

  x = Math.min(Math.max(x0, lo), hi);
  if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
  for (let i = 0; i < MAX_ITER; ++i) {
    const t = tail(x);
    gx = sgn * (Math.log(t) - logp);
    if (gx === 0) return x;
    if (gx < 0) lo = x;
    else hi = x;
    const dg = (sgn * slope(x)) / t;
    let next = x - gx / dg;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 4e-16 * Math.abs(x) || hi - lo <= 4e-16 * Math.max(Math.abs(lo), Math.abs(hi))) return next;
    x = next;
  }
  return x;
}
