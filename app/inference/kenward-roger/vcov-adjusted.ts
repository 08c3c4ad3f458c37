/**
 * Kenward & Roger's (1997, Biometrics 53) small-sample adjusted covariance of β̂ for an LMM, as
 * pbkrtest computes it (vcovAdj16_internal; Halekoh & Højsgaard 2014, J. Stat. Softw. 59(9)).
 *
 * Variance parameters are pbkrtest's: the (co)variances of each random-effect term (its k × k
 * covariance's lower triangle, column by column), then the residual variance; the derivative of
 * Σ w.r.t. one of them is G_r = Zₜ(I ⊗ E_ab)Zₜᵀ with E_ab = e_a e_bᵀ + e_b e_aᵀ (e_a e_aᵀ on the
 * diagonal), and I for the residual. With Φ = Var(β̂):
 *   P_r = −XᵀΣ⁻¹G_rΣ⁻¹X,  Q_rs = XᵀΣ⁻¹G_rΣ⁻¹G_sΣ⁻¹X,  K_rs = tr(Σ⁻¹G_rΣ⁻¹G_s),
 *   I_rs = K_rs − 2 tr(Φ Q_rs) + tr(Φ P_r Φ P_s) (twice the expected REML information),
 *   W = 2 I⁻¹ (MASS::ginv when the smallest |eigenvalue| ≤ 1e-10),
 *   U = Σ_rs W_rs (Q_rs − P_r Φ P_s),  Φ_A = Φ + 2 Φ U Φ.
 * All products are taken at the q × q level (cross-products.ts), not with n × n matrices.
 */
import { MixwellError } from "../../errors";
import type { LmmProblem } from "../../engine/lmm";
import type { ModelFrame } from "../../engine/model-frame";
import { pseudoInverseSymmetric, symmetricEigen } from "../../numderiv";
import { MAX_RANDOM_EFFECTS, randomEffectCount, sigmaProducts, type SigmaProducts } from "./cross-products";
import { block, combine, crossprod, dot, multiply, spdInverse, zeros, type Mat } from "./dense";

export interface KenwardRogerModel {
  readonly p: number;
  readonly beta: Float64Array;
  /** Φ = Var(β̂), p × p column-major. */
  readonly vcov: Float64Array;
  /** Φ_A, the adjusted covariance (pbkrtest's vcovAdj). */
  readonly vcovAdj: Float64Array;
  /** P_r of each variance parameter and W = 2I⁻¹ (pbkrtest's attributes "P" and "W"). */
  readonly P: readonly Mat[];
  readonly W: Mat;
  /** Smallest |eigenvalue| of the information matrix (pbkrtest's "condi"). */
  readonly condition: number;
}

/** A variance parameter: entry (a, b) of term t's covariance, or the residual variance (term −1). */
interface VarParam {
  readonly term: number;
  readonly a: number;
  readonly b: number;
}

/** pbkrtest's vcovAdj at the REML estimates (θ̂, σ̂) with Φ = Var(β̂). */
export function kenwardRogerModel(problem: LmmProblem, frame: ModelFrame, theta: ArrayLike<number>, sigma: number, beta: Float64Array, vcovBeta: Float64Array): KenwardRogerModel {
  requireApplicable(problem, frame);
  const sp = sigmaProducts(problem, frame, theta, sigma);
  const params = varParams(problem);
  const p = problem.p;
  const Phi: Mat = { rows: p, cols: p, data: vcovBeta };
  const A = params.map((r) => (r.term < 0 ? null : termRows(sp, problem, r.term, sp.ZSX)));
  const CA = params.map((r, i) => (r.term < 0 ? null : applyC(A[i]!, problem.terms[r.term].k, r)));
  const P = params.map((r, i) => (r.term < 0 ? scale(sp.XS2X, -1) : scale(crossprod(A[i]!, CA[i]!), -1)));
  const m = params.length;
  const Q: Mat[][] = Array.from({ length: m }, () => new Array<Mat>(m));
  const K = zeros(m, m);
  for (let r = 0; r < m; r++) {
    for (let s = r; s < m; s++) {
      Q[r][s] = qMatrix(sp, problem, params, CA, r, s);
      K.data[r + s * m] = K.data[s + r * m] = kTrace(sp, problem, params, r, s);
    }
  }
  const info = zeros(m, m);
  for (let r = 0; r < m; r++) {
    const PhiPr = multiply(Phi, P[r]);
    for (let s = r; s < m; s++) {
      const v = K.data[r + s * m] - 2 * dot(Phi, Q[r][s]) + dot(PhiPr, multiply(P[s], Phi));
      info.data[r + s * m] = info.data[s + r * m] = v;
    }
  }
  const eig = symmetricEigen(info);
  const condition = Math.min(...Array.from(eig.values, Math.abs));
  const inv = condition > 1e-10 ? spdInverse(info) : null;
  const Winv = inv ?? pseudoInverseSymmetric(info, { keep: "nonzero", relative: true, tol: Math.sqrt(2.220446049250313e-16) }).inverse;
  const W = scale(Winv as Mat, 2);
  let U = zeros(p, p);
  for (let r = 0; r < m; r++) {
    for (let s = r; s < m; s++) {
      const term = combine(Q[r][s], 1, multiply(multiply(P[r], Phi), P[s]), -1);
      const w = W.data[r + s * m];
      // Off-diagonal pairs enter twice (U + Uᵀ in pbkrtest).
      U = r === s ? combine(U, 1, term, w) : combine(combine(U, 1, term, w), 1, transposeOf(term), w);
    }
  }
  const adj = multiply(multiply(Phi, U), Phi);
  const vcovAdj = Float64Array.from(vcovBeta, (v, i) => v + 2 * adj.data[i]);
  return { p, beta, vcov: vcovBeta, vcovAdj, P, W, condition };
}

function requireApplicable(problem: LmmProblem, frame: ModelFrame): void {
  if (!problem.reml) {
    throw new MixwellError("Kenward–Roger's method needs a REML fit (as pbkrtest and lmerTest); refit with REML or use Satterthwaite.");
  }
  if (frame.weights) throw new MixwellError("Kenward–Roger's method is not available with prior weights; use Satterthwaite.");
  const q = randomEffectCount(problem);
  if (q > MAX_RANDOM_EFFECTS) {
    throw new MixwellError(
      `Kenward–Roger's method works with matrices as large as the number of random effects (${q} here); above ${MAX_RANDOM_EFFECTS} it is too slow. Use Satterthwaite's df, which give nearly the same answer on data this size.`,
    );
  }
}

function varParams(problem: LmmProblem): VarParam[] {
  const out: VarParam[] = [];
  problem.terms.forEach((t, term) => {
    for (let b = 0; b < t.k; b++) for (let a = b; a < t.k; a++) out.push({ term, a, b });
  });
  out.push({ term: -1, a: 0, b: 0 });
  return out;
}

function scale(m: Mat, s: number): Mat {
  return { rows: m.rows, cols: m.cols, data: m.data.map((v) => v * s) };
}

function transposeOf(m: Mat): Mat {
  const out = zeros(m.cols, m.rows);
  for (let j = 0; j < m.cols; j++) for (let i = 0; i < m.rows; i++) out.data[j + i * m.cols] = m.data[i + j * m.rows];
  return out;
}

/** The rows of a q-row matrix belonging to term t. */
function termRows(sp: SigmaProducts, problem: LmmProblem, t: number, m: Mat): Mat {
  const term = problem.terms[t];
  return block(m, sp.termOffsets[t], term.nl * term.k, 0, m.cols);
}

/** (I ⊗ E_ab) M for a term's rows (k effects per level). */
function applyC(m: Mat, k: number, r: VarParam): Mat {
  const out = zeros(m.rows, m.cols);
  const levels = m.rows / k;
  for (let j = 0; j < m.cols; j++) {
    for (let l = 0; l < levels; l++) {
      const ia = l * k + r.a + j * m.rows;
      const ib = l * k + r.b + j * m.rows;
      if (r.a === r.b) out.data[ia] = m.data[ia];
      else {
        out.data[ia] = m.data[ib];
        out.data[ib] = m.data[ia];
      }
    }
  }
  return out;
}

/** Q_rs = XᵀΣ⁻¹G_rΣ⁻¹G_sΣ⁻¹X. */
function qMatrix(sp: SigmaProducts, problem: LmmProblem, params: readonly VarParam[], CA: readonly (Mat | null)[], r: number, s: number): Mat {
  const pr = params[r];
  const ps = params[s];
  if (pr.term < 0 && ps.term < 0) return sp.XS3X;
  if (ps.term < 0) return crossprod(CA[r]!, termRows(sp, problem, pr.term, sp.ZS2X));
  if (pr.term < 0) return crossprod(termRows(sp, problem, ps.term, sp.ZS2X), CA[s]!);
  const Ktu = block(sp.ZSZ, sp.termOffsets[pr.term], problem.terms[pr.term].nl * problem.terms[pr.term].k, sp.termOffsets[ps.term], problem.terms[ps.term].nl * problem.terms[ps.term].k);
  return crossprod(CA[r]!, multiply(Ktu, CA[s]!));
}

/** K_rs = tr(Σ⁻¹G_rΣ⁻¹G_s). */
function kTrace(sp: SigmaProducts, problem: LmmProblem, params: readonly VarParam[], r: number, s: number): number {
  const pr = params[r];
  const ps = params[s];
  if (pr.term < 0 && ps.term < 0) return sp.traceS2;
  if (pr.term < 0 || ps.term < 0) {
    const x = pr.term < 0 ? ps : pr;
    const t = problem.terms[x.term];
    const B = block(sp.ZS2Z, sp.termOffsets[x.term], t.nl * t.k, sp.termOffsets[x.term], t.nl * t.k);
    return traceC(applyC(B, t.k, x));
  }
  const t = problem.terms[pr.term];
  const u = problem.terms[ps.term];
  const Ktu = block(sp.ZSZ, sp.termOffsets[pr.term], t.nl * t.k, sp.termOffsets[ps.term], u.nl * u.k);
  // C_r K_tu C_s, then tr(· K_ut) = Σ (·) ∘ K_tu.
  const left = applyC(Ktu, t.k, pr);
  const both = transposeOf(applyC(transposeOf(left), u.k, ps));
  return dot(both, Ktu);
}

function traceC(m: Mat): number {
  let s = 0;
  for (let i = 0; i < m.rows; i++) s += m.data[i + i * m.rows];
  return s;
}
