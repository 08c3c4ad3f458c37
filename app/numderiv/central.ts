/**
 * First derivatives of every component of a vector-valued f: ℝᵏ → ℝᵐ and the Hessian of its
 * first component, from one shared set of points: central differences at steps h and h/2 with
 * one Richardson extrapolation (error O(h⁴)), the off-diagonal second derivatives by numDeriv's
 * genD form from the points x ± (hᵢeᵢ + hⱼeⱼ).
 *
 * Why not numDeriv's own scheme (richardson.ts): it needs 8 points per coordinate and 8 per pair
 * (four halvings of a 10% step, r = 4) for the Hessian and another 8 per coordinate (steps of
 * 1e-4) for a Jacobian. Where every point costs a sparse Cholesky factorisation (Satterthwaite's
 * df on InstEval-shaped models) that is most of the fit's time. Steps of 1% need only one
 * extrapolation for ample accuracy (truncation error ~h⁴ ≈ 1e-8 relative), and the Jacobian
 * reuses the Hessian's points: 4k + 2k(k − 1) + 1 points instead of 16k + 4k(k − 1) + 1.
 * Smaller steps lose to rounding: an InstEval deviance (~2e5) carries noise of ~1e-8, which the
 * second differences divide by h² (at 0.1% steps the Hessian is already ~1e-5 off; without the
 * extrapolation 0.01% steps are 4e-4 off).
 */

export interface CentralOptions {
  /** Relative step: hᵢ = rel·|xᵢ|, or `abs` where |xᵢ| < `zeroTol`. Default 1e-2. */
  readonly rel?: number;
  /** Default 1e-4 (numDeriv's eps). */
  readonly abs?: number;
  /** Default √(2.220446e-16 / 7e-7) (numDeriv's zero.tol). */
  readonly zeroTol?: number;
  /** 2 (default): steps h and h/2 and one Richardson extrapolation; 1: step h alone (error O(h²)). */
  readonly levels?: 1 | 2;
}

export interface CentralDerivatives {
  /** f(x). */
  readonly value: Float64Array;
  /** ∂fₐ/∂xᵢ at index a + i·m (m × k, column-major). */
  readonly jacobian: Float64Array;
  /** ∂²f₀/∂xᵢ∂xⱼ, k × k, symmetric. */
  readonly hessian: Float64Array;
}

/** The points the scheme evaluates, x first (order of evaluation is the caller's choice). */
export function centralPoints(x: ArrayLike<number>, options: CentralOptions = {}): Float64Array[] {
  const k = x.length;
  const h = steps(x, options);
  const pts: Float64Array[] = [Float64Array.from(x)];
  for (const s of scales(options)) {
    for (let i = 0; i < k; i++) {
      for (const sign of [1, -1]) pts.push(shifted(x, [i], h, sign * s));
      for (let j = 0; j < i; j++) for (const sign of [1, -1]) pts.push(shifted(x, [i, j], h, sign * s));
    }
  }
  return pts;
}

/** The derivatives from f's values at centralPoints(x) (same order). */
export function centralDerivatives(x: ArrayLike<number>, values: readonly Float64Array[], options: CentralOptions = {}): CentralDerivatives {
  const k = x.length;
  const h = steps(x, options);
  const f0 = values[0];
  const m = f0.length;
  // values[1 + level·perLevel + offset(i, j, sign)] in centralPoints' order.
  const perLevel = 2 * k + k * (k - 1);
  const at = (level: number, i: number, j: number, sign: number): Float64Array => {
    const before = 2 * i + i * (i - 1); // points of coordinates < i
    const offset = j < 0 ? before : before + 2 + 2 * j;
    return values[1 + level * perLevel + offset + (sign > 0 ? 0 : 1)];
  };
  const sc = scales(options);
  const jac = new Float64Array(m * k);
  const hess = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const d1 = sc.map((scale, l) => {
      const hs = h[i] * scale;
      return { hs, plus: at(l, i, -1, 1), minus: at(l, i, -1, -1) };
    });
    for (let a = 0; a < m; a++) {
      const g = d1.map(({ hs, plus, minus }) => (plus[a] - minus[a]) / (2 * hs));
      jac[a + i * m] = extrapolate(g);
    }
    const s2 = d1.map(({ hs, plus, minus }) => (plus[0] - 2 * f0[0] + minus[0]) / (hs * hs));
    hess[i + i * k] = extrapolate(s2);
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const c = sc.map((scale, l) => {
        const hi = h[i] * scale;
        const hj = h[j] * scale;
        const plus = at(l, i, j, 1)[0];
        const minus = at(l, i, j, -1)[0];
        return (plus - 2 * f0[0] + minus - hess[i + i * k] * hi * hi - hess[j + j * k] * hj * hj) / (2 * hi * hj);
      });
      hess[i + j * k] = hess[j + i * k] = extrapolate(c);
    }
  }
  return { value: f0, jacobian: jac, hessian: hess };
}

function scales(options: CentralOptions): number[] {
  return options.levels === 1 ? [1] : [1, 0.5];
}

/** The extrapolated value from estimates at the scales (errors ~h²). */
function extrapolate(a: number[]): number {
  return a.length === 1 ? a[0] : (4 * a[1] - a[0]) / 3;
}

function steps(x: ArrayLike<number>, options: CentralOptions): Float64Array {
  const rel = options.rel ?? 1e-2;
  const abs = options.abs ?? 1e-4;
  const zeroTol = options.zeroTol ?? Math.sqrt(2.220446049250313e-16 / 7e-7);
  return Float64Array.from(x as ArrayLike<number>, (v) => (Math.abs(v) < zeroTol ? abs : rel * Math.abs(v)));
}

function shifted(x: ArrayLike<number>, coords: number[], h: Float64Array, scale: number): Float64Array {
  const y = Float64Array.from(x);
  for (const c of coords) y[c] += scale * h[c];
  return y;
}
