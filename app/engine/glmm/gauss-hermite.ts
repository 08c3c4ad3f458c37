/**
 * Gauss–Hermite rule for the standard normal density, as lme4's GHrule(n): nodes z and weights
 * w with Σ w f(z) ≈ E f(Z), Z ~ N(0, 1). Computed from the physicists' rule (weight e^{−x²}) by
 * Newton iteration on the orthonormal Hermite recurrence (Press et al., Numerical Recipes,
 * gauher), then z = √2·x and w = w_x/√π. Nodes ascending; an odd n has the node 0 exactly.
 */

export interface GaussHermiteRule {
  readonly z: Float64Array;
  readonly w: Float64Array;
}

const PIM4 = 0.7511255444649425; // π^(−1/4)

export function gaussHermite(n: number): GaussHermiteRule {
  const x = new Float64Array(n);
  const wx = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let pp = 0;
    for (let its = 0; its < 100; its++) {
      let p1 = PIM4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    wx[i] = 2 / (pp * pp);
    wx[n - 1 - i] = wx[i];
  }
  if (n % 2 === 1) x[m - 1] = 0;
  const out = { z: new Float64Array(n), w: new Float64Array(n) };
  // gauher fills descending; return ascending like GHrule.
  for (let i = 0; i < n; i++) {
    out.z[i] = Math.SQRT2 * x[n - 1 - i];
    out.w[i] = wx[n - 1 - i] / Math.sqrt(Math.PI);
  }
  return out;
}
