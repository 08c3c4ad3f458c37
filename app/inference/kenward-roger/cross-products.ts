/**
 * The pieces of the marginal covariance Σ = σ²(I + ZΛΛᵀZᵀ) that Kenward–Roger needs, without
 * forming any n × n matrix: by Woodbury, Σ⁻¹ = σ⁻²(I − Z H Zᵀ) with H = Λ(I + ΛᵀZᵀZΛ)⁻¹Λᵀ, so
 * every product Uᵀ Σ⁻ᵏ V with U, V ∈ {Z, X} is a q × q (or q × p, p × p) expression in ZᵀZ,
 * ZᵀX and XᵀX. This holds at a singular fit too (Λ need not be invertible).
 */
import type { LmmProblem } from "../../engine/lmm";
import { fillLambda } from "../../engine/lmm/theta";
import type { ModelFrame } from "../../engine/model-frame";
import { combine, crossprod, multiply, spdInverse, transpose, zeros, type Mat } from "./dense";

export interface SigmaProducts {
  readonly n: number;
  readonly p: number;
  readonly q: number;
  /** Column offset of each random-effect term in Z (level ℓ, effect a at offset + ℓ·k + a). */
  readonly termOffsets: readonly number[];
  /** ZᵀΣ⁻¹Z (q × q) and the k × k diagonal blocks (one per level) of ZᵀΣ⁻²Z, zero elsewhere; ZᵀΣ⁻¹X, ZᵀΣ⁻²X (q × p); XᵀΣ⁻²X, XᵀΣ⁻³X (p × p); tr(Σ⁻²). */
  readonly ZSZ: Mat;
  readonly ZS2Z: Mat;
  readonly ZSX: Mat;
  readonly ZS2X: Mat;
  readonly XS2X: Mat;
  readonly XS3X: Mat;
  readonly traceS2: number;
}

/** Random effects above which the q × q algebra is too slow to offer. */
export const MAX_RANDOM_EFFECTS = 2000;

export function randomEffectCount(problem: LmmProblem): number {
  return problem.terms.reduce((s, t) => s + t.nl * t.k, 0);
}

export function sigmaProducts(problem: LmmProblem, frame: ModelFrame, theta: ArrayLike<number>, sigma: number): SigmaProducts {
  const { n, p } = problem;
  const termOffsets: number[] = [];
  let q = 0;
  for (const t of problem.terms) {
    termOffsets.push(q);
    q += t.nl * t.k;
  }
  const { ZZ, ZX, XX } = crossProducts(problem, frame, termOffsets, q);
  const lambda = lambdaMatrix(problem, theta, termOffsets, q);
  // Products are ordered so that the sparse factor (Λ, ZᵀZ, H) is the right operand, whose zeros
  // `multiply` skips: one-term and nested models then cost O(q²k), not O(q³).
  const W = multiply(ZZ, lambda); // ZᵀZΛ
  const M = multiply(transpose(W), lambda); // ΛᵀZᵀZΛ
  for (let i = 0; i < q; i++) M.data[i + i * q] += 1;
  const Minv = blockwiseSpdInverse(M);
  if (!Minv) throw new Error("I + ΛᵀZᵀZΛ is not positive definite.");
  const H = multiply(transpose(multiply(Minv, transpose(lambda))), transpose(lambda)); // Λ M⁻¹ Λᵀ (symmetric)
  const s2 = sigma * sigma;
  const R = transpose(multiply(H, ZZ)); // ZᵀZ H
  const ZSZ = scale(combine(ZZ, 1, multiply(R, ZZ), -1), 1 / s2);
  const ZSX = scale(combine(ZX, 1, multiply(R, ZX), -1), 1 / s2);
  const XSX = scale(combine(XX, 1, crossprod(ZX, multiply(H, ZX)), -1), 1 / s2);
  // ZᵀΣ⁻¹ = σ⁻²(I − R)Zᵀ, XᵀΣ⁻¹ = σ⁻²(Xᵀ − ZXᵀ H Zᵀ).
  const ZS2Z = diagonalBlocksOfS2(ZSZ, R, problem, termOffsets, s2);
  const ZS2X = scale(combine(ZSX, 1, multiply(R, ZSX), -1), 1 / s2);
  const XS2X = scale(combine(XSX, 1, crossprod(ZX, multiply(H, ZSX)), -1), 1 / s2);
  const XS3X = scale(combine(XS2X, 1, crossprod(ZS2X, multiply(H, ZX)), -1), 1 / s2);
  let trR = 0;
  let trRR = 0;
  for (let i = 0; i < q; i++) {
    trR += R.data[i + i * q];
    for (let j = 0; j < q; j++) trRR += R.data[i + j * q] * R.data[j + i * q];
  }
  const traceS2 = (n - 2 * trR + trRR) / (s2 * s2);
  return { n, p, q, termOffsets, ZSZ, ZS2Z, ZSX, ZS2X, XS2X, XS3X, traceS2 };
}

function scale(m: Mat, s: number): Mat {
  return { rows: m.rows, cols: m.cols, data: m.data.map((v) => v * s) };
}

/** ZᵀZ, ZᵀX, XᵀX from the sparse row structure of Z (k non-zeros per term per row). */
function crossProducts(problem: LmmProblem, frame: ModelFrame, offsets: readonly number[], q: number) {
  const { n, p } = problem;
  const X = frame.fixed.X;
  const ZZ = zeros(q, q);
  const ZX = zeros(q, p);
  const XX = zeros(p, p);
  const cols = new Int32Array(q);
  const vals = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    let nz = 0;
    problem.terms.forEach((t, ti) => {
      const base = offsets[ti] + t.levelOfRow[i] * t.k;
      for (let a = 0; a < t.k; a++) {
        cols[nz] = base + a;
        vals[nz++] = t.rawZ[i + a * n];
      }
    });
    for (let u = 0; u < nz; u++) {
      for (let v = 0; v < nz; v++) ZZ.data[cols[u] + cols[v] * q] += vals[u] * vals[v];
      for (let j = 0; j < p; j++) ZX.data[cols[u] + j * q] += vals[u] * X[i + j * n];
    }
    for (let j = 0; j < p; j++) for (let l = 0; l < p; l++) XX.data[l + j * p] += X[i + l * n] * X[i + j * n];
  }
  return { ZZ, ZX, XX };
}

/** Λ (q × q): each term's template repeated on the diagonal, once per level. */
function lambdaMatrix(problem: LmmProblem, theta: ArrayLike<number>, offsets: readonly number[], q: number): Mat {
  const L = zeros(q, q);
  problem.terms.forEach((t, ti) => {
    const template = new Float64Array(t.k * t.k);
    fillLambda(theta, problem.theta, ti, template);
    for (let l = 0; l < t.nl; l++) {
      const o = offsets[ti] + l * t.k;
      for (let c = 0; c < t.k; c++) for (let r = 0; r < t.k; r++) L.data[o + r + (o + c) * q] = template[r + c * t.k];
    }
  });
  return L;
}

/** The per-level k × k diagonal blocks of ZᵀΣ⁻²Z = σ⁻²(ZᵀΣ⁻¹Z − R·ZᵀΣ⁻¹Z): all that tr(C_r ZₜᵀΣ⁻²Zₜ) needs. */
function diagonalBlocksOfS2(ZSZ: Mat, R: Mat, problem: LmmProblem, offsets: readonly number[], s2: number): Mat {
  const q = ZSZ.rows;
  const out = zeros(q, q);
  problem.terms.forEach((t, ti) => {
    for (let l = 0; l < t.nl; l++) {
      const o = offsets[ti] + l * t.k;
      for (let b = 0; b < t.k; b++) {
        for (let a = 0; a < t.k; a++) {
          const i = o + a;
          const j = o + b;
          let s = ZSZ.data[i + j * q];
          for (let m = 0; m < q; m++) s -= R.data[i + m * q] * ZSZ.data[m + j * q];
          out.data[i + j * q] = s / s2;
        }
      }
    }
  });
  return out;
}

/**
 * Inverse of a symmetric positive definite matrix that is block diagonal up to a permutation
 * (I + ΛᵀZᵀZΛ for one term or nested terms): each connected component of its sparsity graph is
 * inverted on its own.
 */
function blockwiseSpdInverse(M: Mat): Mat | null {
  const q = M.rows;
  const parent = Int32Array.from({ length: q }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let j = 0; j < q; j++) for (let i = j + 1; i < q; i++) if (M.data[i + j * q] !== 0) parent[find(i)] = find(j);
  const components = new Map<number, number[]>();
  for (let i = 0; i < q; i++) components.set(find(i), [...(components.get(find(i)) ?? []), i]);
  const out = zeros(q, q);
  for (const idx of components.values()) {
    const c = idx.length;
    const sub = zeros(c, c);
    for (let b = 0; b < c; b++) for (let a = 0; a < c; a++) sub.data[a + b * c] = M.data[idx[a] + idx[b] * q];
    const inv = spdInverse(sub);
    if (!inv) return null;
    for (let b = 0; b < c; b++) for (let a = 0; a < c; a++) out.data[idx[a] + idx[b] * q] = inv.data[a + b * c];
  }
  return out;
}
