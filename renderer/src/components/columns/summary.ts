/**
 * What the column panel shows about one column: descriptives (app/describe, the same numbers as
 * "Describe columns") and the bars of a small chart — a histogram of a number column (Sturges'
 * rule for the number of bins, as R's hist()) or the count of each level.
 */
import { describeColumn, type ColumnDescription } from "../../../../app/describe";
import type { Column } from "../../../../app/data";

export interface Bar {
  readonly label: string;
  readonly count: number;
}

/** Above this many rows the renderer does not compute descriptives itself (the worker pool does). */
export const LOCAL_SUMMARY_LIMIT = 100_000;

export function summarise(column: Column): ColumnDescription {
  return describeColumn(column);
}

export function bars(column: Column, maxLevels = 30): Bar[] {
  if (column.kind === "categorical") {
    const counts = new Array<number>(column.levels.length).fill(0);
    for (const code of column.codes) if (code >= 0) counts[code]!++;
    return column.levels.slice(0, maxLevels).map((label, k) => ({ label, count: counts[k]! }));
  }
  return histogram(column.values);
}

function histogram(values: Float64Array): Bar[] {
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  for (const x of values) {
    if (!Number.isFinite(x)) continue;
    n++;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (n === 0) return [];
  const k = Math.min(30, Math.max(1, Math.ceil(Math.log2(n) + 1)));
  const width = (max - min) / k || 1;
  const counts = new Array<number>(k).fill(0);
  for (const x of values) {
    if (!Number.isFinite(x)) continue;
    counts[Math.min(k - 1, Math.floor((x - min) / width))]!++;
  }
  return counts.map((count, b) => ({ label: `${fmt(min + b * width)} to ${fmt(min + (b + 1) * width)}`, count }));
}

export function fmt(x: number | null): string {
  if (x === null) return "NA";
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}
