/**
 * Dense Cholesky whose matrix lives in WebAssembly memory so that the trailing update runs in
 * the SIMD kernel of wasm-syrk.ts. Same algorithm as choleskyInPlace (blocked right-looking,
 * LAPACK dpotrf), with the panel kept column-major in place: the triangular solve is a sequence
 * of column axpys and the update reads the panel's columns directly. Falls back to
 * choleskyInPlace where WebAssembly SIMD is missing.
 */
import { choleskyInPlace, choleskyUnblocked, choleskyWorkspace } from "./dense-cholesky";
import { createSimdKernels, TRSM_WIDTH, type SimdKernels } from "./wasm-syrk";

const NB = TRSM_WIDTH;
/**
 * Rows of the trailing update done per pass over the panel's columns: 256 rows of a 64-wide
 * packed panel are 128 KiB, so they stay in L2 while every 4-column tile above them reads them
 * (one pass over the whole panel per tile column streamed it from L3: ≈ 20% slower at n ≈ 1,100).
 */
const ROW_BLOCK = 256;

export class DenseCholesky {
  /** The n × n matrix, column-major (leading dimension n); factor() overwrites its lower triangle with L. */
  readonly a: Float64Array;
  readonly n: number;
  /** The WebAssembly kernels over the memory that holds `a`, or null without SIMD. */
  readonly kernels: SimdKernels | null;
  /** Buffer and byte offset of `extraBytes` of caller space (in the kernels' memory when SIMD is on). */
  readonly extraBuffer: ArrayBuffer;
  readonly extraBase: number;
  private readonly work: Float64Array | null;
  /** Where the packed panel starts in the wasm memory (in doubles). */
  private readonly packOffset: number;
  /** A 4 × 4 scratch tile (in doubles) for the tiles on the diagonal and below the last full strip. */
  private readonly scratchOffset: number;
  /** The diagonal block L₁₁ row-major with reciprocal diagonal, for trsmPack (in doubles). */
  private readonly ltOffset: number;

  constructor(n: number, useSimd = true, extraBytes = 0) {
    this.n = n;
    this.scratchOffset = n * n + 8;
    this.ltOffset = this.scratchOffset + 16;
    this.packOffset = this.ltOffset + NB * NB;
    const ownBytes = (this.packOffset + (n + 4) * NB) * 8;
    this.kernels = useSimd ? createSimdKernels(ownBytes + extraBytes + 64) : null;
    this.a = this.kernels ? new Float64Array(this.kernels.memory.buffer, 0, n * n) : new Float64Array(n * n);
    this.extraBuffer = this.kernels ? (this.kernels.memory.buffer as ArrayBuffer) : new ArrayBuffer(extraBytes + 64);
    this.extraBase = this.kernels ? Math.ceil(ownBytes / 64) * 64 : 0;
    this.work = this.kernels ? null : choleskyWorkspace(n);
  }

  /** Factor in place; 0 on success, else j + 1 for the first non-positive pivot j. */
  factor(): number {
    return this.factorRange(0, this.n);
  }

  /** The block size: factorRange's `from` and `to` are multiples of it (or n). */
  static readonly BLOCK = NB;

  /** Whether factorRange can stop and resume inside the matrix (SIMD path, n > BLOCK). */
  get resumable(): boolean {
    return this.kernels !== null && this.n > NB;
  }

  /**
   * The blocked factorisation restricted to the panels starting in [from, to): with from = 0 and
   * to = n it is factor(). Stopping at `to` leaves columns ≥ to holding their Schur complement
   * (what a caller may copy and later modify before resuming with factorRange(to, n)); a run of
   * ranges computes exactly what one factor() does. Only where `resumable`. 0 on success, else
   * j + 1 for the first non-positive pivot j.
   */
  factorRange(from: number, to: number): number {
    const { a, n, kernels } = this;
    if (!kernels || n <= NB) {
      if (from !== 0 || to !== n) throw new Error("factorRange: not resumable without the SIMD kernels");
      return choleskyInPlace(a, n, n, this.work ?? undefined);
    }
    for (let k0 = from; k0 < to; k0 += NB) {
      const kb = Math.min(NB, n - k0);
      const info = choleskyUnblocked(a, kb, n, k0);
      if (info !== 0) return k0 + info;
      const s = k0 + kb;
      const m = n - s;
      if (m === 0) break;
      this.panelSolveAndPack(k0, s, m);
      this.updateFromPack(kb, s, m);
    }
    return 0;
  }

  /**
   * Overwrite the leading m × m lower triangle (a Cholesky factor L) with L⁻¹, in place, column
   * by column from the right (LAPACK dtrti2): L⁻¹[j, j] = 1/L[j, j] and
   * L⁻¹[j+1.., j] = −L⁻¹[j+1.., j+1..] · L[j+1.., j] / L[j, j], the product done as column axpys.
   */
  invertLeading(m: number): void {
    const { a, n, kernels } = this;
    for (let j = m - 1; j >= 0; j--) {
      const col = j * n;
      const d = 1 / a[j + col];
      a[j + col] = d;
      for (let c = m - 1; c > j; c--) {
        const xc = a[c + col];
        if (xc === 0) continue;
        const len = m - c - 1;
        const src = c * n + c + 1;
        const dst = col + c + 1;
        if (kernels && len >= 8) {
          const even = len & ~1;
          kernels.axpy(dst * 8, src * 8, -xc, even);
          if (even < len) a[dst + len - 1] += a[src + len - 1] * xc;
        } else {
          for (let i = 0; i < len; i++) a[dst + i] += a[src + i] * xc;
        }
        a[c + col] = a[c + c * n] * xc;
      }
      for (let i = j + 1; i < m; i++) a[i + col] *= -d;
    }
  }

  /**
   * A[s.., k0..k0+NB) ← A[s.., k0..) · L₁₁⁻ᵀ, and the result packed in 4-row strips for the
   * trailing update: trsmPack on the full strips, the same recurrence in TypeScript on the last
   * m mod 4 rows (their strip zero-padded).
   */
  private panelSolveAndPack(k0: number, s: number, m: number): void {
    const { a, n } = this;
    const k = this.kernels as SimdKernels;
    const mem = new Float64Array(k.memory.buffer);
    const lt = this.ltOffset;
    for (let c = 0; c < NB; c++) {
      for (let t = 0; t < c; t++) mem[lt + c * NB + t] = a[k0 + c + (k0 + t) * n];
      mem[lt + c * NB + c] = 1 / a[k0 + c + (k0 + c) * n];
    }
    const strips = m >> 2;
    if (strips > 0) k.trsmPack((s + k0 * n) * 8, n * 8, lt * 8, this.packOffset * 8, strips);
    const rows = m & 3;
    if (rows === 0) return;
    const pack = this.packOffset + strips * 4 * NB;
    for (let r = 0; r < 4; r++) {
      const row = s + 4 * strips + r;
      for (let c = 0; c < NB; c++) {
        if (r >= rows) {
          mem[pack + c * 4 + r] = 0;
          continue;
        }
        let x = a[row + (k0 + c) * n];
        for (let t = 0; t < c; t++) x -= mem[pack + t * 4 + r] * mem[lt + c * NB + t];
        x *= mem[lt + c * NB + c];
        mem[pack + c * 4 + r] = x;
        a[row + (k0 + c) * n] = x;
      }
    }
  }

  /** Width limit of an external panel (see beginExternalPanel). */
  static readonly PANEL_WIDTH = NB;

  /**
   * Start an update A −= P·Pᵀ of the whole lower triangle from a caller-filled panel P (n × kb,
   * kb ≤ PANEL_WIDTH): returns the zeroed packed buffer, where P[row, c] goes at
   * packIndex(row, c, kb). Null without SIMD kernels.
   */
  beginExternalPanel(kb: number): Float64Array | null {
    if (!this.kernels || kb > NB || kb < 1) return null;
    const pack = new Float64Array(this.kernels.memory.buffer, this.packOffset * 8, ((this.n + 3) >> 2) * 4 * kb);
    pack.fill(0);
    return pack;
  }

  /** Position of P[row, c] in a packed panel of width kb. */
  static packIndex(row: number, c: number, kb: number): number {
    return (row >> 2) * 4 * kb + c * 4 + (row & 3);
  }

  /** Apply the external panel filled after beginExternalPanel(kb). */
  applyExternalPanel(kb: number): void {
    this.updateFromPack(kb, 0, this.n);
  }

  /** Lower triangle of A[s.., s..] (m × m) −= P·Pᵀ for the packed panel P (m × kb). */
  private updateFromPack(kb: number, s: number, m: number): void {
    const { a, n } = this;
    const k = this.kernels as SimdKernels;
    const strip = 4 * kb;
    const packBytes = this.packOffset * 8;
    const sc = this.scratchOffset;
    const mem = new Float64Array(k.memory.buffer, sc * 8, 16);
    // Tile into the scratch (kernel computes 0 − Σ), then add the entries that belong to A.
    const tile = (i: number, j: number, rowLimit: number) => {
      mem.fill(0);
      k.syrk4x4(sc * 8, packBytes + (i >> 2) * strip * 8, packBytes + (j >> 2) * strip * 8, 32, 1, kb);
      for (let q = 0; q < 4 && j + q < m; q++) {
        for (let r = 0; r < 4 && i + r < rowLimit; r++) if (i + r >= j + q) a[s + i + r + (s + j + q) * n] += mem[r + 4 * q];
      }
    };
    // Row blocks of ROW_BLOCK (a multiple of 4) rows, every tile column above and in each.
    for (let ib = 0; ib < m; ib += ROW_BLOCK) {
      const ie = Math.min(m, ib + ROW_BLOCK);
      for (let j = 0; j < ie; j += 4) {
        let i0 = Math.max(ib, j);
        if (i0 === j) {
          tile(j, j, m);
          i0 = j + 4;
        }
        if (j + 4 > m || i0 >= ie) continue;
        const strips = (ie - i0) >> 2;
        if (strips > 0) {
          k.syrk4x4((s + i0 + (s + j) * n) * 8, packBytes + (i0 >> 2) * strip * 8, packBytes + (j >> 2) * strip * 8, n * 8, strips, kb);
        }
        const last = i0 + 4 * strips;
        if (last < ie) tile(last, j, m);
      }
    }
  }
}
