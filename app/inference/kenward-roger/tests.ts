/**
 * Kenward–Roger tests of linear functions of β (pbkrtest's Lb_ddf and .KR_adjust; lmerTest's
 * contest1D/contestMD with ddf = "Kenward-Roger"): for L (q rows), Θ = Lᵀ(LΦLᵀ)⁻¹L,
 * A₁ = Σ_rs W_rs tr(ΘΦP_rΦ) tr(ΘΦP_sΦ), A₂ = Σ_rs W_rs tr(ΘΦP_rΦ ΘΦP_sΦ), then B, g, c₁..c₃,
 * ρ and the denominator df 4 + (q + 2)/(qρ − 1); F = (Lβ̂)ᵀ(LΦ_ALᵀ)⁻¹(Lβ̂)/q scaled by
 * df(1 − A₂/q)/(df − 2).
 */
import { pf, pt } from "../../stats";
import { symmetricEigen } from "../../numderiv";
import { crossprod, multiply, spdInverse, trace, zeros, type Mat } from "./dense";
import type { KenwardRogerModel } from "./vcov-adjusted";

export interface KenwardRogerTTest {
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  readonly t: number;
  readonly p: number;
}

export interface KenwardRogerFTest {
  readonly numDF: number;
  readonly denDF: number;
  /** Scaled F (lmerTest's and KRmodcomp's "F value"). */
  readonly F: number;
  readonly p: number;
  readonly scaling: number;
}

/** L as a q × p matrix from its rows. */
function lMatrix(rows: readonly ArrayLike<number>[], p: number): Mat {
  const q = rows.length;
  const L = zeros(q, p);
  rows.forEach((r, i) => {
    for (let j = 0; j < p; j++) L.data[i + j * q] = r[j];
  });
  return L;
}

interface KrCoefficients {
  readonly A1: number;
  readonly A2: number;
}

function coefficients(model: KenwardRogerModel, L: Mat): KrCoefficients {
  const p = model.p;
  const Phi: Mat = { rows: p, cols: p, data: model.vcov };
  const LPhi = multiply(L, Phi);
  const inner = spdInverse(multiply(LPhi, transposeMat(L)));
  if (!inner) throw new Error("L Φ Lᵀ is not positive definite.");
  const Theta = crossprod(L, multiply(inner, L));
  const ThetaPhi = multiply(Theta, Phi);
  const u = model.P.map((P) => multiply(multiply(ThetaPhi, P), Phi));
  const tr = u.map(trace);
  const m = u.length;
  let A1 = 0;
  let A2 = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const e = i === j ? 1 : 2;
      const w = model.W.data[i + j * m];
      A1 += e * w * tr[i] * tr[j];
      A2 += e * w * trace(multiply(u[i], u[j]));
    }
  }
  return { A1, A2 };
}

function transposeMat(m: Mat): Mat {
  const out = zeros(m.cols, m.rows);
  for (let j = 0; j < m.cols; j++) for (let i = 0; i < m.rows; i++) out.data[j + i * m.cols] = m.data[i + j * m.rows];
  return out;
}

/** pbkrtest's .divZero. */
const divZero = (x: number, y: number, tol = 1e-14) => (Math.abs(x) < tol && Math.abs(y) < tol ? 1 : x / y);

function ddfAndScaling({ A1, A2 }: KrCoefficients, q: number): { df: number; scaling: number } {
  const B = (A1 + 6 * A2) / (2 * q);
  const g = ((q + 1) * A1 - (q + 4) * A2) / ((q + 2) * A2);
  const d = 3 * q + 2 * (1 - g);
  const c1 = g / d;
  const c2 = (q - g) / d;
  const c3 = (q + 2 - g) / d;
  let V0 = 1 + c1 * B;
  const V1 = 1 - c2 * B;
  const V2 = 1 - c3 * B;
  if (Math.abs(V0) < 1e-10) V0 = 0;
  const rho = (1 / q) * divZero(1 - A2 / q, V1) ** 2 * (V0 / V2);
  const df = 4 + (q + 2) / (q * rho - 1);
  const scaling = Math.abs(df - 2) < 1e-2 ? 1 : (df * (1 - A2 / q)) / (df - 2);
  return { df, scaling };
}

/** Kenward–Roger denominator df of the rows of L (pbkrtest's Lb_ddf; q = number of rows). */
export function kenwardRogerDf(model: KenwardRogerModel, rows: readonly ArrayLike<number>[]): number {
  return ddfAndScaling(coefficients(model, lMatrix(rows, model.p)), rows.length).df;
}

/** t test of ℓᵀβ = 0 with the adjusted SE and KR df (lmerTest's contest1D, ddf = "Kenward-Roger"). */
export function kenwardRogerTTest(model: KenwardRogerModel, l: ArrayLike<number>): KenwardRogerTTest {
  const p = model.p;
  let estimate = 0;
  let v = 0;
  for (let j = 0; j < p; j++) {
    estimate += l[j] * model.beta[j];
    for (let i = 0; i < p; i++) v += l[i] * model.vcovAdj[i + j * p] * l[j];
  }
  const se = Math.sqrt(v);
  const df = kenwardRogerDf(model, [l]);
  const t = estimate / se;
  return { estimate, se, df, t, p: 2 * pt(Math.abs(t), df, false) };
}

/** F test of Lβ = 0 (pbkrtest's KRmodcomp via .KR_adjust; q = rank of L). */
export function kenwardRogerFTest(model: KenwardRogerModel, rows: readonly ArrayLike<number>[]): KenwardRogerFTest {
  const p = model.p;
  const L = lMatrix(rows, p);
  const q = rank(L);
  const { df, scaling } = ddfAndScaling(coefficients(model, L), q);
  const Lb = multiply(L, { rows: p, cols: 1, data: model.beta });
  const inner = spdInverse(multiply(multiply(L, { rows: p, cols: p, data: model.vcovAdj }), transposeMat(L)));
  if (!inner) throw new Error("L Φ_A Lᵀ is not positive definite.");
  const wald = crossprod(Lb, multiply(inner, Lb)).data[0];
  const F = (scaling * wald) / q;
  return { numDF: q, denDF: df, F, p: pf(F, q, df, false), scaling };
}

function rank(L: Mat): number {
  const LLt = multiply(L, transposeMat(L));
  const values = symmetricEigen(LLt).values;
  const tol = Math.max(...Array.from(values, Math.abs)) * L.rows * 2.220446049250313e-16 * 10;
  return Array.from(values).filter((v) => v > tol).length;
}
