/**
 * R's optimize(): Brent's (1973) golden-section search with parabolic interpolation, as R's
 * src/library/stats/src/optimize.c (Brent_fmin) codes it, step for step, so that it visits the
 * points R's optimize visits for the same function values.
 */
export interface FminResult {
  readonly minimum: number;
  readonly objective: number;
  readonly evaluations: number;
}

const GOLDEN = (3 - Math.sqrt(5)) * 0.5;
const SQRT_EPS = Math.sqrt(2.220446049250313e-16);

export function brentFmin(f: (x: number) => number, ax: number, bx: number, tol: number): FminResult {
  let a = ax;
  let b = bx;
  let v = a + GOLDEN * (b - a);
  let w = v;
  let x = v;
  let d = 0;
  let e = 0;
  let fx = f(x);
  let evaluations = 1;
  let fv = fx;
  let fw = fx;
  const tol3 = tol / 3;
  for (;;) {
    const xm = (a + b) * 0.5;
    const tol1 = SQRT_EPS * Math.abs(x) + tol3;
    const t2 = tol1 * 2;
    if (Math.abs(x - xm) <= t2 - (b - a) * 0.5) break;
    let p = 0;
    let q = 0;
    let r = 0;
    if (Math.abs(e) > tol1) {
      // fit a parabola
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2;
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    let u: number;
    if (Math.abs(p) >= Math.abs(q * 0.5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      // golden-section step
      e = x < xm ? b - x : a - x;
      d = GOLDEN * e;
    } else {
      // parabolic-interpolation step, not too close to the ends
      d = p / q;
      u = x + d;
      if (u - a < t2 || b - u < t2) d = x >= xm ? -tol1 : tol1;
    }
    // never closer than tol1 to x
    u = Math.abs(d) >= tol1 ? x + d : d > 0 ? x + tol1 : x - tol1;
    const fu = f(u);
    evaluations++;
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      w = x;
      x = u;
      fv = fw;
      fw = fx;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { minimum: x, objective: fx, evaluations };
}
