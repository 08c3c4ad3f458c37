/**
 * Contrast matrices for lmerTest's type III ANOVA (lmerTest's get_contrasts_type3 and
 * extract_contrasts_type3, R/anova_contrasts.R and R/contrast_utils.R), written afresh:
 *
 * 1. X is the model matrix in treatment coding (the model's own when it uses treatment
 *    contrasts, else a remake, with dependent columns dropped) and rdX the "complete"
 *    rank-deficient design: the intercept plus, per term, every level of every factor
 *    (model.matrix(~ 0 + term)).
 * 2. L = zapsmall((X⁺ rdX)ᵀ): row r expresses rdX's column r in X's coefficients.
 * 3. From the highest-order terms down, the columns of a term contained in others (SAS's
 *    containment: same covariates, a subset of the factors) are replaced by their residuals
 *    after least-squares projection on the containing terms' columns.
 * 4. A term's contrast is the transpose of its columns of L restricted to the rows named like
 *    X's columns; all-zero rows are dropped. Other codings map back by X⁺ X_orig.
 *
 * A model with one term (or one column) uses type I contrasts (Doolittle factorisation of XᵀX),
 * as lmerTest does.
 */
import type { FixedDesign, FixedTermInfo, FrameVariable } from "../engine/model-frame/types";
import { polyColumnNames } from "../engine/model-frame/poly";

export interface TermContrast {
  readonly term: string;
  /** Rows of the contrast, each of length p (the model's coefficients). */
  readonly rows: readonly Float64Array[];
}

interface Columns {
  readonly names: string[];
  readonly values: Float64Array[];
  /** Term label of each column ("(Intercept)" for the intercept). */
  readonly term: string[];
}

/** Factor combinations of the model's terms that no row has (lmerTest: "Missing cells for: …"). */
export function missingCells(fixed: FixedDesign): string[] {
  if (!fixed.terms || !fixed.variables) return [];
  const rd = designColumns(fixed, true);
  return rd.names.filter((_, j) => rd.values[j].every((v) => v === 0));
}

/** lmerTest's contrasts for the type III table, one per model term, in the model's term order. */
export function type3Contrasts(fixed: FixedDesign): TermContrast[] {
  const labels = termLabelsWithoutIntercept(fixed);
  if (fixed.p <= 1 || labels.length <= 1) return type1Contrasts(fixed);
  if (!fixed.terms || !fixed.variables) throw new Error("The model frame lacks term information for type III contrasts.");
  const orig = columnsOf(fixed);
  const treatment = fixed.contrasts === "treatment" ? orig : independentColumns(designColumns(fixed, false), fixed.n);
  const list = treatmentType3(fixed, treatment);
  if (treatment === orig) return list;
  // map = zapsmall(X⁺ X_orig): the treatment coefficients as functions of the model's.
  const map = zapsmall(leastSquares(treatment.values, orig.values, fixed.n));
  const pt = treatment.values.length;
  return list.map(({ term, rows }) => ({
    term,
    rows: rows.map((r) => {
      const out = new Float64Array(fixed.p);
      for (let j = 0; j < fixed.p; j++) for (let i = 0; i < pt; i++) out[j] += r[i] * map[i + j * pt];
      return out;
    }),
  }));
}

function termLabelsWithoutIntercept(fixed: FixedDesign): string[] {
  return fixed.termLabels.filter((l, i) => !(fixed.hasIntercept && i === 0 && l === "(Intercept)"));
}

function columnsOf(fixed: FixedDesign): Columns {
  const { n, p, X } = fixed;
  return {
    names: [...fixed.names],
    values: Array.from({ length: p }, (_, j) => X.subarray(j * n, (j + 1) * n)),
    term: Array.from(fixed.assign, (a) => fixed.termLabels[a]),
  };
}

/** Steps 1–4 in treatment coding; rows indexed by the columns of `X`. */
function treatmentType3(fixed: FixedDesign, X: Columns): TermContrast[] {
  const terms = fixed.terms!;
  const rd = designColumns(fixed, true);
  const p = X.values.length;
  const m = rd.values.length;
  // L (m × p, column-major) = (X⁺ rdX)ᵀ.
  const B = leastSquares(X.values, rd.values, fixed.n);
  const L = new Float64Array(m * p);
  for (let j = 0; j < p; j++) for (let r = 0; r < m; r++) L[r + j * m] = B[j + r * p];
  zapsmallInPlace(L);
  const colsOf = (label: string) => X.term.flatMap((t, j) => (t === label ? [j] : []));
  const order = terms.map((t, i) => ({ t, i })).sort((a, b) => b.t.variables.length - a.t.variables.length || a.i - b.i);
  for (const { t } of order) {
    const containers = terms.filter((other) => contains(other, t));
    if (containers.length === 0) continue;
    const xs = containers.flatMap((c) => colsOf(c.label));
    const ys = colsOf(t.label);
    residualise(L, m, xs, ys);
  }
  const rowOf = X.names.map((name) => {
    const r = rd.names.indexOf(name);
    if (r < 0) throw new Error(`Type III contrasts: no complete-design column for '${name}'.`);
    return r;
  });
  return terms.map((t) => ({
    term: t.label,
    rows: colsOf(t.label)
      .map((j) => Float64Array.from(rowOf, (r) => L[r + j * m]))
      .filter((row) => row.reduce((s, v) => s + Math.abs(v), 0) > 1e-8),
  }));
}

/** Variables R's terms() marks 1 in a term (coded by contrasts, or numbers). */
function codedVariables(t: FixedTermInfo): string[] {
  return t.variables.filter((v) => v.coding !== "indicator").map((v) => v.name);
}

/** lmerTest's term_contain: does `big` contain `small`? */
function contains(big: FixedTermInfo, small: FixedTermInfo): boolean {
  const vb = codedVariables(big);
  const vs = codedVariables(small);
  if (!vs.every((v) => vb.includes(v)) || !vb.some((v) => !vs.includes(v))) return false;
  const numerics = (t: FixedTermInfo, vars: string[]) =>
    vars.filter((v) => t.variables.find((x) => x.name === v)?.coding === "numeric").sort();
  const nb = numerics(big, vb);
  const ns = numerics(small, vs);
  return nb.length === ns.length && nb.every((v, i) => v === ns[i]);
}

/**
 * The design of the model's terms from its variables: `complete` gives every level of every
 * factor (lmerTest's get_rdX), else treatment coding with R's contrast/indicator choice per term.
 */
function designColumns(fixed: FixedDesign, complete: boolean): Columns {
  const n = fixed.n;
  const vars = fixed.variables!;
  const out: Columns = { names: [], values: [], term: [] };
  if (fixed.hasIntercept) {
    out.names.push("(Intercept)");
    out.values.push(new Float64Array(n).fill(1));
    out.term.push("(Intercept)");
  }
  for (const t of fixed.terms!) {
    let cols: { name: string; values: Float64Array }[] = [{ name: "", values: new Float64Array(n).fill(1) }];
    for (const v of t.variables) {
      const parts = variableColumns(vars[v.name], complete || v.coding === "indicator", n);
      const next: typeof cols = [];
      // The first variable varies fastest (model.matrix's order).
      for (const b of parts) {
        for (const a of cols) {
          const values = new Float64Array(n);
          for (let i = 0; i < n; i++) values[i] = a.values[i] * b.values[i];
          next.push({ name: a.name === "" ? b.name : `${a.name}:${b.name}`, values });
        }
      }
      cols = next;
    }
    for (const c of cols) {
      out.names.push(c.name);
      out.values.push(c.values);
      out.term.push(t.label);
    }
  }
  return out;
}

function variableColumns(v: FrameVariable, allLevels: boolean, n: number): { name: string; values: Float64Array }[] {
  if (v.kind === "numeric") return [{ name: v.name, values: v.values }];
  if (v.kind === "poly") return polyColumnNames(v.name, v.basis.degree).map((name, j) => ({ name, values: v.columns[j] }));
  const cols: { name: string; values: Float64Array }[] = [];
  for (let l = allLevels ? 0 : 1; l < v.levels.length; l++) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = v.codes[i] === l ? 1 : 0;
    cols.push({ name: v.name + v.levels[l], values });
  }
  return cols;
}

/** Drop columns that are linear combinations of earlier ones (R's pivoted QR, tolerance 1e-7). */
function independentColumns(cols: Columns, n: number): Columns {
  const basis: Float64Array[] = [];
  const keep: number[] = [];
  cols.values.forEach((v, j) => {
    const r = Float64Array.from(v);
    const norm0 = norm2(r);
    for (const q of basis) {
      let d = 0;
      for (let i = 0; i < n; i++) d += q[i] * r[i];
      for (let i = 0; i < n; i++) r[i] -= d * q[i];
    }
    const norm = norm2(r);
    if (norm0 === 0 || norm <= 1e-7 * norm0) return;
    for (let i = 0; i < n; i++) r[i] /= norm;
    basis.push(r);
    keep.push(j);
  });
  return { names: keep.map((j) => cols.names[j]), values: keep.map((j) => cols.values[j]), term: keep.map((j) => cols.term[j]) };
}

/** X⁺ Y for full-rank X (n × p) and Y (n × m), by normal equations; p × m column-major. */
function leastSquares(X: readonly Float64Array[], Y: readonly Float64Array[], n: number): Float64Array {
  const p = X.length;
  const m = Y.length;
  const xtx = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X[a][i] * X[b][i];
      xtx[a + b * p] = s;
      xtx[b + a * p] = s;
    }
  }
  const chol = cholesky(xtx, p);
  const out = new Float64Array(p * m);
  const rhs = new Float64Array(p);
  for (let c = 0; c < m; c++) {
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X[a][i] * Y[c][i];
      rhs[a] = s;
    }
    cholSolve(chol, p, rhs);
    out.set(rhs, c * p);
  }
  return out;
}

function cholesky(a: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j + j * p];
    for (let k = 0; k < j; k++) d -= l[j + k * p] ** 2;
    if (!(d > 0)) throw new Error("The fixed-effect design is rank deficient (type III contrasts).");
    const ljj = Math.sqrt(d);
    l[j + j * p] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i + j * p];
      for (let k = 0; k < j; k++) s -= l[i + k * p] * l[j + k * p];
      l[i + j * p] = s / ljj;
    }
  }
  return l;
}

function cholSolve(l: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i + k * p] * b[k];
    b[i] = s / l[i + i * p];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < p; k++) s -= l[k + i * p] * b[k];
    b[i] = s / l[i + i * p];
  }
}

/**
 * Columns `ys` of L (m rows) ← their residuals after projection on the span of columns `xs`
 * (lm.fit's residuals; dependent columns of xs are skipped), then zapsmall of that block.
 */
function residualise(L: Float64Array, m: number, xs: readonly number[], ys: readonly number[]): void {
  const basis: Float64Array[] = [];
  for (const j of xs) {
    const r = L.slice(j * m, (j + 1) * m);
    const norm0 = norm2(r);
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let d = 0;
        for (let i = 0; i < m; i++) d += q[i] * r[i];
        for (let i = 0; i < m; i++) r[i] -= d * q[i];
      }
    }
    const norm = norm2(r);
    if (norm0 === 0 || norm <= 1e-7 * norm0) continue;
    for (let i = 0; i < m; i++) r[i] /= norm;
    basis.push(r);
  }
  const block = new Float64Array(m * ys.length);
  ys.forEach((j, c) => {
    const r = L.slice(j * m, (j + 1) * m);
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let d = 0;
        for (let i = 0; i < m; i++) d += q[i] * r[i];
        for (let i = 0; i < m; i++) r[i] -= d * q[i];
      }
    }
    block.set(r, c * m);
  });
  zapsmallInPlace(block);
  ys.forEach((j, c) => L.set(block.subarray(c * m, (c + 1) * m), j * m));
}

/** R's zapsmall(x, digits = 7): round to 7 significant digits of max|x|. */
function zapsmall(x: Float64Array): Float64Array {
  const y = Float64Array.from(x);
  zapsmallInPlace(y);
  return y;
}

function zapsmallInPlace(x: Float64Array): void {
  let mx = 0;
  for (const v of x) if (Number.isFinite(v)) mx = Math.max(mx, Math.abs(v));
  const digits = mx > 0 ? Math.max(0, 7 - Math.ceil(Math.log10(mx))) : 7;
  const scale = 10 ** digits;
  for (let i = 0; i < x.length; i++) x[i] = Math.round(x[i] * scale) / scale;
}

/** lmerTest's get_contrasts_type1: rows of the unit upper factor of XᵀX = L D Lᵀ (Doolittle), per term. */
function type1Contrasts(fixed: FixedDesign): TermContrast[] {
  const { p, n, X } = fixed;
  const labels = termLabelsWithoutIntercept(fixed);
  if (p === 0 || labels.length === 0) return [];
  // XᵀX over each column's nonzero rows (a factor's indicator columns are mostly zero; skipping
  // zero terms leaves every sum unchanged), each entry once for both triangles.
  const nonzero = Array.from({ length: p }, (_, a) => {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (X[i + a * n] !== 0) rows.push(i);
    return Int32Array.from(rows);
  });
  const xtx = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    const rows = nonzero[a];
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let r = 0; r < rows.length; r++) s += X[rows[r] + a * n] * X[rows[r] + b * n];
      xtx[a + b * p] = s;
      xtx[b + a * p] = s;
    }
  }
  const lower = p === 1 ? Float64Array.of(1) : doolittleL(xtx, p);
  return labels.map((term) => ({
    term,
    rows: Array.from(fixed.assign, (a, j) => (fixed.termLabels[a] === term ? j : -1))
      .filter((j) => j >= 0)
      // Row j of Lᵀ is column j of L.
      .map((j) => Float64Array.from({ length: p }, (_, c) => lower[c + j * p])),
  }));
}

/** lmerTest's doolittle(x, eps = 1e-6)$L: unit lower-triangular factor, small entries zeroed. */
function doolittleL(x: Float64Array, n: number, eps = 1e-6): Float64Array {
  const L = new Float64Array(n * n);
  const U = new Float64Array(n * n);
  for (let i = 0; i < n; i++) L[i + i * n] = 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let u = x[i + j * n];
      for (let k = 0; k < i; k++) u -= L[i + k * n] * U[k + j * n];
      U[i + j * n] = u;
    }
    for (let j = i + 1; j < n; j++) {
      let l = x[j + i * n];
      for (let k = 0; k < i; k++) l -= L[j + k * n] * U[k + i * n];
      L[j + i * n] = Math.abs(U[i + i * n]) < eps ? 0 : l / U[i + i * n];
    }
  }
  for (let i = 0; i < L.length; i++) if (Math.abs(L[i]) < eps) L[i] = 0;
  return L;
}

function norm2(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}
