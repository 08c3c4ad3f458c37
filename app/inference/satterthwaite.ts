/**
 * Satterthwaite's degrees of freedom for linear mixed models as lmerTest computes them
 * (Kuznetsova, Brockhoff & Christensen 2017, J. Stat. Softw. 82(13); lmerTest's as_lmerModLT,
 * contest1D and contestMD):
 *
 * - variance parameters varpar = (θ, σ); A = Cov(varpar) = 2·H⁺, H the Hessian of the deviance
 *   with σ explicit (lmerTest's devfun_vp), H⁺ its pseudo-inverse keeping eigenvalues above 1e-8;
 * - Jᵢ = ∂Var(β̂)/∂varparᵢ with Var(β̂) = σ² Rₓ⁻¹Rₓ⁻ᵀ;
 * - a contrast ℓ: v = ℓᵀVℓ, gᵢ = ℓᵀJᵢℓ, df = 2v²/(gᵀAg);
 * - an F test of q rows L: eigen-decompose L V Lᵀ = P D Pᵀ (eigenvalues > √ε), one t-type ν per
 *   direction, E = Σ ν/(ν − 2), ddf = 2E/(E − q) (ν itself when q = 1, their mean when equal).
 *
 * lmerTest differentiates numerically (numDeriv's hessian and jacobian, ~16 factorisations per θ
 * component). Here σ's derivatives are in closed form (the deviance is ldL2 + pwrss/σ² +
 * dof·log(2πσ²) and Var(β̂) is σ² times a function of θ alone), and θ's come from one shared set
 * of central differences with a small step and one Richardson extrapolation
 * (numderiv/central.ts): 4 factorisations per θ component and 2 per pair, the Jacobian reusing
 * the Hessian's points. Both approximate the same derivatives to ~1e-8 relative or better, far
 * inside the df tolerance. The θ of a singular fit is used as it is (lmerTest does not treat the
 * boundary specially).
 */
import { MixwellError } from "../errors";
import { FAILED_OBJECTIVE, type LmmProblem } from "../engine/lmm";
import { centralDerivatives, centralPoints, pseudoInverseSymmetric, symmetricEigen } from "../numderiv";
import type { DenseMatrix } from "../numderiv";
import { pf, pt } from "../stats";

/** What Satterthwaite's approximation needs about a fitted LMM. */
export interface SatterthwaiteModel {
  readonly p: number;
  readonly beta: Float64Array;
  /** Var(β̂) at the estimates, p × p column-major. */
  readonly vcovBeta: Float64Array;
  /** Cov(varpar) = 2·H⁺, q × q column-major (q = length(θ) + 1). */
  readonly covVarpar: Float64Array;
  /** ∂Var(β̂)/∂varparᵢ, each p × p column-major. */
  readonly jac: readonly Float64Array[];
  /** Notes on the Hessian (negative or near-zero eigenvalues), as lmerTest warns. */
  readonly notes: readonly string[];
}

export interface ContrastTest {
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  readonly t: number;
  readonly p: number;
}

export interface FTest {
  readonly numDF: number;
  readonly denDF: number;
  readonly F: number;
  readonly p: number;
}

export interface SatterthwaiteHooks {
  /** Called before each factorisation (there are 1 + 4·nθ + 2·nθ(nθ − 1)). */
  readonly onProgress?: (p: { stage: string; done: number; total: number }) => void;
  readonly signal?: { cancelled: boolean };
}

const HESSIAN_TOL = 1e-8;
/** contestMD's eps = √(.Machine$double.eps) for the rank of L V Lᵀ. */
const RANK_EPS = Math.sqrt(2.220446049250313e-16);

/** lmerTest's as_lmerModLT: Cov(varpar) and the Jacobian of Var(β̂) at (θ̂, σ̂). */
export function satterthwaiteModel(
  problem: LmmProblem,
  theta: ArrayLike<number>,
  sigma: number,
  beta: Float64Array,
  vcovBeta: Float64Array,
  hooks: SatterthwaiteHooks = {},
): SatterthwaiteModel {
  const nt = theta.length;
  const q = nt + 1;
  const p = problem.p;
  const th0 = Float64Array.from(theta);
  const points = centralPoints(th0);
  const order = evaluationOrder(points, nt);
  const s2 = sigma * sigma;
  const values: Float64Array[] = new Array(points.length);
  order.forEach((k, done) => {
    if (hooks.signal?.cancelled) throw new MixwellError("The fit was cancelled.");
    hooks.onProgress?.({ stage: "satterthwaite", done, total: points.length });
    const v = thetaPieces(problem, points[k], s2);
    if (!v) {
      throw new MixwellError(
        "Satterthwaite's degrees of freedom cannot be computed: near the estimates the random-effects covariance is not positive definite (the model may fit the outcome exactly). Simplify the random effects, or fit without p-values.",
      );
    }
    values[k] = v;
  });
  const d = centralDerivatives(th0, values);
  const m = 2 + p * p;
  // σ enters the deviance and Var(β̂) = σ²·(RₓᵀRₓ)⁻¹ in closed form.
  const pwrss = d.value[1];
  const dof = problem.reml ? problem.n - p : problem.n;
  const h = new Float64Array(q * q);
  for (let i = 0; i < nt; i++) {
    for (let j = 0; j < nt; j++) h[i + j * q] = d.hessian[i + j * nt];
    h[i + nt * q] = h[nt + i * q] = (-2 * d.jacobian[1 + i * m]) / (s2 * sigma);
  }
  h[nt + nt * q] = (6 * pwrss) / (s2 * s2) - (2 * dof) / s2;
  const inv = pseudoInverseSymmetric({ rows: q, cols: q, data: h }, { tol: HESSIAN_TOL });
  const covVarpar = Float64Array.from(inv.inverse.data, (v) => 2 * v);
  const jac: Float64Array[] = [];
  for (let i = 0; i < nt; i++) jac.push(Float64Array.from(d.jacobian.subarray(2 + i * m, (i + 1) * m), (v) => v * s2));
  jac.push(Float64Array.from(d.value.subarray(2), (v) => 2 * sigma * v));
  return { p, beta, vcovBeta, covVarpar, jac, notes: hessianNotes(inv.eigen.values) };
}

/**
 * The order to evaluate the points in: θ differing only in the last component one after another,
 * so that each after the first in its group refactors only the end of L
 * (app/engine/lmm/last-term-update.ts) — about half the factorisation time for InstEval-shaped
 * models.
 */
function evaluationOrder(points: readonly Float64Array[], nt: number): number[] {
  const groups = new Map<string, number[]>();
  points.forEach((th, k) => {
    const lead = Array.prototype.join.call(th.subarray(0, nt - 1), ",");
    const g = groups.get(lead);
    if (g) g.push(k);
    else groups.set(lead, [k]);
  });
  return [...groups.values()].flat();
}

function hessianNotes(values: Float64Array): string[] {
  const notes: string[] = [];
  const neg = Array.from(values).filter((v) => v < -HESSIAN_TOL);
  const zero = Array.from(values).filter((v) => Math.abs(v) <= HESSIAN_TOL);
  const fmt = (xs: number[]) => xs.map((v) => v.toExponential(1)).join(" ");
  if (neg.length > 0) {
    notes.push(`The Hessian of the variance parameters has ${neg.length} negative eigenvalue(s) (${fmt(neg)}): the fit may not have converged, so Satterthwaite df are approximate.`);
  }
  if (zero.length > 0) {
    notes.push(`The Hessian of the variance parameters has ${zero.length} eigenvalue(s) close to zero (${fmt(zero)}), as for a variance at its boundary; Satterthwaite df use its pseudo-inverse, as lmerTest does.`);
  }
  return notes;
}

/**
 * [the θ-dependent part of the deviance at σ (devfun_vp without its constants), pwrss,
 * (RₓᵀRₓ)⁻¹] at θ, or null where the factorisation fails. Through the problem (which tracks the
 * θ its factor holds), then the factor's pieces while it holds θ.
 */
function thetaPieces(problem: LmmProblem, theta: Float64Array, s2: number): Float64Array | null {
  if (problem.devianceAt(theta, 1) === FAILED_OBJECTIVE) return null;
  const f = problem.factor;
  const p = problem.p;
  const v = new Float64Array(2 + p * p);
  v[0] = f.ldL2() + f.pwrss() / s2 + (problem.reml ? f.ldRX2() : 0);
  v[1] = f.pwrss();
  v.set(problem.vcovBetaAt(theta, 1), 2);
  return v;
}

/** ℓᵀ M ℓ for a p × p column-major M. */
function qform(l: ArrayLike<number>, m: Float64Array, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) {
    if (l[j] === 0) continue;
    let c = 0;
    for (let i = 0; i < p; i++) c += m[i + j * p] * l[i];
    s += c * l[j];
  }
  return s;
}

/** Satterthwaite df of the linear function ℓᵀβ with variance v = ℓᵀVℓ (lmerTest's contest1D). */
function contrastDf(model: SatterthwaiteModel, l: ArrayLike<number>, v: number): number {
  const { p, covVarpar, jac } = model;
  const g = jac.map((J) => qform(l, J, p));
  const denom = qform(g, covVarpar, g.length);
  return (2 * v * v) / denom;
}

/** t test of ℓᵀβ = 0 with Satterthwaite df (lmerTest's contest1D). */
export function tTest(model: SatterthwaiteModel, l: ArrayLike<number>): ContrastTest {
  let estimate = 0;
  for (let j = 0; j < model.p; j++) estimate += l[j] * model.beta[j];
  const v = qform(l, model.vcovBeta, model.p);
  const se = Math.sqrt(v);
  const df = contrastDf(model, l, v);
  const t = estimate / se;
  return { estimate, se, df, t, p: 2 * pt(Math.abs(t), df, false) };
}

/** lmerTest's get_Fstat_ddf: the F denominator df from the t-type df of each direction. */
export function fStatisticDf(nu: readonly number[]): number {
  if (nu.length === 1) return nu[0];
  if (nu.every((v, i) => i === 0 || Math.abs(v - nu[i - 1]) < 1e-8)) {
    return nu.reduce((a, b) => a + b, 0) / nu.length;
  }
  if (nu.some((v) => v <= 2)) return 2;
  const E = nu.reduce((a, v) => a + v / (v - 2), 0);
  return (2 * E) / (E - nu.length);
}

/** F test of Lβ = 0 (rows of L, each of length p) with Satterthwaite denominator df (contestMD). */
export function fTest(model: SatterthwaiteModel, rows: readonly ArrayLike<number>[]): FTest {
  const { p, beta, vcovBeta } = model;
  const m = rows.length;
  // L V Lᵀ through W = L V (m·p² + m²·p operations, not m²·p²: a factor with hundreds of levels
  // makes m and p both large).
  const w = new Float64Array(m * p);
  for (let a = 0; a < m; a++) {
    const row = rows[a];
    for (let j = 0; j < p; j++) {
      let c = 0;
      for (let i = 0; i < p; i++) if (row[i] !== 0) c += row[i] * vcovBeta[i + j * p];
      w[a + j * m] = c;
    }
  }
  const vl = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += w[a + j * m] * rows[b][j];
      vl[a + b * m] = s;
      vl[b + a * m] = s;
    }
  }
  const eig = symmetricEigen({ rows: m, cols: m, data: vl } satisfies DenseMatrix);
  const q = Array.from(eig.values).filter((d) => d > RANK_EPS).length;
  if (q === 0) return { numDF: 0, denDF: NaN, F: NaN, p: NaN };
  let F = 0;
  const nu: number[] = [];
  for (let k = 0; k < q; k++) {
    // Row k of PᵀL.
    const ptl = new Float64Array(p);
    for (let a = 0; a < m; a++) {
      const w = eig.vectors.data[a + k * m];
      for (let j = 0; j < p; j++) ptl[j] += w * rows[a][j];
    }
    let est = 0;
    for (let j = 0; j < p; j++) est += ptl[j] * beta[j];
    const d = eig.values[k];
    F += (est * est) / d;
    nu.push(contrastDf(model, ptl, d));
  }
  F /= q;
  const denDF = fStatisticDf(nu);
  return { numDF: q, denDF, F, p: pf(F, q, denDF, false) };
}
