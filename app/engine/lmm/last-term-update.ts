/**
 * Refactoring L when only the last random-effect term's θ changed (a scalar term in the dense
 * tail, after the other tail terms): numerical derivatives (lmerTest's Satterthwaite Hessian and
 * Jacobian, lme4's convergence check) step one θ at a time, and for InstEval-shaped models the
 * last term's steps would otherwise cost a whole factorisation each.
 *
 * Why it works (blocked right-looking Cholesky, LAPACK dpotrf): split the tail at a block
 * boundary c0 ≤ the last term's first row. Its rows r ≥ c0 enter the scaled tail T = Λᵀ B Λ + I
 * only through a factor s_r (λ of the last term; 1 for X and y rows) on row and column r. With
 * the same θ elsewhere, L's columns < c0 keep their values on rows < c0 and are multiplied by
 * s_new/s_old on rows of the last term (L₂₁ = T₂₁ L₁₁⁻ᵀ), and the Schur complement
 * S = T₂₂ − L₂₁L₂₁ᵀ that the factorisation reaches at c0 becomes
 * S_new = R (S_ref − D) R + D, R = diag(s_new/s_ref), D = the identity on random-effect rows.
 * So a full factorisation keeps S_ref (copied at c0), and such a step rescales L₂₁ and the prefix
 * panels' rows of the last term, rebuilds S_new and factors only the trailing block.
 */
import { DenseCholesky } from "../../linalg";
import type { BlockedLayout } from "./structure";

/** The trailing block is copied only while it is small. */
const MAX_TRAILING = 512;

export class LastTermUpdate {
  /** First row (a block boundary) of the trailing part, and the last term's rows [first, xOff). */
  readonly c0: number;
  private readonly first: number;
  private readonly last: number;
  private readonly snapshot: Float64Array;
  /** λ of every earlier term at the snapshot, and the last term's λ at the snapshot and in L now. */
  private readonly refLambda: Float64Array[];
  private refScale = 0;
  private curScale = 0;
  /** Whether L's leading columns are those of the snapshot's θ (up to the last term's rows). */
  private valid = false;

  private constructor(layout: BlockedLayout, c0: number) {
    this.c0 = c0;
    this.last = layout.terms.length - 1;
    this.first = layout.tailOff[this.last - layout.m];
    const w = layout.nt - c0;
    this.snapshot = new Float64Array(w * w);
    this.refLambda = layout.terms.slice(0, this.last).map((t) => new Float64Array(t.k * t.k));
  }

  /** The helper for a layout where it applies: a scalar last term in the tail, starting after one block. */
  static forLayout(layout: BlockedLayout, tail: DenseCholesky): LastTermUpdate | null {
    const { terms, m, nt } = layout;
    if (!tail.resumable || terms.length - m < 2) return null;
    if (!terms.slice(m).every((t) => t.k === 1)) return null;
    const first = layout.tailOff[terms.length - 1 - m];
    const c0 = Math.floor(first / DenseCholesky.BLOCK) * DenseCholesky.BLOCK;
    if (c0 === 0 || nt - c0 > MAX_TRAILING) return null;
    return new LastTermUpdate(layout, c0);
  }

  /** Forget the snapshot (L was overwritten, e.g. inverted for conditional variances). */
  invalidate(): void {
    this.valid = false;
  }

  /** Whether L at `lambda` can be had from the snapshot (same λ except the last term's; none zero or not finite). */
  applies(lambda: readonly Float64Array[]): boolean {
    if (!this.valid) return false;
    const usable = (v: number) => Number.isFinite(v) && v !== 0;
    if (!usable(lambda[this.last][0]) || !usable(this.refScale) || !usable(this.curScale)) return false;
    for (let t = 0; t < this.last; t++) {
      const a = lambda[t];
      const b = this.refLambda[t];
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    }
    return true;
  }

  /**
   * Called by a full factorisation when its dense tail has reached column c0 (`ok` false when
   * it failed before): keep the trailing Schur complement and the λ it belongs to.
   */
  capture(L: Float64Array, nt: number, lambda: readonly Float64Array[], ok: boolean): void {
    this.valid = ok;
    if (!ok) return;
    const { c0, snapshot } = this;
    const w = nt - c0;
    for (let j = 0; j < w; j++) {
      const src = c0 + (c0 + j) * nt;
      snapshot.set(L.subarray(src + j, src + w), j + j * w);
    }
    for (let t = 0; t < this.last; t++) this.refLambda[t].set(lambda[t]);
    this.refScale = lambda[this.last][0];
    this.curScale = this.refScale;
  }

  /**
   * L at the last term's new λ (after `applies`): rescale its rows of L₂₁ and of the prefix
   * panels, rebuild the trailing block from the snapshot and factor it. False if not positive
   * definite.
   */
  update(layout: BlockedLayout, lambda: readonly Float64Array[], panels: readonly Float64Array[], tail: DenseCholesky): boolean {
    const { c0, first, snapshot } = this;
    const { nt, xOff, prefix, terms } = layout;
    const L = tail.a;
    const s = lambda[this.last][0];
    const rho = s / this.curScale;
    for (let j = 0; j < c0; j++) for (let i = first; i < xOff; i++) L[i + j * nt] *= rho;
    for (let p = 0; p < prefix.length; p++) {
      const { colPtr, rowIdx } = prefix[p];
      const k = terms[p].k;
      const P = panels[p];
      for (let l = 0; l < terms[p].nl; l++) {
        const base = colPtr[l];
        const cnt = colPtr[l + 1] - base;
        for (let a = 0; a < cnt; a++) {
          const row = rowIdx[base + a];
          if (row < first || row >= xOff) continue;
          for (let e = 0; e < k; e++) P[base * k + a + e * cnt] *= rho;
        }
      }
    }
    this.curScale = s;
    const ratio = s / this.refScale;
    const w = nt - c0;
    for (let j = 0; j < w; j++) {
      const cj = c0 + j;
      const rj = cj >= first && cj < xOff ? ratio : 1;
      for (let i = j; i < w; i++) {
        const ci = c0 + i;
        const ri = ci >= first && ci < xOff ? ratio : 1;
        const v = snapshot[i + j * w];
        if (ri === 1 && rj === 1) L[ci + cj * nt] = v;
        else if (i === j) L[ci + cj * nt] = ri * rj * (v - 1) + 1;
        else L[ci + cj * nt] = ri * rj * v;
      }
    }
    return tail.factorRange(c0, nt) === 0;
  }
}
