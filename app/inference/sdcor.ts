/**
 * lme4's "sdcor" parametrisation of the variance components (lme4's Cv_to_Sv / Sv_to_Cv, used
 * by profile()): per random-effects term the standard deviations of its k effects, then the
 * correlations of the lower triangle column by column, and σ last. Σₜ = σ² ΛₜΛₜᵀ = S R S.
 */
import type { ThetaLayout } from "../engine/lmm/theta";
import { fillLambda } from "../engine/lmm/theta";

export interface SdcorParameter {
  /** Random-effects term index, or −1 for σ. */
  readonly term: number;
  readonly kind: "sd" | "correlation";
  /** Effect indices within the term (b = a for an sd). */
  readonly a: number;
  readonly b: number;
}

export function sdcorParameters(layout: ThetaLayout): SdcorParameter[] {
  const out: SdcorParameter[] = [];
  layout.ks.forEach((k, t) => {
    for (let a = 0; a < k; a++) out.push({ term: t, kind: "sd", a, b: a });
    for (let c = 0; c < k; c++) for (let r = c + 1; r < k; r++) out.push({ term: t, kind: "correlation", a: r, b: c });
  });
  out.push({ term: -1, kind: "sd", a: 0, b: 0 });
  return out;
}

/** (θ, σ) → sdcor vector, in the order of sdcorParameters. */
export function thetaToSdcor(theta: ArrayLike<number>, sigma: number, layout: ThetaLayout): Float64Array {
  const out: number[] = [];
  layout.ks.forEach((k, t) => {
    const lam = new Float64Array(k * k);
    fillLambda(theta, layout, t, lam);
    const cov = (a: number, b: number) => {
      let s = 0;
      for (let e = 0; e <= Math.min(a, b); e++) s += lam[a + e * k] * lam[b + e * k];
      return s * sigma * sigma;
    };
    const sd = Array.from({ length: k }, (_, a) => Math.sqrt(cov(a, a)));
    out.push(...sd);
    for (let c = 0; c < k; c++) {
      for (let r = c + 1; r < k; r++) out.push(sd[r] > 0 && sd[c] > 0 ? cov(r, c) / (sd[r] * sd[c]) : 0);
    }
  });
  out.push(sigma);
  return Float64Array.from(out);
}

/**
 * sdcor vector → (θ, σ) by a Cholesky factor of each Σₜ/σ² that tolerates zero variances
 * (positive semi-definite); null where some Σₜ is not positive semi-definite.
 */
export function sdcorToTheta(phi: ArrayLike<number>, layout: ThetaLayout): { theta: Float64Array; sigma: number } | null {
  const sigma = phi[phi.length - 1];
  if (!(sigma > 0)) return null;
  const theta = new Float64Array(layout.length);
  let pos = 0;
  let tp = 0;
  for (const k of layout.ks) {
    const sd = Array.from({ length: k }, (_, a) => phi[pos + a]);
    const cor = new Float64Array(k * k);
    for (let a = 0; a < k; a++) cor[a + a * k] = 1;
    let q = pos + k;
    for (let c = 0; c < k; c++) {
      for (let r = c + 1; r < k; r++) {
        cor[r + c * k] = phi[q];
        cor[c + r * k] = phi[q];
        q++;
      }
    }
    pos = q;
    const l = semidefiniteCholesky(cor, k);
    if (!l) return null;
    for (let c = 0; c < k; c++) for (let r = c; r < k; r++) theta[tp++] = (sd[r] * l[r + c * k]) / sigma;
  }
  return { theta, sigma };
}

function semidefiniteCholesky(a: Float64Array, k: number): Float64Array | null {
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = a[j + j * k];
    for (let e = 0; e < j; e++) d -= l[j + e * k] ** 2;
    if (d < -1e-10) return null;
    if (d <= 1e-14) continue;
    const ljj = Math.sqrt(d);
    l[j + j * k] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i + j * k];
      for (let e = 0; e < j; e++) s -= l[i + e * k] * l[j + e * k];
      l[i + j * k] = s / ljj;
    }
  }
  return l;
}
