/**
 * Numerical derivatives by Richardson extrapolation, reproducing R's numDeriv package (Gilbert
 * & Varadhan) method = "Richardson" step for step: the same step sizes
 * h = |d·x| + eps·(|x| < zero.tol), halved r times (v = 2), central differences, and the same
 * extrapolation (A·4ᵐ − A')/(4ᵐ − 1). lmerTest computes Satterthwaite's Hessian and Jacobian
 * with numDeriv::hessian and numDeriv::jacobian, so matching its arithmetic matches lmerTest.
 */

export interface RichardsonOptions {
  /** Step used where |x| < zeroTol (numDeriv's eps). Default 1e-4. */
  readonly eps?: number;
  /** Relative step d·|x|. Default 1e-4 (grad, jacobian); 0.1 for hessian, as numDeriv. */
  readonly d?: number;
  /** Default √(2.220446e-16 / 7e-7). */
  readonly zeroTol?: number;
  /** Number of step halvings (numDeriv's r). Default 4. */
  readonly r?: number;
}

/** A column-major dense matrix: element (i, j) is data[i + j·rows]. */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

const MACHINE_EPS = 2.220446049250313e-16;

interface Settings {
  eps: number;
  d: number;
  zeroTol: number;
  r: number;
}

function settings(options: RichardsonOptions | undefined, d: number): Settings {
  const r = options?.r ?? 4;
  if (!Number.isInteger(r) || r < 1) throw new RangeError("Richardson r must be a positive integer");
  return {
    eps: options?.eps ?? 1e-4,
    d: options?.d ?? d,
    zeroTol: options?.zeroTol ?? Math.sqrt(MACHINE_EPS / 7e-7),
    r,
  };
}

/** numDeriv's initial steps h = |d·x| + eps·(|x| < zero.tol). */
function initialSteps(x: ArrayLike<number>, s: Settings): Float64Array {
  const h = new Float64Array(x.length);
  for (let i = 0; i < x.length; ++i) h[i] = Math.abs(s.d * x[i]) + s.eps * (Math.abs(x[i]) < s.zeroTol ? 1 : 0);
  return h;
}

/** In-place Richardson extrapolation of a[0..r-1] (successive halvings) to a[0]. */
function extrapolate(a: Float64Array, r: number): number {
  for (let m = 1; m <= r - 1; ++m) {
    const p = 4 ** m;
    for (let k = 0; k < r - m; ++k) a[k] = (a[k + 1] * p - a[k]) / (p - 1);
  }
  return a[0];
}

/** x with x[i] shifted by dx (a copy). */
function shifted(x: ArrayLike<number>, i: number, dx: number, j = -1, dy = 0): Float64Array {
  const y = Float64Array.from(x);
  y[i] = x[i] + dx;
  if (j >= 0) y[j] = y[j] + dy;
  return y;
}

/** Gradient of a scalar function (numDeriv::grad, method "Richardson"). */
export function grad(f: (x: Float64Array) => number, x: ArrayLike<number>, options?: RichardsonOptions): Float64Array {
  const s = settings(options, 1e-4);
  const n = x.length;
  const h = initialSteps(x, s);
  const a = Array.from({ length: n }, () => new Float64Array(s.r));
  for (let k = 0; k < s.r; ++k) {
    for (let i = 0; i < n; ++i) {
      // numDeriv skips coordinates whose previous estimate is below 1e-20 (not for n = 1).
      if (n > 1 && k > 0 && Math.abs(a[i][k - 1]) < 1e-20) a[i][k] = 0;
      else a[i][k] = (f(shifted(x, i, h[i])) - f(shifted(x, i, -h[i]))) / (2 * h[i]);
      if (Number.isNaN(a[i][k])) throw new RangeError(`function returns NaN at step ${h[i]} from x`);
    }
    for (let i = 0; i < n; ++i) h[i] /= 2;
  }
  return Float64Array.from(a, (ai) => extrapolate(ai, s.r));
}

/** Jacobian of a vector function (numDeriv::jacobian, method "Richardson"): rows = outputs. */
export function jacobian(f: (x: Float64Array) => ArrayLike<number>, x: ArrayLike<number>, options?: RichardsonOptions): DenseMatrix {
  const s = settings(options, 1e-4);
  const n = x.length;
  const m = f(Float64Array.from(x)).length;
  const h = initialSteps(x, s);
  // a[(out, col)][k]
  const a = Array.from({ length: m * n }, () => new Float64Array(s.r));
  for (let k = 0; k < s.r; ++k) {
    for (let i = 0; i < n; ++i) {
      const fp = f(shifted(x, i, h[i]));
      const fm = f(shifted(x, i, -h[i]));
      for (let o = 0; o < m; ++o) a[o + i * m][k] = (fp[o] - fm[o]) / (2 * h[i]);
    }
    for (let i = 0; i < n; ++i) h[i] /= 2;
  }
  const data = new Float64Array(m * n);
  for (let c = 0; c < m * n; ++c) data[c] = extrapolate(a[c], s.r);
  return { rows: m, cols: n, data };
}

/**
 * numDeriv::genD for a scalar function: first derivatives D[0..n−1], then the lower triangle of
 * second derivatives row by row (D[n + i(i+1)/2 + j] = ∂²f/∂xᵢ∂xⱼ, j ≤ i). Default d = 1e-4.
 */
export function genD(f: (x: Float64Array) => number, x: ArrayLike<number>, options?: RichardsonOptions): Float64Array {
  const s = settings(options, 1e-4);
  const n = x.length;
  const f0 = f(Float64Array.from(x));
  const h0 = initialSteps(x, s);
  const D = new Float64Array((n * (n + 3)) / 2);
  const hdiag = new Float64Array(n);
  const dApprox = new Float64Array(s.r);
  const hApprox = new Float64Array(s.r);
  for (let i = 0; i < n; ++i) {
    let hi = h0[i];
    for (let k = 0; k < s.r; ++k) {
      const f1 = f(shifted(x, i, hi));
      const f2 = f(shifted(x, i, -hi));
      dApprox[k] = (f1 - f2) / (2 * hi);
      hApprox[k] = (f1 - 2 * f0 + f2) / (hi * hi);
      hi /= 2;
    }
    D[i] = extrapolate(dApprox, s.r);
    hdiag[i] = extrapolate(hApprox, s.r);
  }
  let u = n;
  for (let i = 0; i < n; ++i) {
    for (let j = 0; j <= i; ++j) {
      if (i === j) {
        D[u++] = hdiag[i];
        continue;
      }
      let hi = h0[i];
      let hj = h0[j];
      for (let k = 0; k < s.r; ++k) {
        const f1 = f(shifted(x, i, hi, j, hj));
        const f2 = f(shifted(x, i, -hi, j, -hj));
        dApprox[k] = (f1 - 2 * f0 + f2 - hdiag[i] * (hi * hi) - hdiag[j] * (hj * hj)) / (2 * hi * hj);
        hi /= 2;
        hj /= 2;
      }
      D[u++] = extrapolate(dApprox, s.r);
    }
  }
  return D;
}

/** Hessian of a scalar function (numDeriv::hessian: genD with d = 0.1), symmetric n×n. */
export function hessian(f: (x: Float64Array) => number, x: ArrayLike<number>, options?: RichardsonOptions): DenseMatrix {
  const n = x.length;
  const D = genD(f, x, { ...options, d: options?.d ?? 0.1 });
  const data = new Float64Array(n * n);
  let u = n;
  for (let i = 0; i < n; ++i) {
    for (let j = 0; j <= i; ++j) {
      data[i + j * n] = D[u];
      data[j + i * n] = D[u];
      ++u;
    }
  }
  return { rows: n, cols: n, data };
}
