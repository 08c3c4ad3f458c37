/**
 * The LMM's blocked layout of A = [Z X z]ᵀ W [Z X z] (app/engine/lmm/structure.ts), refilled in
 * place for new per-row weights W and a new working response z, as every PIRLS iteration needs
 * (Bates et al. 2015, JSS 67(1), §3 applied to the penalized weighted least-squares step of
 * lme4's glmer). The block pattern depends only on the grouping factors, so it is built once;
 * `refresh` re-accumulates ZᵀWZ, ZᵀWX, XᵀWX and the z row in O(n·k²) and allocates nothing.
 *
 * The values follow structure.ts's conventions exactly: a prefix level's panel lists, in order,
 * the tail-term levels seen with it (all effects of each, consecutively), then the p X columns,
 * then z; the tail block is dense with both triangles filled.
 */
import type { ModelFrame } from "../model-frame/types";
import { buildLayout, type BlockedLayout } from "../lmm/structure";

export interface WeightedLayout {
  readonly layout: BlockedLayout;
  /** Refill the layout's A from weights w (length n) and working response z (length n). */
  refresh(w: Float64Array, z: Float64Array): void;
}

/**
 * The layout for `frame`'s random effects, with the fixed-effects columns when `withX` (PIRLS
 * updating β too, glmer's nAGQ = 0 stage) or without them (u only; Xβ enters as an offset).
 */
export function createWeightedLayout(frame: ModelFrame, withX: boolean): WeightedLayout {
  const fixed = withX ? frame.fixed : { ...frame.fixed, X: new Float64Array(0), p: 0 };
  const layout = buildLayout({ ...frame, fixed, weights: undefined, y: new Float64Array(frame.n) });
  const { n, p, terms, m, prefix, tailOff, xOff, yOff, nt } = layout;
  const X = fixed.X;
  const nTail = terms.length - m;
  // Position within its level's panel rows of each row's first effect of each tail term.
  const tailPos = prefix.map((blk, j) => {
    const pos = new Int32Array(n * Math.max(1, nTail));
    const term = terms[j];
    for (let r = 0; r < n; r++) {
      const l = term.levelOfRow[r];
      for (let t = m; t < terms.length; t++) {
        const tt = terms[t];
        const target = tailOff[t - m] + tt.levelOfRow[r] * tt.k;
        pos[r * nTail + (t - m)] = findSorted(blk.rowIdx, blk.colPtr[l], blk.colPtr[l + 1], target) - blk.colPtr[l];
      }
    }
    return pos;
  });
  let nz = p + 1;
  for (let t = m; t < terms.length; t++) nz += terms[t].k;
  const idx = new Int32Array(nz);
  const val = new Float64Array(nz);

  function refreshPrefix(j: number, w: Float64Array, z: Float64Array): void {
    const term = terms[j];
    const { k } = term;
    const blk = prefix[j];
    const { diagA, offA, panelA, colPtr, parent } = blk;
    const diag = diagA as Float64Array;
    const panel = panelA as Float64Array;
    diag.fill(0);
    for (const a of offA) (a as Float64Array).fill(0);
    panel.fill(0);
    const Zj = term.rawZ;
    const pos = tailPos[j];
    for (let r = 0; r < n; r++) {
      const wr = w[r];
      if (wr === 0) continue;
      const l = term.levelOfRow[r];
      const base = colPtr[l];
      const cnt = colPtr[l + 1] - base;
      for (let c = 0; c < k; c++) {
        const zc = Zj[r + c * n] * wr;
        if (zc === 0) continue;
        for (let b = 0; b < k; b++) diag[l * k * k + b + c * k] += Zj[r + b * n] * zc;
        for (let q = 0; q < parent.length; q++) {
          const ti = terms[j + 1 + q];
          const o = offA[q] as Float64Array;
          for (let b = 0; b < ti.k; b++) o[l * ti.k * k + b + c * ti.k] += ti.rawZ[r + b * n] * zc;
        }
        const col = base * k + c * cnt;
        for (let t = m; t < terms.length; t++) {
          const tt = terms[t];
          const p0 = col + pos[r * nTail + (t - m)];
          for (let b = 0; b < tt.k; b++) panel[p0 + b] += tt.rawZ[r + b * n] * zc;
        }
        const xs = col + cnt - p - 1;
        for (let x = 0; x < p; x++) panel[xs + x] += X[r + x * n] * zc;
        panel[col + cnt - 1] += z[r] * zc;
      }
    }
  }

  function refreshTail(w: Float64Array, z: Float64Array): void {
    const a = layout.tailA as Float64Array;
    a.fill(0);
    for (let r = 0; r < n; r++) {
      const wr = w[r];
      if (wr === 0) continue;
      let cnt = 0;
      for (let t = m; t < terms.length; t++) {
        const tt = terms[t];
        const r0 = tailOff[t - m] + tt.levelOfRow[r] * tt.k;
        for (let b = 0; b < tt.k; b++) {
          idx[cnt] = r0 + b;
          val[cnt++] = tt.rawZ[r + b * n];
        }
      }
      for (let x = 0; x < p; x++) {
        idx[cnt] = xOff + x;
        val[cnt++] = X[r + x * n];
      }
      idx[cnt] = yOff;
      val[cnt++] = z[r];
      for (let u = 0; u < cnt; u++) {
        const vu = val[u] * wr;
        if (vu === 0) continue;
        const cu = idx[u] * nt;
        for (let v = 0; v < cnt; v++) a[idx[v] + cu] += val[v] * vu;
      }
    }
  }

  return {
    layout,
    refresh(w, z) {
      for (let j = 0; j < m; j++) refreshPrefix(j, w, z);
      refreshTail(w, z);
    },
  };
}

/** Index of `target` in the ascending run a[lo .. hi) (it is there by construction). */
function findSorted(a: Int32Array, lo: number, hi: number, target: number): number {
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= target) lo = mid;
    else hi = mid;
  }
  return lo;
}
