/**
 * Column descriptives: what a researcher checks first after importing data. Numbers: count of
 * non-missing values, missing, mean, standard deviation (n − 1 denominator, as R's sd()),
 * minimum and maximum. Categories: count per level, in level order.
 *
 * Mean and variance use two passes (Chan, Golub & LeVeque 1983, "corrected two-pass"): the
 * second pass about the first-pass mean corrects its rounding, as R's mean() does, and gives a
 * sum of squares that stays accurate when values are large relative to their spread.
 */
import type { CategoricalColumn, Column, DataTable, NumericColumn } from "../data";

export interface NumericDescription {
  readonly kind: "number";
  readonly name: string;
  /** Non-missing values. */
  readonly n: number;
  readonly missing: number;
  /** null when n = 0 (and sd when n < 2). */
  readonly mean: number | null;
  readonly sd: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface LevelCount {
  readonly level: string;
  readonly count: number;
}

export interface CategoricalDescription {
  readonly kind: "categorical";
  readonly name: string;
  readonly n: number;
  readonly missing: number;
  readonly levels: readonly LevelCount[];
}

export type ColumnDescription = NumericDescription | CategoricalDescription;

export interface TableDescription {
  readonly nrow: number;
  readonly columns: readonly ColumnDescription[];
}

/** Called after each column with the fraction done (0..1) and the column's name. */
export type DescribeProgress = (fraction: number, column: string) => void;

/** Describe every column of a table. */
export function describeTable(table: DataTable, onProgress?: DescribeProgress): TableDescription {
  const columns = table.columns.map((column, j) => {
    const d = describeColumn(column);
    onProgress?.((j + 1) / table.columns.length, column.name);
    return d;
  });
  return { nrow: table.nrow, columns };
}

export function describeColumn(column: Column): ColumnDescription {
  return column.kind === "number" ? describeNumeric(column) : describeCategorical(column);
}

function describeNumeric(column: NumericColumn): NumericDescription {
  const x = column.values;
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const { mean, sd } = meanAndSd(x, n, sum);
  return { kind: "number", name: column.name, n, missing: x.length - n, mean, sd, min: n > 0 ? min : null, max: n > 0 ? max : null };
}

/** Second pass about the first-pass mean: corrects the mean (as R's mean() does) and sums squares. */
function meanAndSd(x: Float64Array, n: number, sum: number): { mean: number | null; sd: number | null } {
  if (n === 0) return { mean: null, sd: null };
  const rough = sum / n;
  let dev = 0;
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) continue;
    dev += v - rough;
    ss += (v - rough) * (v - rough);
  }
  const mean = rough + dev / n;
  // ss about the corrected mean: Σ(x − m)² = Σ(x − r)² − n(m − r)².
  const sd = n > 1 ? Math.sqrt(Math.max(0, ss - (dev * dev) / n) / (n - 1)) : null;
  return { mean, sd };
}

function describeCategorical(column: CategoricalColumn): CategoricalDescription {
  const counts = new Array<number>(column.levels.length).fill(0);
  let missing = 0;
  for (const code of column.codes) {
    if (code < 0) missing++;
    else counts[code]!++;
  }
  return {
    kind: "categorical",
    name: column.name,
    n: column.codes.length - missing,
    missing,
    levels: column.levels.map((level, k) => ({ level, count: counts[k]! })),
  };
}
