/**
 * Per-θ numeric work on the blocked system (Bates et al. 2015, JSS 67(1), §3; MixedModels.jl's
 * updateL!): scale and inflate A into L (Λᵀ A Λ + I on random-effect blocks), then a blocked
 * right-looking Cholesky over the block rows — prefix levels one at a time, then the dense tail.
 * All storage is allocated once in the constructor; `update(θ)` allocates nothing.
 *
 * The prefix's contribution to the tail (Σ_ℓ P_ℓ P_ℓᵀ) is applied either as a sparse scatter
 * (WebAssembly, column-oriented; crossed designs where a level meets few tail levels, InstEval)
 * or through the dense SIMD SYRK in blocks of 64 prefix columns (fully crossed designs), by
 * estimated cost. The dense tail is factored by DenseCholesky (WebAssembly SIMD).
 *
 * A step in the last term's θ alone refactors only the end of the tail (last-term-update.ts).
 * In an LMM whose one prefix term is scalar with few distinct diagonal entries (unweighted data:
 * the levels' row counts), its tail update is a weighted sum of θ-free dense matrices instead
 * (grouped-tail-update.ts; 50,000 × 1,000 crossed levels, 10 million rows).
 *
 * After a successful update: the tail's last diagonal entry is √pwrss, the X part of the tail
 * diagonal is R_X's diagonal, and the y row of L holds the forward-solved right-hand side.
 */
import { backSolveLowerTransposed as backSolve, DenseCholesky, rightSolveLowerTransposed as rightSolve, smallCholesky as smallChol } from "../../linalg";
import { GroupedTailUpdate } from "./grouped-tail-update";
import { LastTermUpdate } from "./last-term-update";
import { scaleInflate, scalePanel, type ScaleTargets } from "./scale-inflate";
import type { BlockedLayout } from "./structure";
import { fillLambda, type ThetaLayout } from "./theta";

// Module-level copies of the per-level kernels: where TypeScript is run through a CommonJS
// transform (tsx: development, tests, benchmarks) every use of an imported name is a getter call,
// and these are called once per level per factorisation.
const backSolveLowerTransposed = backSolve;
const rightSolveLowerTransposed = rightSolve;
const smallCholesky = smallChol;

export interface Solution {
  readonly beta: Float64Array;
  /** Spherical random effects u per term (layout order), level-major (k per level). */
  readonly u: readonly Float64Array[];
}

interface ScatterAddresses {
  readonly P: number;
  readonly rowIdx: number;
  readonly colPtr: number;
  readonly tPtr: number;
  readonly tLevel: number;
  readonly tPos: number;
}

function scatterBytes(b: BlockedLayout["prefix"][number], nt: number): number {
  const r8 = (x: number) => Math.ceil(x / 8) * 8;
  const nnz = b.rowIdx.length;
  return r8(nnz * 8) + 3 * r8(nnz * 4) + r8(b.colPtr.length * 4) + r8((nt + 1) * 4);
}

/**
 * The sparse scatter costs about DENSE_UPDATE_RATIO times more per update than a multiply-add of
 * the SIMD SYRK (measured on this project's kernels: ≈ 4 ns against ≈ 0.25 ns): the dense path
 * wins once Σ_ℓ k·cnt_ℓ²/2 scattered updates exceed (nl·k)·nt²/2 / DENSE_UPDATE_RATIO.
 */
const DENSE_UPDATE_RATIO = 16;

function denseIsCheaper(b: BlockedLayout["prefix"][number], k: number, nl: number, nt: number): boolean {
  let sparse = 0;
  for (let l = 0; l < nl; l++) {
    const cnt = b.colPtr[l + 1] - b.colPtr[l];
    sparse += k * cnt * cnt;
  }
  return sparse * DENSE_UPDATE_RATIO > nl * k * nt * nt;
}

export class BlockedFactor implements ScaleTargets {
  readonly layout: BlockedLayout;
  readonly thetaLayout: ThetaLayout;
  readonly lambda: Float64Array[];
  readonly diagL: Float64Array[];
  readonly offL: Float64Array[][];
  readonly panelL: Float64Array[];
  readonly tailL: Float64Array;
  private readonly tail: DenseCholesky;
  /** The shortcut for steps in the last term's θ alone (last-term-update.ts), where it applies. */
  private readonly lastTerm: LastTermUpdate | null;
  private readonly scatterAddr: (ScatterAddresses | null)[];
  /** Per prefix term: whether its tail update goes through the dense SIMD path. */
  readonly denseUpdate: readonly boolean[];
  /** Scratch for scale-inflate.ts. */
  readonly tmp: Float64Array;
  readonly tailScalar: boolean;
  readonly scale: Float64Array;
  /** The first prefix term's tail update by groups of levels (grouped-tail-update.ts), where it applies. */
  private readonly grouped: GroupedTailUpdate | null;
  /** A's tail block less the grouped update, for scale-inflate.ts (null: A's own). */
  tailFrom: Float64Array | null = null;
  /**
   * With the grouped update, the first prefix term's panel is needed only for β̂, û and the
   * conditional SDs, not for the criterion: it is scaled and solved then (ensurePanels), not at
   * every evaluation.
   */
  readonly panelLater: number;
  private panelPending = false;
  /** Scratch of solveInto. */
  private xtScratch: Float64Array | null = null;
  private readonly rhsScratch: Float64Array;
  private uOff: Int32Array | null = null;
  /** Per prefix term on the dense tail-update path: its panel's packing plan (updateTailDense), made at first use. */
  private readonly packPlans: ({ start: Int32Array; pos: Int32Array } | undefined)[] = [];
  /** Whether the last update's Cholesky succeeded (and L is still intact). */
  ok = false;

  /**
   * `useSimd` false forces the plain TypeScript kernels (where WebAssembly SIMD is missing they
   * are used anyway). `fixedA`: A never changes after construction (the LMM; not the GLMM, whose
   * PIRLS rewrites A's weights in place), which allows the last-term shortcut: it reuses part of
   * the factor of an earlier θ.
   */
  constructor(layout: BlockedLayout, thetaLayout: ThetaLayout, useSimd = true, fixedA = false) {
    this.layout = layout;
    this.thetaLayout = thetaLayout;
    this.lambda = layout.terms.map((t) => new Float64Array(t.k * t.k));
    this.diagL = layout.prefix.map((b) => new Float64Array(b.diagA.length));
    this.offL = layout.prefix.map((b) => b.offA.map((a) => new Float64Array(a.length)));
    // Scalar prefix terms keep their panel and its index arrays in the kernels' memory, where the
    // WebAssembly scatter kernel does the prefix-to-tail update.
    const scalar = layout.prefix.map((_, j) => layout.terms[j].k === 1);
    const extra = layout.prefix.reduce((s, b, j) => s + (scalar[j] ? scatterBytes(b, layout.nt) : 0), 0);
    this.tail = new DenseCholesky(layout.nt, useSimd, extra);
    this.tailL = this.tail.a;
    this.denseUpdate = layout.prefix.map((b, j) => this.tail.kernels !== null && denseIsCheaper(b, layout.terms[j].k, layout.terms[j].nl, layout.nt));
    let at = this.tail.extraBase;
    const buf = this.tail.extraBuffer;
    this.scatterAddr = [];
    this.panelL = layout.prefix.map((b, j) => {
      if (!scalar[j] || !this.tail.kernels) {
        this.scatterAddr.push(null);
        return new Float64Array(b.panelA.length);
      }
      const place = <T extends Int32Array | Float64Array>(src: T): number => {
        const addr = at;
        if (src instanceof Float64Array) new Float64Array(buf, addr, src.length).set(src);
        else new Int32Array(buf, addr, src.length).set(src);
        at += Math.ceil(src.byteLength / 8) * 8;
        return addr;
      };
      const P = place(b.panelA);
      const addr = { P, rowIdx: place(b.rowIdx), colPtr: place(b.colPtr), tPtr: place(b.tPtr), tLevel: place(b.tLevel), tPos: place(b.tPos) };
      this.scatterAddr.push(addr);
      return new Float64Array(buf, P, b.panelA.length);
    });
    const kmax = Math.max(1, ...layout.terms.map((t) => t.k));
    this.tmp = new Float64Array(kmax * kmax);
    this.rhsScratch = new Float64Array(kmax);
    this.tailScalar = layout.terms.slice(layout.m).every((t) => t.k === 1);
    this.scale = new Float64Array(layout.nt);
    this.lastTerm = fixedA ? LastTermUpdate.forLayout(layout, this.tail) : null;
    this.grouped = GroupedTailUpdate.forLayout(layout, fixedA);
    this.panelLater = this.grouped && layout.prefix[this.grouped.term].offA.length === 0 ? this.grouped.term : -1;
  }

  /** Scale and solve a panel left for later (see panelLater); a no-op when there is none. */
  ensurePanels(): void {
    if (!this.panelPending) return;
    const j = this.panelLater;
    scalePanel(this, j);
    const { k, nl } = this.layout.terms[j];
    const { colPtr } = this.layout.prefix[j];
    const D = this.diagL[j];
    const P = this.panelL[j];
    for (let l = 0; l < nl; l++) {
      const base = colPtr[l];
      const cnt = colPtr[l + 1] - base;
      rightSolveLowerTransposed(P, cnt, cnt, base * k, D, k, l * k * k);
    }
    this.panelPending = false;
  }

  /** Scale, inflate and factor at θ. Returns false (and sets ok) when L is not positive definite. */
  update(theta: ArrayLike<number>): boolean {
    const { terms } = this.layout;
    for (let t = 0; t < terms.length; t++) fillLambda(theta, this.thetaLayout, t, this.lambda[t]);
    if (this.lastTerm?.applies(this.lambda)) {
      this.ok = this.lastTerm.update(this.layout, this.lambda, this.panelL, this.tail);
      return this.ok;
    }
    this.lastTerm?.invalidate();
    this.panelPending = this.panelLater >= 0;
    if (this.grouped) {
      this.grouped.fill(this.layout, this.lambda[this.grouped.term][0]);
      this.tailFrom = this.grouped.tailA;
    }
    scaleInflate(this);
    this.ok = this.factor();
    return this.ok;
  }

  // ---------- factor ----------

  private factor(): boolean {
    const { m, terms, prefix } = this.layout;
    for (let j = 0; j < m; j++) {
      const { k, nl } = terms[j];
      const blk = prefix[j];
      const D = this.diagL[j];
      const P = this.panelL[j];
      for (let l = 0; l < nl; l++) {
        const dOff = l * k * k;
        if (!smallCholesky(D, k, dOff)) return false;
        const base = blk.colPtr[l];
        const cnt = blk.colPtr[l + 1] - base;
        const pOff = base * k;
        if (j !== this.panelLater) rightSolveLowerTransposed(P, cnt, cnt, pOff, D, k, dOff);
        for (let q = 0; q < blk.offA.length; q++) {
          const ki = terms[j + 1 + q].k;
          rightSolveLowerTransposed(this.offL[j][q], ki, ki, l * ki * k, D, k, dOff);
        }
        for (let q = 0; q < blk.offA.length; q++) this.updateFromPrefix(j, l, q);
      }
    }
    for (let j = 0; j < m; j++) if (j !== this.grouped?.term) this.updateTail(j);
    if (!this.lastTerm) return this.tail.factor() === 0;
    const { c0 } = this.lastTerm;
    const ok = this.tail.factorRange(0, c0) === 0;
    this.lastTerm.capture(this.tailL, this.layout.nt, this.lambda, ok);
    return ok && this.tail.factorRange(c0, this.layout.nt) === 0;
  }

  /** Updates caused by level l of prefix term j on prefix term i = j + 1 + q. */
  private updateFromPrefix(j: number, l: number, q: number): void {
    const { terms, prefix } = this.layout;
    const k = terms[j].k;
    const i = j + 1 + q;
    const ki = terms[i].k;
    const blk = prefix[j];
    const pl = blk.parent[q][l];
    const B = this.offL[j][q];
    const bOff = l * ki * k;
    // diagonal block of term i at level pl: −= B Bᵀ
    const Di = this.diagL[i];
    const dOff = pl * ki * ki;
    for (let c = 0; c < ki; c++) {
      for (let r = c; r < ki; r++) {
        let s = 0;
        for (let e = 0; e < k; e++) s += B[bOff + r + e * ki] * B[bOff + c + e * ki];
        Di[dOff + r + c * ki] -= s;
      }
    }
    // blocks between term i and later prefix terms h: L_hi[pl] −= B_h B_iᵀ
    for (let qh = q + 1; qh < blk.offA.length; qh++) {
      const kh = terms[j + 1 + qh].k;
      const Bh = this.offL[j][qh];
      const bhOff = l * kh * k;
      const target = this.offL[i][qh - q - 1];
      const tOff = pl * kh * ki;
      for (let c = 0; c < ki; c++) {
        for (let r = 0; r < kh; r++) {
          let s = 0;
          for (let e = 0; e < k; e++) s += Bh[bhOff + r + e * kh] * B[bOff + c + e * ki];
          target[tOff + r + c * kh] -= s;
        }
      }
    }
    // tail panel of term i at level pl: −= P Bᵀ on this level's rows
    const P = this.panelL[j];
    const base = blk.colPtr[l];
    const cnt = blk.colPtr[l + 1] - base;
    const pOff = base * k;
    const rel = blk.rel[q];
    const blkI = prefix[i];
    const baseI = blkI.colPtr[pl];
    const cntI = blkI.colPtr[pl + 1] - baseI;
    const PI = this.panelL[i];
    const piOff = baseI * ki;
    for (let a = 0; a < cnt; a++) {
      const row = rel[base + a] - baseI;
      for (let c = 0; c < ki; c++) {
        let s = 0;
        for (let e = 0; e < k; e++) s += P[pOff + a + e * cnt] * B[bOff + c + e * ki];
        PI[piOff + row + c * cntI] -= s;
      }
    }
  }

  /**
   * Tail lower triangle −= Σ_ℓ P_ℓ P_ℓᵀ over the levels of prefix term j, column by column
   * (left-looking): column i gathers every level whose pattern contains row i, so the writes stay
   * in one column (cache-resident) instead of scattering over the whole tail.
   */
  private updateTail(j: number): void {
    const nt = this.layout.nt;
    if (this.denseUpdate[j]) {
      this.updateTailDense(j);
      return;
    }
    const sa = this.scatterAddr[j];
    if (sa && this.tail.kernels) {
      this.tail.kernels.scatter(this.tailL.byteOffset, nt, sa.tPtr, sa.tLevel, sa.tPos, sa.colPtr, sa.rowIdx, sa.P);
      return;
    }
    const k = this.layout.terms[j].k;
    const { colPtr, rowIdx, tPtr, tLevel, tPos } = this.layout.prefix[j];
    const P = this.panelL[j];
    const T = this.tailL;
    for (let i = 0; i < nt; i++) {
      const col = i * nt;
      for (let q = tPtr[i]; q < tPtr[i + 1]; q++) {
        const l = tLevel[q];
        const base = colPtr[l];
        const cnt = colPtr[l + 1] - base;
        const a = tPos[q];
        for (let e = 0; e < k; e++) {
          const pe = base * k + e * cnt;
          const va = P[pe + a];
          if (va === 0) continue;
          for (let b = a; b < cnt; b++) T[col + rowIdx[base + b]] -= P[pe + b] * va;
        }
      }
    }
  }

  /**
   * Overwrite the random-effect part of the tail factor with its inverse (for conditional
   * variances). The factor is then no longer valid: `ok` becomes false until the next update.
   */
  invertTailRandomPart(): void {
    this.ensurePanels();
    this.lastTerm?.invalidate();
    this.tail.invertLeading(this.layout.xOff);
    this.ok = false;
  }

  /**
   * The same update through the SIMD SYRK kernel: 64 prefix columns (level × effect) at a time
   * are written into a zeroed dense panel over all tail rows. Chosen where the panels are dense
   * enough (fully crossed designs), see DENSE_UPDATE_RATIO.
   */
  private updateTailDense(j: number): void {
    const P = this.panelL[j];
    const { start, pos } = (this.packPlans[j] ??= this.packPlan(j));
    for (let b = 0; b + 1 < start.length; b++) {
      const kb = Math.min(DenseCholesky.PANEL_WIDTH, this.layout.terms[j].nl * this.layout.terms[j].k - b * DenseCholesky.PANEL_WIDTH);
      const pack = this.tail.beginExternalPanel(kb) as Float64Array;
      for (let i = start[b]; i < start[b + 1]; i++) pack[pos[i]] = P[i];
      this.tail.applyExternalPanel(kb);
    }
  }

  /**
   * Where each panel entry of prefix term j goes in its block's packed panel (updateTailDense).
   * Columns (level × effect) are consecutive in the panel, so block b is the panel's entries
   * start[b] .. start[b + 1]; the positions depend on the pattern only and are computed once.
   */
  private packPlan(j: number): { start: Int32Array; pos: Int32Array } {
    const k = this.layout.terms[j].k;
    const { colPtr, rowIdx } = this.layout.prefix[j];
    const total = this.layout.terms[j].nl * k;
    const width = DenseCholesky.PANEL_WIDTH;
    const nb = Math.ceil(total / width);
    const start = new Int32Array(nb + 1);
    const pos = new Int32Array(this.panelL[j].length);
    for (let b = 0; b < nb; b++) {
      const c0 = b * width;
      const kb = Math.min(width, total - c0);
      for (let c = 0; c < kb; c++) {
        const l = Math.floor((c0 + c) / k);
        const e = (c0 + c) % k;
        const base = colPtr[l];
        const cnt = colPtr[l + 1] - base;
        const pe = base * k + e * cnt;
        if (c === 0) start[b] = pe;
        for (let a = 0; a < cnt; a++) pos[pe + a] = DenseCholesky.packIndex(rowIdx[base + a], c, kb);
      }
    }
    start[nb] = colPtr[this.layout.terms[j].nl] * k;
    return { start, pos };
  }

  // ---------- results of a factorisation ----------

  /** log|L_Z|² = 2 Σ log diag of the random-effect part of L. */
  ldL2(): number {
    const { m, terms, xOff, nt } = this.layout;
    let s = 0;
    for (let j = 0; j < m; j++) {
      const { k, nl } = terms[j];
      const D = this.diagL[j];
      for (let l = 0; l < nl; l++) for (let b = 0; b < k; b++) s += Math.log(D[l * k * k + b * (k + 1)]);
    }
    for (let i = 0; i < xOff; i++) s += Math.log(this.tailL[i * (nt + 1)]);
    return 2 * s;
  }

  /** log|R_X|² = 2 Σ log diag of the X part of L. */
  ldRX2(): number {
    const { xOff, yOff, nt } = this.layout;
    let s = 0;
    for (let i = xOff; i < yOff; i++) s += Math.log(this.tailL[i * (nt + 1)]);
    return 2 * s;
  }

  /** Penalised (weighted) residual sum of squares ‖y − Xβ − ZΛu‖² + ‖u‖². */
  pwrss(): number {
    const { yOff, nt } = this.layout;
    const r = this.tailL[yOff * (nt + 1)];
    return r * r;
  }

  /** β̂ and û by back-substitution Lᵀ[u; β] = (y row of L). */
  solve(): Solution {
    const { terms, yOff, xOff } = this.layout;
    const off = this.uOffsets();
    const all = new Float64Array(off[terms.length]);
    const beta = new Float64Array(yOff - xOff);
    this.solveInto(all, beta);
    return { beta, u: terms.map((_, t) => all.slice(off[t], off[t + 1])) };
  }

  /**
   * solve() into the caller's storage: û of every term concatenated in layout order (term t at
   * the sum of the earlier terms' nl·k) into `u`, β̂ into `beta`. Allocates nothing after the
   * first call (PIRLS solves at every iteration).
   */
  solveInto(u: Float64Array, beta: Float64Array): void {
    this.ensurePanels();
    const { m, terms, prefix, yOff, nt, xOff, tailOff } = this.layout;
    const off = this.uOffsets();
    const xt = (this.xtScratch ??= new Float64Array(yOff));
    for (let c = 0; c < yOff; c++) xt[c] = this.tailL[yOff + c * nt];
    backSolveLowerTransposed(this.tailL, yOff, nt, 0, xt);
    const rhs = this.rhsScratch;
    for (let j = m - 1; j >= 0; j--) {
      const { k, nl } = terms[j];
      const blk = prefix[j];
      const P = this.panelL[j];
      const oj = off[j];
      for (let l = 0; l < nl; l++) {
        const base = blk.colPtr[l];
        const cnt = blk.colPtr[l + 1] - base;
        const pOff = base * k;
        for (let b = 0; b < k; b++) {
          const col = pOff + b * cnt;
          let s = P[col + cnt - 1];
          for (let a = 0; a < cnt - 1; a++) s -= P[col + a] * xt[blk.rowIdx[base + a]];
          for (let q = 0; q < blk.offA.length; q++) {
            const ki = terms[j + 1 + q].k;
            const pl = blk.parent[q][l];
            const B = this.offL[j][q];
            const oi = off[j + 1 + q];
            for (let r = 0; r < ki; r++) s -= B[l * ki * k + r + b * ki] * u[oi + pl * ki + r];
          }
          rhs[b] = s;
        }
        backSolveLowerTransposed(this.diagL[j], k, k, l * k * k, rhs);
        for (let b = 0; b < k; b++) u[oj + l * k + b] = rhs[b];
      }
    }
    for (let t = m; t < terms.length; t++) {
      const src = tailOff[t - m];
      const n = terms[t].nl * terms[t].k;
      for (let i = 0; i < n; i++) u[off[t] + i] = xt[src + i];
    }
    for (let i = xOff; i < yOff; i++) beta[i - xOff] = xt[i];
  }

  /** Start of each term's û in solveInto's concatenation (and the total at the end). */
  private uOffsets(): Int32Array {
    if (this.uOff) return this.uOff;
    const { terms } = this.layout;
    const off = new Int32Array(terms.length + 1);
    for (let t = 0; t < terms.length; t++) off[t + 1] = off[t] + terms[t].nl * terms[t].k;
    this.uOff = off;
    return off;
  }

}
