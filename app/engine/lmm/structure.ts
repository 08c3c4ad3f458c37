/**
 * Block layout of A = [ZΛ X y]ᵀ[ZΛ X y] for the blocked Cholesky (the method of MixedModels.jl,
 * Bates et al.; see /work/shared/ENGINE-NOTES.md), built once per model.
 *
 * Random-effect terms come in lme4's order (most levels first). The leading terms that form a
 * nesting chain (each term's levels nested in the next one's; the first term always qualifies)
 * make the "prefix": their diagonal blocks stay block-diagonal (k × k per level) and the blocks
 * between them have one k × k block per level of the finer term, because Cholesky produces no
 * fill-in there. Every other row — later terms, X columns, y — belongs to the dense "tail".
 * The tail rows of a prefix column (one level of a prefix term) are stored sparse: only the tail
 * levels observed together with that level, plus X and y. Crossed designs (InstEval) end up
 * with a dense tail that holds the second factor; that dense Cholesky is the hot loop.
 */
import type { ModelFrame } from "../model-frame/types";

export interface TermData {
  readonly group: string;
  readonly effectNames: readonly string[];
  readonly levels: readonly string[];
  readonly k: number;
  readonly nl: number;
  readonly levelOfRow: Int32Array;
  /** n × k, column-major, already multiplied by √weight. */
  readonly Z: Float64Array;
  /** The frame's Z, not weighted (for fitted values). */
  readonly rawZ: Float64Array;
}

export interface PrefixBlock {
  /** A's diagonal blocks, nl × (k × k) column-major. */
  readonly diagA: Float64Array;
  /** For each later prefix term i (index i − j − 1): level of term i containing each level of this term. */
  readonly parent: readonly Int32Array[];
  /** For each later prefix term i: nl × (kᵢ × k) blocks Aᵢⱼ. */
  readonly offA: readonly Float64Array[];
  /** Sparse tail rows of each level: rowIdx[colPtr[ℓ] .. colPtr[ℓ+1]), ascending tail indices. */
  readonly colPtr: Int32Array;
  readonly rowIdx: Int32Array;
  /** Tail panel values: level ℓ's cnt × k panel, column-major, at colPtr[ℓ]·k. */
  readonly panelA: Float64Array;
  /** For each later prefix term i: position in term i's rowIdx of each of this term's rows. */
  readonly rel: readonly Int32Array[];
  /**
   * The transpose of the tail pattern, for the column-oriented tail update: the entries of tail
   * row i are tLevel/tPos[tPtr[i] .. tPtr[i+1]) (level, and position within that level's rows).
   */
  readonly tPtr: Int32Array;
  readonly tLevel: Int32Array;
  readonly tPos: Int32Array;
}

export interface BlockedLayout {
  readonly n: number;
  readonly p: number;
  readonly terms: readonly TermData[];
  /** Number of prefix terms. */
  readonly m: number;
  readonly prefix: readonly PrefixBlock[];
  /** Offset of each tail term (index t − m) in the tail. */
  readonly tailOff: readonly number[];
  readonly xOff: number;
  readonly yOff: number;
  /** Tail dimension: tail-term columns + p + 1. */
  readonly nt: number;
  /** Tail term (index into terms) of each tail index, −1 for X and y. */
  readonly rowTerm: Int32Array;
  /** Effect index within its term of each tail index. */
  readonly rowEffect: Int32Array;
  /** A's tail block, nt × nt, column-major, both triangles. */
  readonly tailA: Float64Array;
  /** √weights (or null when unweighted) and Σ log weights. */
  readonly sqrtW: Float64Array | null;
  readonly sumLogW: number;
  /** X and y after √weight scaling (for fitted values use the frame's originals). */
  readonly X: Float64Array;
  readonly y: Float64Array;
}

/** lme4's term order (mkReTrms): if the levels are not already non-increasing, order by rev(order(nl)). */
export function lme4TermOrder(nls: readonly number[]): number[] {
  const idx = nls.map((_, i) => i);
  const increasing = nls.some((v, i) => i > 0 && v > nls[i - 1]);
  if (!increasing) return idx;
  const asc = [...idx].sort((a, b) => nls[a] - nls[b] || a - b);
  return asc.reverse();
}

function termData(frame: ModelFrame, sqrtW: Float64Array | null): TermData[] {
  const order = lme4TermOrder(frame.random.map((t) => t.levels.length));
  return order.map((i) => {
    const t = frame.random[i];
    let Z = t.Z;
    if (sqrtW) {
      Z = new Float64Array(t.Z.length);
      for (let c = 0; c < t.k; c++) for (let r = 0; r < frame.n; r++) Z[r + c * frame.n] = t.Z[r + c * frame.n] * sqrtW[r];
    }
    return { group: t.group, effectNames: t.effectNames, levels: t.levels, k: t.k, nl: t.levels.length, levelOfRow: t.levelOfRow, Z, rawZ: t.Z };
  });
}

/** Map each level of `fine` to the level of `coarse` it lies in, or null when not nested. */
function nestingMap(fine: TermData, coarse: TermData, n: number): Int32Array | null {
  const map = new Int32Array(fine.nl).fill(-1);
  for (let r = 0; r < n; r++) {
    const f = fine.levelOfRow[r];
    const c = coarse.levelOfRow[r];
    if (map[f] === -1) map[f] = c;
    else if (map[f] !== c) return null;
  }
  for (let l = 0; l < fine.nl; l++) if (map[l] === -1) map[l] = 0;
  return map;
}

export function buildLayout(frame: ModelFrame): BlockedLayout {
  const n = frame.n;
  const p = frame.fixed.p;
  let sqrtW: Float64Array | null = null;
  let sumLogW = 0;
  if (frame.weights) {
    sqrtW = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      sqrtW[r] = Math.sqrt(frame.weights[r]);
      sumLogW += Math.log(frame.weights[r]);
    }
  }
  const terms = termData(frame, sqrtW);
  const X = sqrtW ? scaleRows(frame.fixed.X, n, p, sqrtW) : frame.fixed.X;
  // lme4 fits an LMM with an offset as y − offset (lmResp's offset); fitted values add it back.
  const yFit = frame.offset ? frame.y.map((v, r) => v - frame.offset![r]) : frame.y;
  const y = sqrtW ? scaleRows(yFit, n, 1, sqrtW) : yFit;

  const parents: Int32Array[][] = [];
  let m = terms.length > 0 ? 1 : 0;
  while (m < terms.length) {
    const map = nestingMap(terms[m - 1], terms[m], n);
    if (!map) break;
    m++;
  }
  for (let j = 0; j < m; j++) {
    const row: Int32Array[] = [];
    for (let i = j + 1; i < m; i++) row.push(nestingMap(terms[j], terms[i], n) as Int32Array);
    parents.push(row);
  }

  const tailOff: number[] = [];
  let off = 0;
  for (let t = m; t < terms.length; t++) {
    tailOff.push(off);
    off += terms[t].nl * terms[t].k;
  }
  const xOff = off;
  const yOff = xOff + p;
  const nt = yOff + 1;
  const rowTerm = new Int32Array(nt).fill(-1);
  const rowEffect = new Int32Array(nt);
  for (let t = m; t < terms.length; t++) {
    const { k, nl } = terms[t];
    for (let l = 0; l < nl; l++) {
      for (let b = 0; b < k; b++) {
        rowTerm[tailOff[t - m] + l * k + b] = t;
        rowEffect[tailOff[t - m] + l * k + b] = b;
      }
    }
  }
  const ctx = { n, p, terms, m, tailOff, xOff, yOff, nt, X, y };
  const prefix: PrefixBlock[] = [];
  for (let j = 0; j < m; j++) prefix.push(buildPrefixBlock(ctx, j, parents[j]));
  for (let j = 0; j < m; j++) {
    const rel = prefix[j].rel as Int32Array[];
    for (let i = j + 1; i < m; i++) rel.push(relativePositions(prefix[j], prefix[i], parents[j][i - j - 1], terms[j].nl, nt));
  }
  const tailA = buildTailA(ctx);
  return { n, p, terms, m, prefix, tailOff, xOff, yOff, nt, rowTerm, rowEffect, tailA, sqrtW, sumLogW, X, y };
}

function scaleRows(a: Float64Array, n: number, cols: number, s: Float64Array): Float64Array {
  const out = new Float64Array(n * cols);
  for (let c = 0; c < cols; c++) for (let r = 0; r < n; r++) out[r + c * n] = a[r + c * n] * s[r];
  return out;
}

interface Ctx {
  readonly n: number;
  readonly p: number;
  readonly terms: readonly TermData[];
  readonly m: number;
  readonly tailOff: readonly number[];
  readonly xOff: number;
  readonly yOff: number;
  readonly nt: number;
  readonly X: Float64Array;
  readonly y: Float64Array;
}

/** Rows of the model ordered by level of `term` (counting sort): start[ℓ] .. start[ℓ+1] in `rows`. */
function rowsByLevel(term: TermData, n: number): { start: Int32Array; rows: Int32Array } {
  const start = new Int32Array(term.nl + 1);
  for (let r = 0; r < n; r++) start[term.levelOfRow[r] + 1]++;
  for (let l = 0; l < term.nl; l++) start[l + 1] += start[l];
  const fill = start.slice(0, term.nl);
  const rows = new Int32Array(n);
  for (let r = 0; r < n; r++) rows[fill[term.levelOfRow[r]]++] = r;
  return { start, rows };
}

function buildPrefixBlock(ctx: Ctx, j: number, parent: Int32Array[]): PrefixBlock {
  const { n, p, terms, m, tailOff, xOff, yOff, nt, X, y } = ctx;
  const term = terms[j];
  const { k, nl } = term;
  const { colPtr, rowIdx } = tailPatternFromBits(ctx, j) ?? tailPatternFromLists(ctx, j, rowsByLevel(term, n));
  // Numeric: accumulate zⱼ zⱼᵀ, zᵢ zⱼᵀ and v zⱼᵀ (v = the row's tail entries).
  const diagA = new Float64Array(nl * k * k);
  const offA = parent.map((_, q) => new Float64Array(nl * terms[j + 1 + q].k * k));
  const panelA = new Float64Array(colPtr[nl] * k);
  // In row order (X, y and Z read in sequence, not at random as level by level would): within a
  // level the rows still come in ascending order, so every sum adds its terms in the same order.
  // A row's tail-term entries are found by bisection in its level's sorted pattern; X and y are
  // the pattern's last p + 1 entries.
  const levelOf = term.levelOfRow;
  for (let r = 0; r < n; r++) {
    const l = levelOf[r];
    const base = colPtr[l];
    const cnt = colPtr[l + 1] - base;
    const panel = base * k;
    const xPos = cnt - p - 1;
    for (let c = 0; c < k; c++) {
      const zc = term.Z[r + c * n];
      if (zc === 0) continue;
      for (let b = 0; b < k; b++) diagA[l * k * k + b + c * k] += term.Z[r + b * n] * zc;
      for (let q = 0; q < parent.length; q++) {
        const ti = terms[j + 1 + q];
        for (let b = 0; b < ti.k; b++) offA[q][l * ti.k * k + b + c * ti.k] += ti.Z[r + b * n] * zc;
      }
      const col = panel + c * cnt;
      for (let t = m; t < terms.length; t++) {
        const tt = terms[t];
        const r0 = tailOff[t - m] + tt.levelOfRow[r] * tt.k;
        let lo = base;
        let hi = base + xPos;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (rowIdx[mid] < r0) lo = mid + 1;
          else hi = mid;
        }
        const at = col + lo - base;
        for (let b = 0; b < tt.k; b++) panelA[at + b] += tt.Z[r + b * n] * zc;
      }
      for (let x = 0; x < p; x++) panelA[col + xPos + x] += X[r + x * n] * zc;
      panelA[col + xPos + p] += y[r] * zc;
    }
  }
  const { tPtr, tLevel, tPos } = transposePattern(colPtr, rowIdx, nl, nt);
  return { diagA, parent, offA, colPtr, rowIdx, panelA, rel: [], tPtr, tLevel, tPos };
}

/** Bits per (level, tail level) pair at most, for the bitmap way (16 MB). */
const MAX_PATTERN_BITS = 2 ** 27;

/**
 * Symbolic: each level's sorted tail rows (the tail levels seen with it, all effects of each,
 * then X and y), from one bit per (level, tail level) pair set in row order and read level by
 * level in ascending order: no per-level lists or sorts (50,000 × 1,000 levels, 10 million
 * rows). Null when the bitmaps would be too large.
 */
function tailPatternFromBits(ctx: Ctx, j: number): { colPtr: Int32Array; rowIdx: Int32Array } | null {
  const { n, p, terms, m, tailOff, xOff } = ctx;
  const { nl, levelOfRow } = terms[j];
  const tail = terms.slice(m);
  if (tail.some((t) => nl * Math.ceil(t.nl / 32) * 32 > MAX_PATTERN_BITS)) return null;
  const maps = tail.map((t) => {
    const words = Math.ceil(t.nl / 32);
    const bits = new Int32Array(nl * words);
    const of = t.levelOfRow;
    for (let r = 0; r < n; r++) {
      const lv = of[r];
      bits[levelOfRow[r] * words + (lv >>> 5)] |= 1 << (lv & 31);
    }
    return { bits, words };
  });
  const colPtr = new Int32Array(nl + 1);
  for (let l = 0; l < nl; l++) {
    let count = p + 1;
    maps.forEach(({ bits, words }, t) => {
      for (let w = l * words; w < (l + 1) * words; w++) for (let x = bits[w]; x !== 0; x &= x - 1) count += tail[t].k;
    });
    colPtr[l + 1] = colPtr[l] + count;
  }
  const rowIdx = new Int32Array(colPtr[nl]);
  for (let l = 0; l < nl; l++) {
    let at = colPtr[l];
    maps.forEach(({ bits, words }, t) => {
      const { k } = tail[t];
      for (let w = 0; w < words; w++) {
        for (let x = bits[l * words + w]; x !== 0; x &= x - 1) {
          const lv = w * 32 + (31 - Math.clz32(x & -x));
          for (let b = 0; b < k; b++) rowIdx[at++] = tailOff[t] + lv * k + b;
        }
      }
    });
    for (let c = 0; c <= p; c++) rowIdx[at++] = xOff + c;
  }
  return { colPtr, rowIdx };
}

/** The same from per-level lists (when the bitmaps would be too large). */
function tailPatternFromLists(ctx: Ctx, j: number, byLevel: { start: Int32Array; rows: Int32Array }): { colPtr: Int32Array; rowIdx: Int32Array } {
  const { start, rows } = byLevel;
  const { p, terms, m, tailOff, xOff } = ctx;
  const { nl } = terms[j];
  // The tail levels seen with each level, all effects of each, then X and y.
  const seen = terms.slice(m).map((t) => new Int32Array(t.nl).fill(-1));
  const colPtr = new Int32Array(nl + 1);
  const lists: Int32Array[] = [];
  for (let l = 0; l < nl; l++) {
    const idx: number[] = [];
    for (let t = m; t < terms.length; t++) {
      const tt = terms[t];
      const mark = seen[t - m];
      const levels: number[] = [];
      for (let a = start[l]; a < start[l + 1]; a++) {
        const lv = tt.levelOfRow[rows[a]];
        if (mark[lv] !== l) {
          mark[lv] = l;
          levels.push(lv);
        }
      }
      levels.sort((u, v) => u - v);
      for (const lv of levels) for (let b = 0; b < tt.k; b++) idx.push(tailOff[t - m] + lv * tt.k + b);
    }
    for (let c = 0; c <= p; c++) idx.push(xOff + c);
    lists.push(Int32Array.from(idx));
    colPtr[l + 1] = colPtr[l] + idx.length;
  }
  const rowIdx = new Int32Array(colPtr[nl]);
  for (let l = 0; l < nl; l++) rowIdx.set(lists[l], colPtr[l]);
  return { colPtr, rowIdx };
}

function transposePattern(colPtr: Int32Array, rowIdx: Int32Array, nl: number, nt: number) {
  const tPtr = new Int32Array(nt + 1);
  for (let a = 0; a < rowIdx.length; a++) tPtr[rowIdx[a] + 1]++;
  for (let i = 0; i < nt; i++) tPtr[i + 1] += tPtr[i];
  const fill = tPtr.slice(0, nt);
  const tLevel = new Int32Array(rowIdx.length);
  const tPos = new Int32Array(rowIdx.length);
  for (let l = 0; l < nl; l++) {
    for (let a = colPtr[l]; a < colPtr[l + 1]; a++) {
      const q = fill[rowIdx[a]]++;
      tLevel[q] = l;
      tPos[q] = a - colPtr[l];
    }
  }
  return { tPtr, tLevel, tPos };
}

function relativePositions(fine: PrefixBlock, coarse: PrefixBlock, parent: Int32Array, nl: number, nt: number): Int32Array {
  const rel = new Int32Array(fine.rowIdx.length);
  const pos = new Int32Array(nt).fill(-1);
  for (let l = 0; l < nl; l++) {
    const pl = parent[l];
    for (let a = coarse.colPtr[pl]; a < coarse.colPtr[pl + 1]; a++) pos[coarse.rowIdx[a]] = a;
    for (let a = fine.colPtr[l]; a < fine.colPtr[l + 1]; a++) rel[a] = pos[fine.rowIdx[a]];
  }
  return rel;
}

/** A's dense tail block from the rows' sparse tail vectors (tail-term entries, X, y). */
function buildTailA(ctx: Ctx): Float64Array {
  const { n, p, terms, m, tailOff, xOff, yOff, nt, X, y } = ctx;
  const a = new Float64Array(nt * nt);
  let nz = p + 1;
  for (let t = m; t < terms.length; t++) nz += terms[t].k;
  const idx = new Int32Array(nz);
  const val = new Float64Array(nz);
  for (let r = 0; r < n; r++) {
    let cnt = 0;
    for (let t = m; t < terms.length; t++) {
      const tt = terms[t];
      const r0 = tailOff[t - m] + tt.levelOfRow[r] * tt.k;
      for (let b = 0; b < tt.k; b++) {
        idx[cnt] = r0 + b;
        val[cnt++] = tt.Z[r + b * n];
      }
    }
    for (let x = 0; x < p; x++) {
      idx[cnt] = xOff + x;
      val[cnt++] = X[r + x * n];
    }
    idx[cnt] = yOff;
    val[cnt++] = y[r];
    for (let u = 0; u < cnt; u++) {
      const vu = val[u];
      if (vu === 0) continue;
      const cu = idx[u] * nt;
      for (let w = 0; w < cnt; w++) a[idx[w] + cu] += val[w] * vu;
    }
  }
  return a;
}
