/**
 * Scale and inflate (Bates et al. 2015, JSS 67(1), §3.2; MixedModels.jl's updateL!): copy A's
 * blocks into L's storage as Λᵀ A Λ (+ I on random-effect diagonal blocks), each block multiplied
 * by its terms' templates Λₜ on the appropriate side. Nothing is allocated.
 */
import type { BlockedLayout } from "./structure";

/** The storage scale-and-inflate writes into (a BlockedFactor). */
export interface ScaleTargets {
  readonly layout: BlockedLayout;
  readonly lambda: readonly Float64Array[];
  readonly diagL: readonly Float64Array[];
  readonly offL: readonly (readonly Float64Array[])[];
  readonly panelL: readonly Float64Array[];
  readonly tailL: Float64Array;
  /** k_max × k_max scratch. */
  readonly tmp: Float64Array;
  /** nt scratch (per tail index Λ factor when every tail term is scalar). */
  readonly scale: Float64Array;
  readonly tailScalar: boolean;
  /** The tail block to scale instead of A's (grouped-tail-update.ts: A's minus a prefix term's update). */
  readonly tailFrom?: Float64Array | null;
  /** A prefix term whose panel is scaled later, only when needed (blocked-factor.ts), or −1. */
  readonly panelLater?: number;
}

export function scaleInflate(s: ScaleTargets): void {
  const { m, prefix, terms } = s.layout;
  for (let j = 0; j < m; j++) {
    const { k, nl } = terms[j];
    const lj = s.lambda[j];
    const blk = prefix[j];
    const dL = s.diagL[j];
    for (let l = 0; l < nl; l++) {
      sandwich(s, blk.diagA, l * k * k, lj, k, lj, k, dL, l * k * k);
      for (let b = 0; b < k; b++) dL[l * k * k + b * (k + 1)] += 1;
    }
    for (let q = 0; q < blk.offA.length; q++) {
      const ti = terms[j + 1 + q];
      const sz = ti.k * k;
      for (let l = 0; l < nl; l++) sandwich(s, blk.offA[q], l * sz, s.lambda[j + 1 + q], ti.k, lj, k, s.offL[j][q], l * sz);
    }
    if (j !== s.panelLater) scalePanel(s, j);
  }
  scaleTail(s);
}

/** out = Λ_Lᵀ · A · Λ_R for a kL × kR block A. */
function sandwich(s: ScaleTargets, a: Float64Array, aOff: number, lamL: Float64Array, kL: number, lamR: Float64Array, kR: number, out: Float64Array, oOff: number): void {
  if (kL === 1 && kR === 1) {
    out[oOff] = lamL[0] * a[aOff] * lamR[0];
    return;
  }
  const t = s.tmp; // t = A Λ_R, kL × kR
  for (let c = 0; c < kR; c++) {
    for (let r = 0; r < kL; r++) {
      let acc = 0;
      for (let e = c; e < kR; e++) acc += a[aOff + r + e * kL] * lamR[e + c * kR];
      t[r + c * kL] = acc;
    }
  }
  for (let c = 0; c < kR; c++) {
    for (let r = 0; r < kL; r++) {
      let acc = 0;
      for (let e = r; e < kL; e++) acc += lamL[e + r * kL] * t[e + c * kL];
      out[oOff + r + c * kL] = acc;
    }
  }
}

/** Panel of prefix term j: Λₜᵀ on tail-term row groups, then Λⱼ on the right. */
export function scalePanel(s: ScaleTargets, j: number): void {
  const { prefix, terms, rowTerm, rowEffect } = s.layout;
  const { k, nl } = terms[j];
  const lj = s.lambda[j];
  const { colPtr, rowIdx, panelA } = prefix[j];
  const P = s.panelL[j];
  if (k === 1 && s.tailScalar) {
    // Every factor is a scalar: entry i is panelA[i]·λ(row)·λⱼ, with λ(row) = 1 on the X and y
    // rows — the general loop's products in its order, so the same bits, in one pass.
    const sc = tailScale(s);
    const f = lj[0];
    for (let i = 0; i < P.length; i++) P[i] = panelA[i] * sc[rowIdx[i]] * f;
    return;
  }
  P.set(panelA);
  for (let l = 0; l < nl; l++) {
    const base = colPtr[l];
    const cnt = colPtr[l + 1] - base;
    const off = base * k;
    for (let a = 0; a < cnt; a++) {
      const t = rowTerm[rowIdx[base + a]];
      if (t < 0) break; // X and y rows come last
      const kt = terms[t].k;
      const lt = s.lambda[t];
      if (kt === 1) {
        for (let c = 0; c < k; c++) P[off + a + c * cnt] *= lt[0];
      } else if (rowEffect[rowIdx[base + a]] === 0) {
        // rows a .. a+kt−1 are the kt effects of one level: new row b = Σ_{e≥b} Λ[e,b]·row e
        for (let c = 0; c < k; c++) {
          const col = off + c * cnt + a;
          for (let b = 0; b < kt; b++) {
            let acc = 0;
            for (let e = b; e < kt; e++) acc += lt[e + b * kt] * P[col + e];
            P[col + b] = acc;
          }
        }
      }
    }
    if (k === 1) {
      const f = lj[0];
      for (let a = 0; a < cnt; a++) P[off + a] *= f;
    } else {
      for (let c = 0; c < k; c++) {
        const cc = off + c * cnt;
        for (let a = 0; a < cnt; a++) {
          let acc = 0;
          for (let e = c; e < k; e++) acc += P[off + e * cnt + a] * lj[e + c * k];
          P[cc + a] = acc;
        }
      }
    }
  }
}

function scaleTail(s: ScaleTargets): void {
  const { nt, xOff, terms, rowTerm } = s.layout;
  const tailA = s.tailFrom ?? s.layout.tailA;
  const L = s.tailL;
  if (s.tailScalar) {
    const sc = tailScale(s);
    for (let j = 0; j < nt; j++) {
      const cj = j * nt;
      const sj = sc[j];
      for (let i = j; i < nt; i++) L[cj + i] = sc[i] * tailA[cj + i] * sj;
    }
  } else {
    L.set(tailA);
    // columns: (A Λ)[:, g+c] = Σ_{e≥c} A[:, g+e] Λ[e, c]
    for (let g = 0; g < xOff; ) {
      const t = rowTerm[g];
      const kt = terms[t].k;
      const lt = s.lambda[t];
      for (let c = 0; c < kt; c++) {
        const cc = (g + c) * nt;
        for (let i = 0; i < nt; i++) {
          let v = 0;
          for (let e = c; e < kt; e++) v += L[(g + e) * nt + i] * lt[e + c * kt];
          L[cc + i] = v;
        }
      }
      g += kt;
    }
    // rows: (Λᵀ M)[g+b, :] = Σ_{e≥b} Λ[e, b] M[g+e, :]
    for (let g = 0; g < xOff; ) {
      const t = rowTerm[g];
      const kt = terms[t].k;
      const lt = s.lambda[t];
      for (let j = 0; j < nt; j++) {
        const cj = j * nt + g;
        for (let b = 0; b < kt; b++) {
          let v = 0;
          for (let e = b; e < kt; e++) v += lt[e + b * kt] * L[cj + e];
          L[cj + b] = v;
        }
      }
      g += kt;
    }
  }
  for (let i = 0; i < xOff; i++) L[i * nt + i] += 1;
}

/** Per tail index, its term's scalar Λ (1 on the X and y rows), in `s.scale`; every tail term scalar. */
function tailScale(s: ScaleTargets): Float64Array {
  const { nt, rowTerm } = s.layout;
  const sc = s.scale;
  for (let i = 0; i < nt; i++) sc[i] = rowTerm[i] >= 0 ? s.lambda[rowTerm[i]][0] : 1;
  return sc;
}
