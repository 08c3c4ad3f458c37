/**
 * The prefix-to-tail update of the LMM factor for one scalar prefix term, by levels grouped on
 * their diagonal entry of A: for a linear mixed model with one prefix term of k = 1 (a random
 * intercept, or one slope, of a factor with many levels crossed with the tail's terms), level
 * ℓ's panel after the prefix step is P_ℓ = λ Sᵀa_ℓ / √(λ²c_ℓ + 1), with a_ℓ its column of A's
 * panel, c_ℓ its diagonal entry and S the tail's Λ. So
 *
 *   Σ_ℓ P_ℓ P_ℓᵀ = Sᵀ (Σ_g w_g(λ) M_g) S,   w_g = λ²/(λ²c_g + 1),   M_g = Σ_{ℓ: c_ℓ = c_g} a_ℓ a_ℓᵀ,
 *
 * where the M_g do not depend on θ. Unweighted data have few distinct c_ℓ (the levels' row
 * counts), so the M_g are formed once (one sparse pass) and each evaluation costs
 * G·nt²/2 streaming multiply-adds, instead of the Σ_ℓ cnt_ℓ²/2 scattered ones of the sparse
 * update (MixedModels.jl's rankUpdate! of a sparse block into a dense one, which is what
 * blocked-factor.ts does otherwise). With 50,000 × 1,000 crossed levels and 10 million rows,
 * cnt_ℓ ≈ 190 and G ≈ 130: about 65 million instead of 900 million scattered updates.
 *
 * The factor then scales and inflates the tail from tailA − Σ_g w_g M_g instead of tailA and
 * skips the term's scatter; the prefix step (D, P) is unchanged, for the solve and log |L|.
 */
import type { BlockedLayout } from "./structure";

/** Stored M_g at most this many bytes (they are the price of the speed). */
const MAX_BYTES = 1.5 * 1024 ** 3;
/** A scattered multiply-add costs about this many streamed ones (random access against a stream). */
const SCATTER_COST = 3;
/** Packed entries summed at a time (16 KB). */
const CHUNK = 2048;

/** The θ-free part: distinct diagonal entries c_g and the M_g, packed lower triangles one after another. */
interface GroupedSums {
  readonly c: Float64Array;
  readonly M: Float64Array;
}

/** Per layout (the LMM's fit, its checks and its Satterthwaite step each make a factor of the same layout). */
const sumsOf = new WeakMap<BlockedLayout, GroupedSums | null>();

function buildSums(layout: BlockedLayout, groupOf: Int32Array, c: Float64Array): GroupedSums {
  const { nt } = layout;
  const G = c.length;
  const packed = (nt * (nt + 1)) / 2;
  const M = new Float64Array(G * packed);
  const { colPtr, rowIdx, panelA } = layout.prefix[0];
  const nl = groupOf.length;
  // The pattern transposed per group: the entries of tail row i among group g's levels are
  // level/pos[ptr[g·nt + i] .. ptr[g·nt + i + 1]) (a counting sort on (group, row)).
  const ptr = new Int32Array(G * nt + 1);
  for (let l = 0; l < nl; l++) for (let a = colPtr[l]; a < colPtr[l + 1]; a++) ptr[groupOf[l] * nt + rowIdx[a] + 1]++;
  for (let i = 0; i < G * nt; i++) ptr[i + 1] += ptr[i];
  const next = ptr.slice(0, G * nt);
  const level = new Int32Array(rowIdx.length);
  const pos = new Int32Array(rowIdx.length);
  for (let l = 0; l < nl; l++) {
    const row0 = groupOf[l] * nt;
    for (let a = colPtr[l]; a < colPtr[l + 1]; a++) {
      const q = next[row0 + rowIdx[a]]++;
      level[q] = l;
      pos[q] = a;
    }
  }
  // Group by group, column by column (left-looking, as the sparse update): the column of M_g
  // being written stays in cache while the levels whose pattern holds its row add to it.
  for (let g = 0; g < G; g++) {
    for (let i = 0; i < nt; i++) {
      const col = g * packed + i * nt - (i * (i - 1)) / 2 - i;
      for (let q = ptr[g * nt + i]; q < ptr[g * nt + i + 1]; q++) {
        const a = pos[q];
        const va = panelA[a];
        if (va === 0) continue;
        const end = colPtr[level[q] + 1];
        for (let b = a; b < end; b++) M[col + rowIdx[b]] += panelA[b] * va;
      }
    }
  }
  return { c, M };
}

export class GroupedTailUpdate {
  /** The prefix term it replaces the scatter of (always 0). */
  readonly term = 0;
  private readonly c: Float64Array;
  /** M_g's lower triangles, packed by columns, one after another. */
  private readonly M: Float64Array;
  private readonly packed: number;
  private readonly w: Float64Array;
  /** tailA − Σ w_g M_g (both triangles), what scale-and-inflate reads. */
  readonly tailA: Float64Array;

  private constructor(layout: BlockedLayout, sums: GroupedSums) {
    const { nt } = layout;
    this.c = sums.c;
    this.M = sums.M;
    this.w = new Float64Array(sums.c.length);
    this.packed = (nt * (nt + 1)) / 2;
    this.tailA = new Float64Array(nt * nt);
  }

  /**
   * The update where it applies and pays: an LMM (A fixed), one prefix term, scalar, few distinct
   * diagonal entries, and the stored sums within MAX_BYTES.
   */
  static forLayout(layout: BlockedLayout, fixedA: boolean): GroupedTailUpdate | null {
    if (!fixedA) return null;
    let sums = sumsOf.get(layout);
    if (sums === undefined) sumsOf.set(layout, (sums = GroupedTailUpdate.sums(layout)));
    return sums ? new GroupedTailUpdate(layout, sums) : null;
  }

  private static sums(layout: BlockedLayout): GroupedSums | null {
    if (layout.m !== 1 || layout.terms[0].k !== 1) return null;
    const { nl } = layout.terms[0];
    const { diagA, colPtr, offA } = layout.prefix[0];
    if (offA.length !== 0) return null;
    const nt = layout.nt;
    const groups = new Map<number, number>();
    const groupOf = new Int32Array(nl);
    let scattered = 0;
    for (let l = 0; l < nl; l++) {
      let g = groups.get(diagA[l]);
      if (g === undefined) groups.set(diagA[l], (g = groups.size));
      groupOf[l] = g;
      const cnt = colPtr[l + 1] - colPtr[l];
      scattered += (cnt * (cnt + 1)) / 2;
    }
    const streamed = groups.size * ((nt * (nt + 1)) / 2);
    if (streamed * 8 > MAX_BYTES || streamed > scattered * SCATTER_COST) return null;
    return buildSums(layout, groupOf, Float64Array.from(groups.keys()));
  }

  /** Fill `tailA` with layout.tailA − Σ_g w_g(λ) M_g for the prefix term's λ. */
  fill(layout: BlockedLayout, lambda: number): void {
    const { nt } = layout;
    const packed = this.packed;
    const acc = new Float64Array(this.tailA.buffer, 0, packed);
    acc.fill(0);
    const l2 = lambda * lambda;
    const G = this.c.length;
    const w = this.w;
    for (let g = 0; g < G; g++) w[g] = l2 / (l2 * this.c[g] + 1);
    const M = this.M;
    // In chunks that stay in the first-level cache while every group's part is added to them.
    for (let p0 = 0; p0 < packed; p0 += CHUNK) {
      const p1 = Math.min(packed, p0 + CHUNK);
      for (let g = 0; g < G; g++) {
        const wg = w[g];
        if (wg === 0) continue;
        const d = g * packed;
        for (let p = p0; p < p1; p++) acc[p] += wg * M[d + p];
      }
    }
    // Unpack from the back (the packed sums share the matrix's storage, at its start).
    const T = this.tailA;
    const A = layout.tailA;
    for (let j = nt - 1; j >= 0; j--) {
      const start = j * nt - (j * (j - 1)) / 2 - j;
      for (let i = nt - 1; i >= j; i--) T[j * nt + i] = A[j * nt + i] - acc[start + i];
    }
    // The upper triangle only where scale-inflate reads it (vector-valued tail terms).
    if (!layout.terms.slice(layout.m).every((t) => t.k === 1)) {
      for (let j = 0; j < nt; j++) for (let i = j + 1; i < nt; i++) T[i * nt + j] = T[j * nt + i];
    }
  }
}
