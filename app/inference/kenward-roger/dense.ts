/** Small dense column-major matrix helpers for Kenward–Roger (matrices of size p or q, not n). */

export interface Mat {
  readonly rows: number;
  readonly cols: number;
  /** Element (i, j) at data[i + j·rows]. */
  readonly data: Float64Array;
}

export const zeros = (rows: number, cols: number): Mat => ({ rows, cols, data: new Float64Array(rows * cols) });

export function multiply(a: Mat, b: Mat): Mat {
  const out = zeros(a.rows, b.cols);
  const { rows: m, cols: k } = a;
  for (let j = 0; j < b.cols; j++) {
    for (let l = 0; l < k; l++) {
      const blj = b.data[l + j * k];
      if (blj === 0) continue;
      const ao = l * m;
      const oo = j * m;
      for (let i = 0; i < m; i++) out.data[oo + i] += a.data[ao + i] * blj;
    }
  }
  return out;
}

/** aᵀ b. */
export function crossprod(a: Mat, b: Mat): Mat {
  const out = zeros(a.cols, b.cols);
  const n = a.rows;
  for (let j = 0; j < b.cols; j++) {
    for (let i = 0; i < a.cols; i++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += a.data[r + i * n] * b.data[r + j * n];
      out.data[i + j * a.cols] = s;
    }
  }
  return out;
}

export function transpose(a: Mat): Mat {
  const out = zeros(a.cols, a.rows);
  for (let j = 0; j < a.cols; j++) for (let i = 0; i < a.rows; i++) out.data[j + i * a.cols] = a.data[i + j * a.rows];
  return out;
}

/** a·x + b·y elementwise (same shape). */
export function combine(x: Mat, a: number, y: Mat, b: number): Mat {
  return { rows: x.rows, cols: x.cols, data: x.data.map((v, i) => a * v + b * y.data[i]) };
}

/** Σᵢⱼ xᵢⱼ yᵢⱼ (R's sum(x * y)). */
export function dot(x: Mat, y: Mat): number {
  let s = 0;
  for (let i = 0; i < x.data.length; i++) s += x.data[i] * y.data[i];
  return s;
}

export function trace(a: Mat): number {
  let s = 0;
  for (let i = 0; i < a.rows; i++) s += a.data[i + i * a.rows];
  return s;
}

/** Sub-matrix rows [r0, r0+nr) × cols [c0, c0+nc). */
export function block(a: Mat, r0: number, nr: number, c0: number, nc: number): Mat {
  const out = zeros(nr, nc);
  for (let j = 0; j < nc; j++) for (let i = 0; i < nr; i++) out.data[i + j * nr] = a.data[r0 + i + (c0 + j) * a.rows];
  return out;
}

/** Inverse of a symmetric positive definite matrix by Cholesky; null if not positive definite. */
export function spdInverse(a: Mat): Mat | null {
  const n = a.rows;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a.data[j + j * n];
    for (let k = 0; k < j; k++) d -= l[j + k * n] * l[j + k * n];
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    l[j + j * n] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a.data[i + j * n];
      for (let k = 0; k < j; k++) s -= l[i + k * n] * l[j + k * n];
      l[i + j * n] = s / ljj;
    }
  }
  // L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀ L⁻¹.
  const li = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    for (let i = c; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = c; k < i; k++) s -= l[i + k * n] * li[k + c * n];
      li[i + c * n] = s / l[i + i * n];
    }
  }
  const out = zeros(n, n);
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) {
      let s = 0;
      for (let k = i; k < n; k++) s += li[k + i * n] * li[k + j * n];
      out.data[i + j * n] = s;
      out.data[j + i * n] = s;
    }
  }
  return out;
}
