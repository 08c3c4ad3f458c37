/**
 * R's poly(x, degree) and poly(x, degree, raw = TRUE) (src/library/stats/R/contr.poly.R).
 *
 * Orthogonal polynomials: with x centred at its mean, column j is the part of (x − x̄)ʲ orthogonal
 * to the lower powers (R takes Q·diag(R) of the QR decomposition of the centred Vandermonde matrix,
 * which is exactly that residual, so its sign does not depend on the QR's sign conventions),
 * divided by its length. We get the residuals by Gram–Schmidt run twice ("twice is enough",
 * Giraud et al. 2005), accurate to rounding like R's Householder QR. R also keeps the three-term
 * recurrence coefficients (alpha, norm2) of these polynomials, with which predict() recomputes
 * the basis at new x (emmeans' reference grid does); `polyAt` is that recurrence.
 *
 * Raw polynomials are x, x², …, x^degree as they are.
 */
import { MixwellError } from "../../errors";
import type { PolyBasis } from "./types";

export interface PolyColumns {
  /** The degree columns, NaN where x is missing. */
  readonly columns: Float64Array[];
  readonly basis: PolyBasis;
}

/**
 * The basis over every row where x is present (R evaluates poly() on the whole data, before rows
 * with other missing values are dropped; where x itself is missing R stops, we leave those rows
 * out like any missing value). `name` is the call as printed, `source` the name of x.
 */
export function polyColumns(x: Float64Array, degree: number, raw: boolean, name: string, source: string): PolyColumns {
  if (raw) {
    const columns: Float64Array[] = [];
    for (let j = 1; j <= degree; j++) columns.push(x.map((v) => Math.pow(v, j)));
    return { columns, basis: { degree, raw, alpha: [], norm2: [] } };
  }
  const present: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) present.push(i);
  const distinct = new Set(present.map((i) => x[i])).size;
  if (degree >= distinct) {
    throw new MixwellError(
      `${name}: the degree (${degree}) must be less than the number of distinct values of '${source}' (${distinct}); ` +
        `use a degree of at most ${Math.max(distinct - 1, 1)}`,
    );
  }
  const m = present.length;
  let xbar = 0;
  for (const i of present) xbar += x[i];
  xbar /= m;
  const xc = Float64Array.from(present, (i) => x[i] - xbar);
  // Z_0 = 1; Z_j = (x − x̄)ʲ minus its projection on Z_0 … Z_{j−1}.
  const Z: Float64Array[] = [new Float64Array(m).fill(1)];
  const unit: Float64Array[] = [new Float64Array(m).fill(1 / Math.sqrt(m))];
  for (let j = 1; j <= degree; j++) {
    const z = xc.map((v) => Math.pow(v, j));
    for (let pass = 0; pass < 2; pass++) {
      for (const q of unit) {
        const c = dot(q, z);
        for (let i = 0; i < m; i++) z[i] -= c * q[i];
      }
    }
    const norm = Math.sqrt(dot(z, z));
    Z.push(z);
    unit.push(z.map((v) => v / norm));
  }
  const norm2 = [1, ...Z.map((z) => dot(z, z))];
  const alpha: number[] = [];
  for (let j = 0; j < degree; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += xc[i] * Z[j][i] * Z[j][i];
    alpha.push(s / norm2[j + 1] + xbar);
  }
  const columns: Float64Array[] = [];
  for (let j = 1; j <= degree; j++) {
    const column = new Float64Array(x.length).fill(NaN);
    present.forEach((row, i) => (column[row] = unit[j][i]));
    columns.push(column);
  }
  return { columns, basis: { degree, raw, alpha, norm2 } };
}

/** Column names as model.matrix writes them: "poly(Days, 2)1", "poly(Days, 2)2"; one column keeps the bare name. */
export function polyColumnNames(name: string, degree: number): string[] {
  if (degree === 1) return [name];
  return Array.from({ length: degree }, (_, j) => `${name}${j + 1}`);
}

/** The basis at one value x: R's predict(poly(...), x) through the stored recurrence. */
export function polyAt(basis: PolyBasis, x: number): number[] {
  const { degree, raw, alpha, norm2 } = basis;
  if (raw) return Array.from({ length: degree }, (_, k) => Math.pow(x, k + 1));
  // Z_0 = 1, Z_1 = x − α_1, Z_{i+1} = (x − α_{i+1}) Z_i − (norm2_{i+1}/norm2_i) Z_{i−1} (0-based here).
  const z = [1, x - alpha[0]];
  for (let i = 1; i < degree; i++) z.push((x - alpha[i]) * z[i] - (norm2[i + 1] / norm2[i]) * z[i - 1]);
  return Array.from({ length: degree }, (_, k) => z[k + 1] / Math.sqrt(norm2[k + 2]));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
