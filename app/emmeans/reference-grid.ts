/**
 * The reference grid of emmeans (Lenth, emmeans::ref_grid): every combination of the levels of
 * the model's factors, numeric covariates at their mean over the model rows, and for each grid
 * point the row of the fixed-effects design X that the model would have there. Rows are built
 * from the model frame's term coding (R's TermCode: contrasts, all-level indicators or a number)
 * with the column names of model.matrix, so they line up with X after rank-deficient columns
 * were dropped.
 *
 * Covariates are set to the mean of each numeric model variable unless `at` says otherwise; for
 * an expression such as log(x) emmeans uses log(mean(x)), which covariates.ts supplies. A poly(x, d)
 * term is held at the mean of x (or `at`'s value for x) and its basis recomputed there with R's
 * stored recurrence, as emmeans does through predict().
 */
import { MixwellError } from "../errors";
import type { FixedDesign, FrameVariable } from "../engine/model-frame";
import { polyAt, polyColumnNames } from "../engine/model-frame/poly";

export type FactorFrameVariable = Extract<FrameVariable, { kind: "factor" }>;

/** A grid point: a level index for each factor, a value for each numeric variable, by name. */
export type GridPoint = ReadonlyMap<string, number>;

export interface ReferenceGrid {
  readonly factors: readonly FactorFrameVariable[];
  /** Numeric model variables and the value they are held at (their mean). */
  readonly covariates: ReadonlyMap<string, number>;
}

/** Grid points beyond this are refused (a plain-words error instead of running out of memory). */
const MAX_GRID = 200_000;

/** `at` overrides the value of numeric variables (emmeans' rule for expressions, covariates.ts). */
export function referenceGrid(fixed: FixedDesign, at: ReadonlyMap<string, number> = new Map()): ReferenceGrid {
  const variables = Object.values(requireVariables(fixed));
  const factors = variables.filter((v): v is FactorFrameVariable => v.kind === "factor");
  const covariates = new Map<string, number>();
  for (const v of variables) {
    // A poly(x, d) term is held at the mean of x and its basis recomputed there, as emmeans does.
    if (v.kind === "factor") continue;
    let s = 0;
    for (let i = 0; i < v.values.length; i++) s += v.values[i];
    covariates.set(v.name, at.get(v.name) ?? (v.kind === "poly" ? at.get(v.source) : undefined) ?? s / v.values.length);
  }
  const size = factors.reduce((m, f) => m * f.levels.length, 1);
  if (size > MAX_GRID) {
    throw new MixwellError(`The model's factors have ${size} combinations of levels, too many to average over; use fewer factors.`);
  }
  return { factors, covariates };
}

export function requireVariables(fixed: FixedDesign): NonNullable<FixedDesign["variables"]> {
  if (!fixed.variables || !fixed.terms) throw new Error("The model frame does not carry its fixed variables and term coding.");
  return fixed.variables;
}

/** Every combination of factor levels, the first factor varying fastest (R's expand.grid). */
export function gridCombinations(factors: readonly FactorFrameVariable[]): Int32Array[] {
  const out: Int32Array[] = [];
  const current = new Int32Array(factors.length);
  const total = factors.reduce((m, f) => m * f.levels.length, 1);
  for (let c = 0; c < total; c++) {
    out.push(Int32Array.from(current));
    for (let j = 0; j < factors.length; j++) {
      if (++current[j] < factors[j].levels.length) break;
      current[j] = 0;
    }
  }
  return out;
}

/** One variable's coded columns at a grid point, and (for `derivative`) their derivative. */
function codedParts(fixed: FixedDesign, name: string, coding: "contrast" | "indicator" | "numeric", point: GridPoint, derivativeOf: string | null): { names: string[]; values: number[] } {
  const v = fixed.variables![name];
  if (v.kind === "poly") {
    const names = polyColumnNames(name, v.basis.degree);
    const x = point.get(name)!;
    if (derivativeOf === null) return { names, values: polyAt(v.basis, x) };
    if (name !== derivativeOf) return { names, values: names.map(() => 0) };
    // emtrends' difference quotient, forward, with delta.var = 0.001 × range of x (exact only for lines).
    const h = 0.001 * range(v.values);
    const at = polyAt(v.basis, x);
    return { names, values: polyAt(v.basis, x + h).map((b, j) => (b - at[j]) / h) };
  }
  if (v.kind === "numeric") {
    if (derivativeOf !== null) return { names: [name], values: [name === derivativeOf ? 1 : 0] };
    return { names: [name], values: [point.get(name)!] };
  }
  const level = point.get(name)!;
  const k = v.levels.length;
  const names: string[] = [];
  const values: number[] = [];
  if (coding === "indicator") {
    v.levels.forEach((label, j) => (names.push(name + label), values.push(j === level ? 1 : 0)));
  } else if (fixed.contrasts === "treatment") {
    for (let j = 1; j < k; j++) (names.push(name + v.levels[j]), values.push(j === level ? 1 : 0));
  } else {
    for (let j = 0; j < k - 1; j++) (names.push(`${name}${j + 1}`), values.push(level === j ? 1 : level === k - 1 ? -1 : 0));
  }
  return { names, values };
}

/**
 * The design row x at `point` (length p, aligned with fixed.names). With `derivativeOf`, the
 * derivative ∂x/∂(that numeric variable) instead: a term contributes only if it contains the
 * variable (once; terms are products of distinct variables).
 */
export function designRow(fixed: FixedDesign, point: GridPoint, derivativeOf: string | null = null): Float64Array {
  const full = new Map<string, number>();
  if (fixed.hasIntercept) full.set("(Intercept)", derivativeOf === null ? 1 : 0);
  for (const term of fixed.terms!) {
    const hasVar = derivativeOf !== null && term.variables.some((x) => x.name === derivativeOf);
    let cols: { names: string[]; values: number[] } = { names: [""], values: [1] };
    for (const tv of term.variables) {
      const d = hasVar && tv.name === derivativeOf ? derivativeOf : null;
      const part = d !== null ? codedParts(fixed, tv.name, tv.coding, point, d) : codedParts(fixed, tv.name, tv.coding, point, null);
      const names: string[] = [];
      const values: number[] = [];
      // The first variable varies fastest, as model.matrix names interaction columns.
      part.names.forEach((pn, j) => cols.names.forEach((cn, i) => {
        names.push(cn ? `${cn}:${pn}` : pn);
        values.push(cols.values[i] * part.values[j]);
      }));
      cols = { names, values };
    }
    cols.names.forEach((n, i) => full.set(n, derivativeOf !== null && !hasVar ? 0 : cols.values[i]));
  }
  return Float64Array.from(fixed.names, (n) => {
    const x = full.get(n);
    if (x === undefined) throw new Error(`Design column '${n}' not found while building the reference grid.`);
    return x;
  });
}

function range(values: Float64Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  return hi - lo;
}
