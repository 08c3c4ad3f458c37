/**
 * Satterthwaite's degrees of freedom for linear mixed models as lmerTest computes them
 * (Kuznetsova, Brockhoff & Christensen 2017, J. Stat. Softw. 82(13); lmerTest's as_lmerModLT,
 * contest1D and contestMD):
 *
 * - variance parameters varpar = (θ, σ); A = Cov(varpar) = 2·H⁺, H the Hessian of the deviance
 *   with σ explicit (lmerTest's devfun_vp) by numDeriv's Richardson method, H⁺ its
 *   pseudo-inverse keeping eigenvalues above 1e-8;
 * - Jᵢ = ∂Var(β̂)/∂varparᵢ with Var(β̂) = σ² Rₓ⁻¹Rₓ⁻ᵀ (numDeriv::jacobian);
 * - a contrast ℓ: v = ℓᵀVℓ, gᵢ = ℓᵀJᵢℓ, df = 2v²/(gᵀAg);
 * - an F test of q rows L: eigen-decompose L V Lᵀ = P D Pᵀ (eigenvalues > √ε), one t-type ν per
 *   direction, E = Σ ν/(ν − 2), ddf = 2E/(E − q) (ν itself when q = 1, their mean when equal).
 *
 * The derivatives use the same steps and extrapolation as numDeriv, and the θ of a singular fit
 * as it is (lmerTest does not treat the boundary specially).
 */
import { MixwellError } from "../errors";
import { FAILED_OBJECTIVE, type LmmProblem } from "../engine/lmm";
import { hessian, jacobian, pseudoInverseSymmetric, symmetricEigen } from "../numderiv";
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
  /** Called before each new factorisation (there are about 1 + 16·nθ + 4·nθ(nθ − 1)). */
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
  const varpar = Float64Array.from([...Array.from(theta), sigma]);
  const q = varpar.length;
  const p = problem.p;
  const plan = visitPlan(varpar, nt, p);
  const total = plan.length;
  const at = thetaCache(problem, (done) => {
    if (hooks.signal?.cancelled) throw new MixwellError("The fit was cancelled.");
    hooks.onProgress?.({ stage: "satterthwaite", done, total });
  });
  for (const { theta: th, vcov } of plan) {
    const c = at(th);
    if (c && vcov) c.unscaledVcov();
  }
  const h = hessian((x) => {
    const c = at(x.subarray(0, nt));
    if (!c) return FAILED_OBJECTIVE;
    const s2 = x[nt] * x[nt];
    // lmerTest's devfun_vp, as LmmProblem.devianceAt, from the cached pieces at θ.
    return c.ldL2 - problem.layout.sumLogW + c.pwrss / s2 + c.dof * Math.log(2 * Math.PI * s2) + (problem.reml ? c.ldRX2 : 0);
  }, varpar);
  const inv = pseudoInverseSymmetric(h, { tol: HESSIAN_TOL });
  const covVarpar = Float64Array.from(inv.inverse.data, (v) => 2 * v);
  const J = jacobian((x) => {
    const c = at(x.subarray(0, nt));
    if (!c) {
      throw new MixwellError(
        "Satterthwaite's degrees of freedom cannot be computed: near the estimates the random-effects covariance is not positive definite (the model may fit the outcome exactly). Simplify the random effects, or fit without p-values.",
      );
    }
    const s2 = x[nt] * x[nt];
    return Float64Array.from(c.unscaledVcov(), (v) => v * s2);
  }, varpar);
  const jac = Array.from({ length: q }, (_, i) => J.data.slice(i * p * p, (i + 1) * p * p));
  return { p, beta, vcovBeta, covVarpar, jac, notes: hessianNotes(inv.eigen.values) };
}

/**
 * The distinct θ that numDeriv's Hessian and Jacobian will visit (found by running both on a
 * function that only records its argument: neither branches on the values), ordered so that θ
 * differing only in the last component come one after another, each run after the first in
 * its group refactoring only the end of L (app/engine/lmm/last-term-update.ts). Evaluated in
 * this order into the cache, the real runs then find every value there: same values, in about
 * half the factorisation time for InstEval-shaped models. `vcov`: the Jacobian needs Var(β̂)
 * there, computed while L holds that θ.
 */
function visitPlan(varpar: Float64Array, nt: number, p: number): { theta: Float64Array; vcov: boolean }[] {
  const groups = new Map<string, Map<string, { theta: Float64Array; vcov: boolean }>>();
  const record = (x: Float64Array, vcov: boolean) => {
    const th = x.slice(0, nt);
    const lead = Array.prototype.join.call(th.subarray(0, nt - 1), ",");
    let group = groups.get(lead);
    if (!group) groups.set(lead, (group = new Map()));
    const key = Array.prototype.join.call(th, ",");
    const seen = group.get(key);
    if (seen) seen.vcov ||= vcov;
    else group.set(key, { theta: th, vcov });
  };
  hessian((x) => (record(x, false), 0), varpar);
  jacobian((x) => (record(x, true), new Float64Array(p * p)), varpar);
  return [...groups.values()].flatMap((g) => [...g.values()]);
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

interface ThetaPieces {
  readonly ldL2: number;
  readonly ldRX2: number;
  readonly pwrss: number;
  readonly dof: number;
  /** (RₓᵀRₓ)⁻¹, computed on first use. */
  unscaledVcov(): Float64Array;
}

/**
 * The factor's pieces at θ, computed once per distinct θ: numDeriv's steps in σ alone (and in
 * σ with one θ) revisit the same θ, and σ enters the deviance and Var(β̂) in closed form, so
 * caching saves about a third of the factorisations without changing any number.
 */
function thetaCache(problem: LmmProblem, onNew: (count: number) => void): (theta: Float64Array) => ThetaPieces | null {
  const cache = new Map<string, ThetaPieces | null>();
  const dof = problem.reml ? problem.n - problem.p : problem.n;
  return (theta) => {
    const key = Array.from(theta, (v) => v.toString()).join(",");
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    onNew(cache.size);
    // Through the problem (which tracks the θ its factor holds), then read the factor's pieces.
    if (problem.devianceAt(theta, 1) === FAILED_OBJECTIVE) {
      cache.set(key, null);
      return null;
    }
    const f = problem.factor;
    const th = Float64Array.from(theta);
    let vcov: Float64Array | null = null;
    const pieces: ThetaPieces = {
      ldL2: f.ldL2(),
      ldRX2: f.ldRX2(),
      pwrss: f.pwrss(),
      dof,
      unscaledVcov: () => (vcov ??= problem.vcovBetaAt(th, 1)),
    };
    cache.set(key, pieces);
    return pieces;
  };
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
