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
  /**
   * Remember weights w₀ and the parts of A that depend on them only (ZᵀW₀Z, ZᵀW₀X, XᵀW₀X): PIRLS
   * starts every evaluation from the same μ, hence the same weights.
   */
  setBaseWeights(w0: Float64Array): void;
  /** refresh(w₀, z) from the remembered parts: only the z row is accumulated. */
  refreshBase(z: Float64Array): void;
}

/**
 * The layout for `frame`'s random effects, with the fixed-effects columns when `withX` (PIRLS
 * updating β too, glmer's nAGQ = 0 stage) or without them (u only; Xβ enters as an offset).
 */
export function createWeightedLayout(frame: ModelFrame, withX: boolean): WeightedLayout {
  const fixed = withX ? frame.fixed : { ...frame.fixed, X: new Float64Array(0), p: 0 };
  const layout = buildLayout({ ...frame, fixed, weights: undefined, offset: undefined, y: new Float64Array(frame.n) });
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
  // Per row: its tail-term entries (tail index, Z value).
  let ne = 0;
  for (let t = m; t < terms.length; t++) ne += terms[t].k;
  const tIdx = new Int32Array(n * ne);
  const tVal = new Float64Array(n * ne);
  for (let r = 0; r < n; r++) {
    let e = 0;
    for (let t = m; t < terms.length; t++) {
      const tt = terms[t];
      const r0 = tailOff[t - m] + tt.levelOfRow[r] * tt.k;
      for (let b = 0; b < tt.k; b++, e++) {
        tIdx[r * ne + e] = r0 + b;
        tVal[r * ne + e] = tt.rawZ[r + b * n];
      }
    }
  }
  const tail = tailScatter(n, nt, p, ne, tIdx, tVal, X, xOff, yOff);
  const pre: ReturnType<typeof prefixScatter>[] = [];
  for (let j = 0; j < m; j++) pre.push(prefixScatter(layout, j, ne, tVal, X, tailPos[j])); // a loop, not a closure: tVal is not kept

  // One buffer for every block of A, so that one pass over the rows fills them all.
  const blocks: Float64Array[] = [];
  prefix.forEach((blk) => blocks.push(blk.diagA as Float64Array, ...(blk.offA as Float64Array[]), blk.panelA as Float64Array));
  blocks.push(layout.tailA as Float64Array);
  const base: number[] = [];
  let size = 0;
  for (const b of blocks) {
    base.push(size);
    size += b.length;
  }
  const buffer = new Float64Array(size);
  const view = (i: number) => buffer.subarray(base[i], base[i] + blocks[i].length);
  let bi = 0;
  const fusedPrefix = prefix.map((blk) => {
    const diagA = view(bi++);
    const offA = blk.offA.map(() => view(bi++));
    const panelA = view(bi++);
    return { ...blk, diagA, offA, panelA };
  });
  const tailA = view(bi);
  const fused: BlockedLayout = { ...layout, prefix: fusedPrefix, tailA };
  // w-entries: each prefix's diag, off and panel lists, then the tail pairs; w·z-entries: panel z rows, then the tail z row.
  const wParts: { s: Scatter; base: number }[] = [];
  const zParts: { s: Scatter; base: number }[] = [];
  bi = 0;
  prefix.forEach((blk, j) => {
    wParts.push({ s: pre[j].diag, base: base[bi++] });
    pre[j].off.forEach((o) => wParts.push({ s: o, base: base[bi++] }));
    wParts.push({ s: pre[j].panel, base: base[bi] });
    zParts.push({ s: pre[j].panelZ, base: base[bi++] });
  });
  wParts.push({ s: tail.fixed, base: base[bi] });
  zParts.push({ s: tail.z, base: base[bi] });
  // Rows in order of the first term's levels, so that a level's panel is written while cached.
  const order = m > 0 ? rowsByLevel(terms[0].levelOfRow, terms[0].nl) : Int32Array.from({ length: n }, (_, r) => r);
  const wAll = fuse(order, wParts);
  const zAll = fuse(order, zParts);
  // The per-block lists and buildLayout's own A arrays are copied into wAll/zAll and buffer:
  // drop them (closures below share this scope, which would otherwise keep them alive).
  pre.length = 0;
  wParts.length = 0;
  zParts.length = 0;
  blocks.length = 0;
  const yy = base[bi] + yOff + yOff * nt;

  function accumulateW(w: Float64Array): void {
    scatterWeights(buffer, wAll, order, w);
  }

  function accumulateZ(w: Float64Array, z: Float64Array): void {
    buffer[yy] = scatterWorking(buffer, zAll, order, w, z);
    mirrorLower(tailA, nt);
  }

  function refresh(w: Float64Array, z: Float64Array): void {
    buffer.fill(0);
    accumulateW(w);
    accumulateZ(w, z);
  }

  const baseBuffer = new Float64Array(size);
  const baseW = new Float64Array(n);

  function setBaseWeights(w0: Float64Array): void {
    baseW.set(w0);
    buffer.fill(0);
    accumulateW(baseW);
    baseBuffer.set(buffer);
  }

  function refreshBase(z: Float64Array): void {
    buffer.set(baseBuffer);
    accumulateZ(baseW, z);
  }

  return { layout: fused, refresh, setBaseWeights, refreshBase };
}

// The row loops are module functions, not closures of createWeightedLayout: a closure made per
// layout (two per GLMM, a new GLMM per fit) would start with empty type feedback each time and
// be optimised and deoptimised again; these are warmed once per process.

/** Row a (in `order`) adds w[order[a]]·coef into its targets (the ZᵀWZ, ZᵀWX and XᵀWX parts). */
function scatterWeights(buffer: Float64Array, list: Scatter, order: Int32Array, w: Float64Array): void {
  const { stride, target, coef } = list;
  for (let a = 0; a < order.length; a++) {
    const f = w[order[a]];
    if (f === 0) continue;
    scatterRow(buffer, target, coef, a * stride, a * stride + stride, f);
  }
}

/** Row a adds w·z (of row order[a]) times coef into its targets (the z row); returns Σ w z². */
function scatterWorking(buffer: Float64Array, list: Scatter, order: Int32Array, w: Float64Array, z: Float64Array): number {
  const { stride, target, coef } = list;
  let zz = 0;
  for (let a = 0; a < order.length; a++) {
    const r = order[a];
    const fz = w[r] * z[r];
    if (fz === 0) continue;
    zz += fz * z[r];
    scatterRow(buffer, target, coef, a * stride, a * stride + stride, fz);
  }
  return zz;
}

/** The lower triangle of the nt × nt block copied to the upper (the scatter lists fill only the lower). */
function mirrorLower(a: Float64Array, nt: number): void {
  for (let c = 0; c < nt; c++) for (let r = c + 1; r < nt; r++) a[c + r * nt] = a[r + c * nt];
}

/**
 * buffer[target[i]] += f·coef[i] for i in [i0, e), in that order (so every entry of A sums its
 * rows in the same order, to the same bits), four at a time: a row has few entries (3 and 2 for
 * two scalar terms), and a plain loop over so few costs about twice as much per entry.
 */
function scatterRow(buffer: Float64Array, target: Int32Array, coef: Float64Array, i0: number, e: number, f: number): void {
  let i = i0;
  for (; i + 4 <= e; i += 4) {
    buffer[target[i]] += f * coef[i];
    buffer[target[i + 1]] += f * coef[i + 1];
    buffer[target[i + 2]] += f * coef[i + 2];
    buffer[target[i + 3]] += f * coef[i + 3];
  }
  const rest = e - i;
  if (rest === 3) {
    buffer[target[i]] += f * coef[i];
    buffer[target[i + 1]] += f * coef[i + 1];
    buffer[target[i + 2]] += f * coef[i + 2];
  } else if (rest === 2) {
    buffer[target[i]] += f * coef[i];
    buffer[target[i + 1]] += f * coef[i + 1];
  } else if (rest === 1) {
    buffer[target[i]] += f * coef[i];
  }
}

/** Concatenate the entries of several lists per row, rows in `order` (targets shifted by each block's place in the buffer). */
function fuse(order: Int32Array, parts: readonly { s: Scatter; base: number }[]): Scatter {
  const n = order.length;
  const stride = parts.reduce((t, x) => t + x.s.stride, 0);
  const target = new Int32Array(n * stride);
  const coef = new Float64Array(n * stride);
  for (let a = 0; a < n; a++) {
    const r = order[a];
    let q = a * stride;
    for (const { s, base } of parts) {
      for (let i = r * s.stride; i < (r + 1) * s.stride; i++, q++) {
        target[q] = s.target[i] + base;
        coef[q] = s.coef[i];
      }
    }
  }
  return { stride, target, coef };
}

/** Row indices sorted by level (counting sort, stable). */
function rowsByLevel(levelOfRow: Int32Array, nl: number): Int32Array {
  const start = new Int32Array(nl + 1);
  for (let r = 0; r < levelOfRow.length; r++) start[levelOfRow[r] + 1]++;
  for (let l = 0; l < nl; l++) start[l + 1] += start[l];
  const rows = new Int32Array(levelOfRow.length);
  for (let r = 0; r < levelOfRow.length; r++) rows[start[levelOfRow[r]]++] = r;
  return rows;
}

/**
 * A fixed-stride scatter list: row r adds w[r]·coef[r·stride + i] (times z[r] for the z lists)
 * into target[r·stride + i]. Built once from the constant Z and X; one multiply-add per entry.
 */
interface Scatter {
  readonly stride: number;
  readonly target: Int32Array;
  readonly coef: Float64Array;
}

function makeScatter(n: number, stride: number): { stride: number; target: Int32Array; coef: Float64Array } {
  return { stride, target: new Int32Array(n * stride), coef: new Float64Array(n * stride) };
}

/** Tail lower triangle: pairs of fixed entries (tail-term Z and X), and the z row. */
function tailScatter(n: number, nt: number, p: number, ne: number, tIdx: Int32Array, tVal: Float64Array, X: Float64Array, xOff: number, yOff: number) {
  const c = ne + p;
  const fixed = makeScatter(n, (c * (c + 1)) / 2);
  const z = makeScatter(n, c);
  const idx = new Int32Array(c);
  const val = new Float64Array(c);
  for (let r = 0; r < n; r++) {
    for (let e = 0; e < ne; e++) {
      idx[e] = tIdx[r * ne + e];
      val[e] = tVal[r * ne + e];
    }
    for (let x = 0; x < p; x++) {
      idx[ne + x] = xOff + x;
      val[ne + x] = X[r + x * n];
    }
    let q = r * fixed.stride;
    for (let u = 0; u < c; u++) {
      for (let v = u; v < c; v++, q++) {
        const hi = Math.max(idx[u], idx[v]);
        const lo = Math.min(idx[u], idx[v]);
        fixed.target[q] = hi + lo * nt;
        fixed.coef[q] = val[u] * val[v];
      }
      z.target[r * c + u] = yOff + idx[u] * nt;
      z.coef[r * c + u] = val[u];
    }
  }
  return { fixed, z };
}

/** Prefix term j: its diagonal blocks, blocks with later prefix terms, and tail panels (fixed part and z row). */
function prefixScatter(layout: BlockedLayout, j: number, ne: number, tVal: Float64Array, X: Float64Array, pos: Int32Array) {
  const { n, p, terms, m, prefix } = layout;
  const term = terms[j];
  const { k } = term;
  const blk = prefix[j];
  const nTail = terms.length - m;
  const diag = makeScatter(n, k * k);
  const off = blk.parent.map((_, q) => makeScatter(n, terms[j + 1 + q].k * k));
  const panel = makeScatter(n, k * (ne + p));
  const panelZ = makeScatter(n, k);
  const Z = term.rawZ;
  for (let r = 0; r < n; r++) {
    const l = term.levelOfRow[r];
    const base = blk.colPtr[l];
    const cnt = blk.colPtr[l + 1] - base;
    for (let c = 0; c < k; c++) {
      const zc = Z[r + c * n];
      for (let b = 0; b < k; b++) {
        const q = r * k * k + c * k + b;
        diag.target[q] = l * k * k + b + c * k;
        diag.coef[q] = Z[r + b * n] * zc;
      }
      blk.parent.forEach((_, qi) => {
        const ti = terms[j + 1 + qi];
        for (let b = 0; b < ti.k; b++) {
          const q = r * ti.k * k + c * ti.k + b;
          off[qi].target[q] = l * ti.k * k + b + c * ti.k;
          off[qi].coef[q] = ti.rawZ[r + b * n] * zc;
        }
      });
      const col = base * k + c * cnt;
      let q = r * panel.stride + c * (ne + p);
      let e = 0;
      for (let t = 0; t < nTail; t++) {
        const kt = terms[m + t].k;
        for (let b = 0; b < kt; b++, e++, q++) {
          panel.target[q] = col + pos[r * nTail + t] + b;
          panel.coef[q] = tVal[r * ne + e] * zc;
        }
      }
      for (let x = 0; x < p; x++, q++) {
        panel.target[q] = col + cnt - p - 1 + x;
        panel.coef[q] = X[r + x * n] * zc;
      }
      panelZ.target[r * k + c] = col + cnt - 1;
      panelZ.coef[r * k + c] = zc;
    }
  }
  return { diag, off, panel, panelZ };
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
