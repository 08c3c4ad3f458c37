/**
 * The profiled criterion of a linear mixed model with a residual covariance σ²Λ_i per
 * correlation group (Pinheiro & Bates 2000, ch. 2 and §5.1; Bates et al. 2015, JSS 67(1), §3):
 * after whitening (whiten.ts) the rows [Z X y] have independent residuals, so per random-effects
 * group j, with Λθ the relative covariance factor of its q effects,
 *   L_j L_jᵀ = ΛθᵀZ_jᵀZ_jΛθ + I,   B_j = L_j⁻¹ ΛθᵀZ_jᵀ[X y],
 * and the Schur complement S = [X y]ᵀ[X y] − Σ B_jᵀB_j = L_S L_Sᵀ (dense, (p+1)²) holds R_X and
 * √pwrss on its diagonal. The criterion, −2 log-likelihood profiled over β and σ, is
 *   ML:   log|L|² + n (1 + log(2π pwrss / n)) + Σ log|Λ_i|
 *   REML: log|L|² + log|R_X|² + (n − p)(1 + log(2π pwrss / (n − p))) + Σ log|Λ_i|,
 * nlme's (RE)ML log-likelihood times −2. Variance ratios and the correlation parameter are
 * optimised on nlme's unconstrained scales (log ratio; log((1 + φ)/(1 − φ)) for AR(1),
 * logit φ for CAR(1), log((ρ − ρ_min)/(1 − ρ)) for CS with ρ_min = −1/(largest group − 1)).
 */
import type { RandomTerm } from "../model-frame";
import type { ResidualLayout } from "./layout";
import type { CorrelationKind } from "./types";
import { whitenedGram } from "./whiten";
import { buildLagSums, gramFromLagSums, type LagSums } from "./lag-sums";

/** Where each θ sits in the q × q lower-triangular Λθ (lme4's order: each term's lower triangle by columns). */
export interface ThetaTemplate {
  readonly q: number;
  readonly rows: Int32Array;
  readonly cols: Int32Array;
}

export function thetaTemplate(terms: readonly RandomTerm[]): ThetaTemplate {
  const rows: number[] = [];
  const cols: number[] = [];
  let offset = 0;
  for (const term of terms) {
    for (let j = 0; j < term.k; ++j) {
      for (let i = j; i < term.k; ++i) {
        rows.push(offset + i);
        cols.push(offset + j);
      }
    }
    offset += term.k;
  }
  return { q: offset, rows: Int32Array.from(rows), cols: Int32Array.from(cols) };
}

/** What one evaluation leaves behind: enough for β, its covariance and σ. */
export interface Evaluation {
  readonly deviance: number;
  readonly pwrss: number;
  /** (p+1) × (p+1) lower Cholesky factor of the Schur complement, column-major. */
  readonly LS: Float64Array;
}

export class ResidualObjective {
  readonly nTheta: number;
  readonly hasCor: boolean;
  readonly nRatios: number;
  readonly #gram: Float64Array;
  readonly #scratch: Float64Array;
  readonly #logSd: Float64Array;
  readonly #lagSums: LagSums | null;
  readonly #lambda: Float64Array;
  readonly #sd: Float64Array;
  readonly #minRho: number;

  constructor(
    readonly layout: ResidualLayout,
    readonly template: ThetaTemplate,
    readonly kind: CorrelationKind | null,
    varianceBy: boolean,
    readonly reml: boolean,
  ) {
    this.nTheta = template.rows.length;
    this.hasCor = kind !== null;
    this.nRatios = varianceBy ? layout.strata.length - 1 : 0;
    this.#gram = new Float64Array(((layout.groupStart.length - 1) * layout.m * (layout.m + 1)) / 2);
    this.#logSd = new Float64Array(layout.strata.length);
    this.#lambda = new Float64Array(template.q * template.q);
    this.#sd = new Float64Array(layout.strata.length).fill(1);
    let longest = 0;
    for (let g = 0; g + 1 < layout.segmentStart.length; ++g) longest = Math.max(longest, layout.segmentStart[g + 1] - layout.segmentStart[g]);
    this.#minRho = -1 / Math.max(1, longest - 1);
    this.#scratch = new Float64Array(longest * layout.m);
    this.#lagSums = kind === "cs" ? null : buildLagSums(layout, kind !== null);
  }

  get size(): number {
    return this.nTheta + (this.hasCor ? 1 : 0) + this.nRatios;
  }

  /** The correlation parameter (Phi or Rho) at unconstrained value u. */
  correlationOf(u: number): number {
    if (this.kind === "ar1") return Math.tanh(u / 2);
    if (this.kind === "car1") return 1 / (1 + Math.exp(-u));
    const e = Math.exp(u);
    return (e + this.#minRho) / (e + 1);
  }

  /** The unconstrained value of correlation parameter c (inverse of correlationOf). */
  unconstrainedOf(c: number): number {
    if (this.kind === "ar1") return Math.log((1 + c) / (1 - c));
    if (this.kind === "car1") return Math.log(c / (1 - c));
    return Math.log((c - this.#minRho) / (1 - c));
  }

  /** The criterion at x = [θ, u, log ratios]; a large finite value where it is undefined. */
  deviance(x: ArrayLike<number>): number {
    const e = this.evaluate(x);
    return Number.isFinite(e.deviance) ? e.deviance : 1e300;
  }

  evaluate(x: ArrayLike<number>): Evaluation {
    const { layout, template } = this;
    const { q, p, m, n } = layout;
    const cor = this.hasCor ? this.correlationOf(x[this.nTheta]) : 0;
    for (let k = 0; k < this.nRatios; ++k) {
      const logSd = x[this.nTheta + (this.hasCor ? 1 : 0) + k];
      this.#logSd[k + 1] = logSd;
      this.#sd[k + 1] = Math.exp(logSd);
    }
    const logDetLambda = this.#lagSums
      ? gramFromLagSums(this.#lagSums, layout, cor, this.#sd, this.#logSd, this.#gram)
      : whitenedGram(layout, this.kind, cor, this.#sd, this.#logSd, this.#scratch, this.#gram);
    const L = this.#lambda.fill(0);
    for (let t = 0; t < this.nTheta; ++t) L[template.rows[t] + template.cols[t] * q] = x[t];
    const r = p + 1;
    const S = new Float64Array(r * r);
    const ldL2 = reduceGroups(layout, this.#gram, L, S);
    if (!Number.isFinite(ldL2) || !cholesky(S, r)) return { deviance: NaN, pwrss: NaN, LS: S };
    let ldRX2 = 0;
    for (let i = 0; i < p; ++i) ldRX2 += 2 * Math.log(S[i + i * r]);
    const pwrss = S[p + p * r] ** 2;
    const dof = this.reml ? n - p : n;
    const deviance = ldL2 + (this.reml ? ldRX2 : 0) + dof * (1 + Math.log((2 * Math.PI * pwrss) / dof)) + logDetLambda;
    void m;
    return { deviance, pwrss, LS: S };
  }
}

/**
 * Σ over random-effects groups of the blocks above: accumulates S = [X y]ᵀ[X y] − Σ B_jᵀB_j
 * (lower triangle, column-major) and returns log|L|² (NaN if a block is not positive definite).
 */
function reduceGroups(layout: ResidualLayout, gram: Float64Array, lambda: Float64Array, S: Float64Array): number {
  if (layout.q === 1) return reduceScalarGroups(layout, gram, lambda[0], S);
  const { q, p, m, groupStart } = layout;
  const r = p + 1;
  const packed = (m * (m + 1)) / 2;
  const ZtZ = new Float64Array(q * q);
  const ZtR = new Float64Array(q * r);
  const M = new Float64Array(q * q);
  const B = new Float64Array(q * r);
  let ldL2 = 0;
  for (let g = 0; g + 1 < groupStart.length; ++g) {
    // unpack: row i, column j ≤ i of the group's [Z X y] cross-product sits at i(i+1)/2 + j
    const base = g * packed;
    for (let i = 0; i < q; ++i) for (let j = 0; j <= i; ++j) ZtZ[i + j * q] = gram[base + (i * (i + 1)) / 2 + j];
    for (let c = 0; c < r; ++c) {
      const i = q + c;
      for (let j = 0; j < q; ++j) ZtR[j + c * q] = gram[base + (i * (i + 1)) / 2 + j];
      for (let d = 0; d <= c; ++d) S[c + d * r] += gram[base + (i * (i + 1)) / 2 + q + d];
    }
    // M = Λᵀ ZtZ Λ + I (lower), B = Λᵀ ZtR
    for (let i = 0; i < q; ++i) {
      for (let j = 0; j <= i; ++j) {
        let sum = i === j ? 1 : 0;
        for (let a = 0; a < q; ++a) {
          const la = lambda[a + i * q];
          if (la === 0) continue;
          for (let b = 0; b < q; ++b) {
            const zab = a >= b ? ZtZ[a + b * q] : ZtZ[b + a * q];
            sum += la * zab * lambda[b + j * q];
          }
        }
        M[i + j * q] = sum;
      }
      for (let c = 0; c < r; ++c) {
        let sum = 0;
        for (let a = 0; a < q; ++a) sum += lambda[a + i * q] * ZtR[a + c * q];
        B[i + c * q] = sum;
      }
    }
    if (!cholesky(M, q)) return NaN;
    for (let i = 0; i < q; ++i) ldL2 += 2 * Math.log(M[i + i * q]);
    // B ← L⁻¹ B, then S −= BᵀB
    for (let c = 0; c < r; ++c) {
      for (let i = 0; i < q; ++i) {
        let v = B[i + c * q];
        for (let a = 0; a < i; ++a) v -= M[i + a * q] * B[a + c * q];
        B[i + c * q] = v / M[i + i * q];
      }
    }
    for (let c = 0; c < r; ++c) {
      for (let i = c; i < r; ++i) {
        let sum = 0;
        for (let a = 0; a < q; ++a) sum += B[a + i * q] * B[a + c * q];
        S[i + c * r] -= sum;
      }
    }
  }
  return ldL2;
}

/**
 * reduceGroups for one random effect per group (a random intercept): L_j = √(λ² z_jᵀz_j + 1),
 * B_j = λ z_jᵀ[X y] / L_j, S −= B_jᵀB_j, with no small-matrix loops.
 */
function reduceScalarGroups(layout: ResidualLayout, gram: Float64Array, lambda: number, S: Float64Array): number {
  const { p, m, groupStart } = layout;
  const r = p + 1;
  const packed = (m * (m + 1)) / 2;
  const b = new Float64Array(r);
  let ldL2 = 0;
  for (let g = 0; g + 1 < groupStart.length; ++g) {
    const base = g * packed;
    const l2 = lambda * lambda * gram[base] + 1;
    ldL2 += Math.log(l2);
    const scale = lambda / Math.sqrt(l2);
    // packed row i = 1 + c holds [x_c·z, x_c·x_0 … x_c·x_c]
    let t = base + 1;
    for (let c = 0; c < r; ++c) {
      b[c] = gram[t] * scale;
      for (let d = 0; d <= c; ++d) S[c + d * r] += gram[t + 1 + d] - b[c] * b[d];
      t += c + 2;
    }
  }
  return ldL2;
}

/** In-place lower Cholesky of a k × k column-major matrix (lower triangle read); false if not positive definite. */
export function cholesky(A: Float64Array, k: number): boolean {
  for (let j = 0; j < k; ++j) {
    let d = A[j + j * k];
    for (let a = 0; a < j; ++a) d -= A[j + a * k] ** 2;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    A[j + j * k] = ljj;
    for (let i = j + 1; i < k; ++i) {
      let v = A[i + j * k];
      for (let a = 0; a < j; ++a) v -= A[i + a * k] * A[j + a * k];
      A[i + j * k] = v / ljj;
    }
    for (let i = 0; i < j; ++i) A[i + j * k] = 0;
  }
  return true;
}
