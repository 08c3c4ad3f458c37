/**
 * WebAssembly SIMD kernels of the blocked Cholesky (simd-cholesky.ts) and of the blocked LMM
 * factor (app/engine/lmm/blocked-factor.ts):
 *
 * - syrk4x4, the trailing update A[i, j..j+3] −= Σ_c P[i, c]·P[j..j+3, c] for a run of 4-row
 *   strips i, P packed in 4-row strips: 4 columns × 4 rows per tile, 8 f64x2 accumulators,
 *   2 vector loads and 4 load-and-broadcasts per panel column, so every loaded value serves
 *   several multiply-adds (the register tiling of Goto & van de Geijn, ACM TOMS 34(3), 2008);
 * - trsmPack, the panel's triangular solve X = A₂₁·L₁₁⁻ᵀ row strip by row strip (LAPACK dpotrf's
 *   dtrsm step), writing X both back into A and, packed, for syrk4x4 — several strips at once so
 *   that independent accumulators hide the add latency;
 * - axpy (column operations) and scatter (the sparse prefix-to-tail update of the LMM factor).
 *
 * The module is assembled here from its opcodes (WebAssembly core spec 2.0 + fixed-width SIMD),
 * so no toolchain is needed. Memory is imported: callers keep the matrix in that memory.
 */

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

// Instructions used below.
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32c = (v: number) => [0x41, ...sleb(v)];
const I32_ADD = [0x6a];
const I32_SUB = [0x6b];
const I32_GE_S = [0x4e];
const F64_LOAD = (offset: number) => [0x2b, 0x03, ...uleb(offset)];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const V_LOAD = (offset: number) => simd(0x00, 0x04, ...uleb(offset));
const V_STORE = (offset: number) => simd(0x0b, 0x04, ...uleb(offset));
/** v128.load64_splat: one f64 loaded into both lanes (a plain load on x86, no shuffle). */
const V_SPLAT_LOAD = (offset: number) => simd(0x0a, 0x03, ...uleb(offset));
const SPLAT = simd(0x14);
const FADD = simd(0xf0);
const FSUB = simd(0xf1);
const FMUL = simd(0xf2);
const V_ZERO = [0xfd, ...uleb(0x0c), ...new Array(16).fill(0)];

/**
 * syrk4x4(a, pi, pj, ld, strips, kb): the panel is packed in 4-row strips, strip r holding
 * P[4r..4r+3, c] at 32 bytes per column c (kb·32 bytes per strip).
 *   a  — byte address of A[i0, j] (first target row, first of 4 target columns)
 *   pi — byte address of the packed strip of rows i0..;  pj — of the strip of columns j..j+3
 *   ld — A's leading dimension in bytes; strips — number of 4-row strips; kb — panel width.
 */
function syrkBody(): number[] {
  // params 0 a, 1 pi, 2 pj, 3 ld, 4 strips, 5 kb; locals: 6 s (strip), 7 c, 8 xi, 9 xj, 10 at
  // v128 locals 11..18 acc (col q, half h → 11 + 2q + h), 19 x0, 20 x1, 21 bcast
  const body: number[] = [];
  const emit = (...parts: number[][]) => parts.forEach((p) => body.push(...p));
  emit(i32c(0), set(6));
  emit([0x02, 0x40], [0x03, 0x40]); // block; loop (strips)
  emit(get(6), get(4), I32_GE_S, [0x0d, 0x01]); // br_if exit when s >= strips
  for (let r = 11; r <= 18; r++) emit(V_ZERO, set(r));
  emit(get(1), set(8), get(2), set(9), i32c(0), set(7));
  emit([0x02, 0x40], [0x03, 0x40]); // block; loop (panel columns)
  emit(get(7), get(5), I32_GE_S, [0x0d, 0x01]);
  emit(get(8), V_LOAD(0), set(19), get(8), V_LOAD(16), set(20));
  for (let q = 0; q < 4; q++) {
    emit(get(9), V_SPLAT_LOAD(8 * q), set(21));
    emit(get(11 + 2 * q), get(19), get(21), FMUL, FADD, set(11 + 2 * q));
    emit(get(12 + 2 * q), get(20), get(21), FMUL, FADD, set(12 + 2 * q));
  }
  emit(get(8), i32c(32), I32_ADD, set(8), get(9), i32c(32), I32_ADD, set(9));
  emit(get(7), i32c(1), I32_ADD, set(7), [0x0c, 0x00], [0x0b], [0x0b]); // c++; br loop; end; end
  // store: column q at a + q·ld
  emit(get(0), set(10));
  for (let q = 0; q < 4; q++) {
    emit(get(10), get(10), V_LOAD(0), get(11 + 2 * q), FSUB, V_STORE(0));
    emit(get(10), get(10), V_LOAD(16), get(12 + 2 * q), FSUB, V_STORE(16));
    if (q < 3) emit(get(10), get(3), I32_ADD, set(10));
  }
  emit(get(0), i32c(32), I32_ADD, set(0), get(1), get(5), i32c(5), [0x74], I32_ADD, set(1));
  emit(get(6), i32c(1), I32_ADD, set(6), [0x0c, 0x00], [0x0b], [0x0b]);
  emit([0x0b]);
  const locals = vec([
    [...uleb(5), I32],
    [...uleb(11), V128],
  ]);
  return [...locals, ...body];
}

/** The panel width trsmPack is built for (the blocked Cholesky's block size). */
export const TRSM_WIDTH = 64;
/** Bytes per packed 4-row strip of a TRSM_WIDTH-wide panel. */
const STRIP_BYTES = TRSM_WIDTH * 32;

/**
 * trsmPack(a, ld, lt, pack, strips): for each 4-row strip of A₂₁ (TRSM_WIDTH columns, A
 * column-major with leading dimension ld bytes, `a` the byte address of its first row), solve
 * x_c = (a_c − Σ_{t<c} x_t·L[c, t]) · (1/L[c, c]) for c = 0, 1, … (the same operations in the same
 * order as column axpys, so the same rounding), storing x_c back into A and into the packed panel
 * (strip r at pack + r·STRIP_BYTES, column c at +32c). `lt` holds L₁₁ row-major with the
 * reciprocals of its diagonal on the diagonal. Three strips at a time (six accumulators: with
 * four, V8 spills one and its store-to-load chain halves the speed), then one at a time.
 */
function trsmBody(): number[] {
  // params 0 a, 1 ld, 2 lt, 3 pack, 4 strips; locals i32: 5 g, 6 c, 7 t, 8 acol, 9 lp, 10 pc;
  // v128: 11..18 acc (strip h, half e → 11 + 2h + e), 19 l
  const body: number[] = [];
  const emit = (...parts: number[][]) => parts.forEach((p) => body.push(...p));
  const I32_MUL = [0x6c];
  const I32_GT_S = [0x4a];
  const SHL = [0x74];
  const group = (G: number) => {
    emit([0x02, 0x40], [0x03, 0x40]); // block; loop over groups of G strips
    emit(get(5), i32c(G), I32_ADD, get(4), I32_GT_S, [0x0d, 0x01]); // exit when g + G > strips
    emit(i32c(0), set(6));
    emit([0x02, 0x40], [0x03, 0x40]); // block; loop over columns c
    emit(get(6), i32c(TRSM_WIDTH), I32_GE_S, [0x0d, 0x01]);
    emit(get(0), get(6), get(1), I32_MUL, I32_ADD, set(8)); // acol = a + c·ld
    emit(get(3), get(6), i32c(5), SHL, I32_ADD, set(10)); // the packed copy of column c
    for (let h = 0; h < G; h++) {
      emit(get(10), V_LOAD(h * STRIP_BYTES), set(11 + 2 * h), get(10), V_LOAD(h * STRIP_BYTES + 16), set(12 + 2 * h));
    }
    emit(get(2), get(6), i32c(TRSM_WIDTH * 8), I32_MUL, I32_ADD, set(9)); // lp = lt + c·width·8
    emit(get(3), set(10), i32c(0), set(7)); // pc = pack (this group's strip 0, column 0)
    emit([0x02, 0x40], [0x03, 0x40]); // block; loop over t < c
    emit(get(7), get(6), I32_GE_S, [0x0d, 0x01]);
    emit(get(9), V_SPLAT_LOAD(0), set(19));
    for (let h = 0; h < G; h++) {
      for (let e = 0; e < 2; e++) {
        const acc = 11 + 2 * h + e;
        emit(get(acc), get(10), V_LOAD(h * STRIP_BYTES + 16 * e), get(19), FMUL, FSUB, set(acc));
      }
    }
    emit(get(9), i32c(8), I32_ADD, set(9), get(10), i32c(32), I32_ADD, set(10));
    emit(get(7), i32c(1), I32_ADD, set(7), [0x0c, 0x00], [0x0b], [0x0b]);
    // lp now points at 1/L[c, c]; pc at column c of this group's first strip.
    emit(get(9), V_SPLAT_LOAD(0), set(19));
    for (let h = 0; h < G; h++) {
      for (let e = 0; e < 2; e++) {
        const acc = 11 + 2 * h + e;
        emit(get(acc), get(19), FMUL, set(acc));
        emit(get(10), get(acc), V_STORE(h * STRIP_BYTES + 16 * e));
        emit(get(8), get(acc), V_STORE(32 * h + 16 * e));
      }
    }
    emit(get(6), i32c(1), I32_ADD, set(6), [0x0c, 0x00], [0x0b], [0x0b]);
    emit(get(0), i32c(32 * G), I32_ADD, set(0), get(3), i32c(G * STRIP_BYTES), I32_ADD, set(3));
    emit(get(5), i32c(G), I32_ADD, set(5), [0x0c, 0x00], [0x0b], [0x0b]);
  };
  // First a plain copy of the strips into the pack, column by column: reading A along its
  // columns streams (the solve's own order, a new column of A every step, missed the cache).
  emit(i32c(0), set(6));
  emit([0x02, 0x40], [0x03, 0x40]);
  emit(get(6), i32c(TRSM_WIDTH), I32_GE_S, [0x0d, 0x01]);
  emit(get(0), get(6), get(1), I32_MUL, I32_ADD, set(8));
  emit(get(3), get(6), i32c(5), SHL, I32_ADD, set(10));
  emit(i32c(0), set(5));
  emit([0x02, 0x40], [0x03, 0x40]);
  emit(get(5), get(4), I32_GE_S, [0x0d, 0x01]);
  emit(get(10), get(8), V_LOAD(0), V_STORE(0), get(10), get(8), V_LOAD(16), V_STORE(16));
  emit(get(8), i32c(32), I32_ADD, set(8), get(10), i32c(STRIP_BYTES), I32_ADD, set(10));
  emit(get(5), i32c(1), I32_ADD, set(5), [0x0c, 0x00], [0x0b], [0x0b]);
  emit(get(6), i32c(1), I32_ADD, set(6), [0x0c, 0x00], [0x0b], [0x0b]);
  emit(i32c(0), set(5));
  group(3);
  group(1);
  emit([0x0b]);
  const locals = vec([
    [...uleb(6), I32],
    [...uleb(9), V128],
  ]);
  return [...locals, ...body];
}

/**
 * axpy(y, x, f, count): y[0..count) −= f·x[0..count), byte addresses, two lanes at a time
 * (count even) — the column operations of the panel's triangular solve.
 */
function axpyBody(): number[] {
  // params 0 y, 1 x, 2 f (f64), 3 count; locals 4 end (i32), 5 fv (v128)
  const body: number[] = [];
  const emit = (...parts: number[][]) => parts.forEach((p) => body.push(...p));
  emit(get(2), SPLAT, set(5));
  emit(get(0), get(3), i32c(3), [0x74], I32_ADD, set(4)); // end = y + count·8
  emit([0x02, 0x40], [0x03, 0x40]);
  emit(get(0), get(4), I32_GE_S, [0x0d, 0x01]);
  emit(get(0), get(0), V_LOAD(0), get(1), V_LOAD(0), get(5), FMUL, FSUB, V_STORE(0));
  emit(get(0), i32c(16), I32_ADD, set(0), get(1), i32c(16), I32_ADD, set(1));
  emit([0x0c, 0x00], [0x0b], [0x0b], [0x0b]);
  const locals = vec([
    [...uleb(1), I32],
    [...uleb(1), V128],
  ]);
  return [...locals, ...body];
}

/**
 * scatter(T, nt, tPtr, tLevel, tPos, colPtr, rowIdx, P): the prefix-to-tail update of the
 * blocked LMM Cholesky for a scalar prefix term, column-oriented (see blocked-factor.ts):
 *   for each tail column i, for each level ℓ with row i (q in tPtr[i]..tPtr[i+1]),
 *   a = colPtr[ℓ] + tPos[q]:  T[rowIdx[b], i] −= P[b]·P[a] for b in a..colPtr[ℓ+1).
 * All pointers are byte addresses (Int32 arrays for indices, Float64 for values); nt is a count.
 */
function scatterBody(): number[] {
  // params 0 T, 1 nt, 2 tPtr, 3 tLevel, 4 tPos, 5 colPtr, 6 rowIdx, 7 P
  // locals i32: 8 i, 9 col, 10 q, 11 qEnd, 12 lp (colPtr + 4ℓ), 13 b, 14 end, 16 addr; f64: 15 va
  const body: number[] = [];
  const emit = (...parts: number[][]) => parts.forEach((p) => body.push(...p));
  const I32_LOAD = (off: number) => [0x28, 0x02, ...uleb(off)];
  const F64_STORE = [0x39, 0x03, 0x00];
  const SHL = [0x74];
  const MUL = [0x6c];
  const FMUL_S = [0xa2];
  const FSUB_S = [0xa1];
  emit(i32c(0), set(8));
  emit([0x02, 0x40], [0x03, 0x40]);
  emit(get(8), get(1), I32_GE_S, [0x0d, 0x01]);
  emit(get(8), get(1), MUL, i32c(3), SHL, get(0), I32_ADD, set(9));
  emit(get(2), get(8), i32c(2), SHL, I32_ADD, I32_LOAD(0), set(10));
  emit(get(2), get(8), i32c(2), SHL, I32_ADD, I32_LOAD(4), set(11));
  emit([0x02, 0x40], [0x03, 0x40]);
  emit(get(10), get(11), I32_GE_S, [0x0d, 0x01]);
  emit(get(5), get(3), get(10), i32c(2), SHL, I32_ADD, I32_LOAD(0), i32c(2), SHL, I32_ADD, set(12));
  emit(get(12), I32_LOAD(0), get(4), get(10), i32c(2), SHL, I32_ADD, I32_LOAD(0), I32_ADD, set(13));
  emit(get(12), I32_LOAD(4), set(14));
  emit(get(7), get(13), i32c(3), SHL, I32_ADD, F64_LOAD(0), set(15));
  emit([0x02, 0x40], [0x03, 0x40]);
  emit(get(13), get(14), I32_GE_S, [0x0d, 0x01]);
  emit(get(9), get(6), get(13), i32c(2), SHL, I32_ADD, I32_LOAD(0), i32c(3), SHL, I32_ADD, set(16));
  emit(get(16), get(16), F64_LOAD(0), get(7), get(13), i32c(3), SHL, I32_ADD, F64_LOAD(0), get(15), FMUL_S, FSUB_S, F64_STORE);
  emit(get(13), i32c(1), I32_ADD, set(13), [0x0c, 0x00], [0x0b], [0x0b]);
  emit(get(10), i32c(1), I32_ADD, set(10), [0x0c, 0x00], [0x0b], [0x0b]);
  emit(get(8), i32c(1), I32_ADD, set(8), [0x0c, 0x00], [0x0b], [0x0b]);
  emit([0x0b]);
  const locals = vec([
    [...uleb(7), I32],
    [...uleb(1), F64],
    [...uleb(1), I32],
  ]);
  return [...locals, ...body];
}

function moduleBytes(): Uint8Array {
  const types = section(1, vec([
    [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), ...vec([])],
    [0x60, ...vec([[I32], [I32], [F64], [I32]]), ...vec([])],
    [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32], [I32], [I32]]), ...vec([])],
    [0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), ...vec([])],
  ]));
  const imports = section(2, vec([[...name("env"), ...name("memory"), 0x02, 0x00, 0x01]]));
  const funcs = section(3, vec([[0x00], [0x01], [0x02], [0x03]]));
  const exports = section(7, vec([
    [...name("syrk4x4"), 0x00, 0x00],
    [...name("axpy"), 0x00, 0x01],
    [...name("scatter"), 0x00, 0x02],
    [...name("trsmPack"), 0x00, 0x03],
  ]));
  const code = (b: number[]) => [...uleb(b.length), ...b];
  const codes = section(10, vec([code(syrkBody()), code(axpyBody()), code(scatterBody()), code(trsmBody())]));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...funcs, ...exports, ...codes]);
}

export interface SimdKernels {
  readonly memory: WebAssembly.Memory;
  syrk4x4(a: number, pi: number, pj: number, ld: number, strips: number, kb: number): void;
  axpy(y: number, x: number, f: number, count: number): void;
  scatter(T: number, nt: number, tPtr: number, tLevel: number, tPos: number, colPtr: number, rowIdx: number, P: number): void;
  trsmPack(a: number, ld: number, lt: number, pack: number, strips: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The kernels over a fresh memory of at least `bytes` bytes, or null where WebAssembly SIMD is unavailable. */
export function createSimdKernels(bytes: number): SimdKernels | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(moduleBytes().buffer as ArrayBuffer);
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  if (pages > 65536) return null; // beyond 32-bit WebAssembly memory
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages });
  } catch {
    return null; // not enough memory for one block: the caller falls back to plain arrays
  }
  const inst = new WebAssembly.Instance(compiled, { env: { memory } });
  const ex = inst.exports as unknown as Omit<SimdKernels, "memory">;
  return { memory, syrk4x4: ex.syrk4x4, axpy: ex.axpy, scatter: ex.scatter, trsmPack: ex.trsmPack };
}
