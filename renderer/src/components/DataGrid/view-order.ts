/**
 * The grid's sort and filter, computed on the typed columns: the stored rows in display order.
 *
 * Why here and not in ag-grid: with its client-side row model ag-grid builds one RowNode per row
 * (seconds and hundreds of MB for a million rows) and sorts them through value getters. The grid
 * uses the infinite row model instead: it asks for the rows of the visible blocks only, passing
 * its sort model and filter model, and this module answers from the columns.
 *
 * Order follows ag-grid's default comparator: missing cells first when ascending (last when
 * descending), numbers by value, categories by their level text (code-point order, as `<`
 * compares strings); ties keep stored order (ag-grid's sort is stable). Text in a number column
 * (an invalid cell) sorts after missing and before every number, and counts as blank in filters.
 * Filters are ag-grid's simple number and text filters (one condition, or two joined by AND/OR).
 */
import type { Column, DataTable } from "../../../../app/data";

export interface SortKey {
  /** Stored position of the column. */
  readonly col: number;
  readonly sort: "asc" | "desc";
}

/** One simple-filter condition as ag-grid's number and text filters write it. */
export interface FilterCondition {
  readonly filterType?: string;
  readonly type?: string;
  readonly filter?: number | string | null;
  readonly filterTo?: number | null;
}

/** A column's filter model: one condition, or several joined by AND/OR. */
export type ColumnFilter = FilterCondition | { readonly operator: "AND" | "OR"; readonly conditions: readonly FilterCondition[] };

export interface ColumnFilterAt {
  readonly col: number;
  readonly model: ColumnFilter;
}

/** Stored rows in display order; null when that is stored order with every row (no sort, no filter). */
export function viewOrder(table: DataTable, sort: readonly SortKey[], filters: readonly ColumnFilterAt[]): Int32Array | null {
  const active = sort.filter((k) => table.columns[k.col]);
  const tests = filters.flatMap((f) => {
    const column = table.columns[f.col];
    return column ? [rowTest(column, f.model)] : [];
  });
  if (!active.length && !tests.length) return null;
  let order: Int32Array;
  if (tests.length) {
    const kept = new Int32Array(table.nrow);
    let n = 0;
    for (let i = 0; i < table.nrow; i++) if (tests.every((t) => t(i))) kept[n++] = i;
    order = kept.subarray(0, n);
  } else {
    order = new Int32Array(table.nrow);
    for (let i = 0; i < table.nrow; i++) order[i] = i;
  }
  if (!active.length) return order;
  const keys = active.map((k) => ({ ...sortKeys(table.columns[k.col]!), sign: k.sort === "desc" ? -1 : 1 }));
  return order.sort((a, b) => {
    for (const k of keys) {
      const c = k.tier[a]! - k.tier[b]! || (k.value[a]! > k.value[b]! ? 1 : k.value[a]! < k.value[b]! ? -1 : 0);
      if (c !== 0) return c * k.sign;
    }
    return a - b;
  });
}

/**
 * Per row: a tier (0 missing, 1 text in a number column, 2 a value) and a value to compare
 * within the tier (the number, the level's rank, or the rank of the invalid text).
 */
function sortKeys(column: Column): { tier: Int8Array; value: Float64Array } {
  const n = column.kind === "number" ? column.values.length : column.codes.length;
  const tier = new Int8Array(n);
  const value = new Float64Array(n);
  if (column.kind === "categorical") {
    const rank = levelRanks(column.levels);
    for (let i = 0; i < n; i++) {
      const code = column.codes[i]!;
      if (code >= 0) {
        tier[i] = 2;
        value[i] = rank[code]!;
      }
    }
    return { tier, value };
  }
  const invalid = column.invalid ?? {};
  const texts = [...new Set(Object.values(invalid))].sort((a, b) => (a > b ? 1 : a < b ? -1 : 0));
  const textRank = new Map(texts.map((t, k) => [t, k]));
  for (let i = 0; i < n; i++) {
    const x = column.values[i]!;
    if (!Number.isNaN(x)) {
      tier[i] = 2;
      value[i] = x;
    } else if (invalid[i] !== undefined) {
      tier[i] = 1;
      value[i] = textRank.get(invalid[i]!)!;
    }
  }
  return { tier, value };
}

/** rank[code] = the level's place when the levels are sorted as text. */
function levelRanks(levels: readonly string[]): Int32Array {
  const byText = levels.map((_, k) => k).sort((a, b) => (levels[a]! > levels[b]! ? 1 : levels[a]! < levels[b]! ? -1 : a - b));
  const rank = new Int32Array(levels.length);
  byText.forEach((code, k) => (rank[code] = k));
  return rank;
}

/** Whether a stored row passes a column's filter. */
function rowTest(column: Column, model: ColumnFilter): (row: number) => boolean {
  if ("conditions" in model) {
    const parts = model.conditions.map((c) => conditionTest(column, c));
    return model.operator === "OR" ? (row) => parts.some((p) => p(row)) : (row) => parts.every((p) => p(row));
  }
  return conditionTest(column, model);
}

function conditionTest(column: Column, c: FilterCondition): (row: number) => boolean {
  if (column.kind === "number") {
    const values = column.values;
    const blank = (row: number) => Number.isNaN(values[row]!);
    if (c.type === "blank") return blank;
    if (c.type === "notBlank") return (row) => !blank(row);
    const a = Number(c.filter);
    const b = Number(c.filterTo);
    // An empty condition (no number typed yet) keeps every row, as ag-grid's filter does.
    if (c.filter === null || c.filter === undefined || Number.isNaN(a)) return () => true;
    const test = numberTest(c.type, a, b);
    // notEqual keeps blank cells (ag-grid's number filter does the same).
    return c.type === "notEqual" ? (row) => blank(row) || test(values[row]!) : (row) => !blank(row) && test(values[row]!);
  }
  const levels = column.levels.map((l) => l.toLowerCase());
  const codes = column.codes;
  if (c.type === "blank") return (row) => codes[row]! < 0;
  if (c.type === "notBlank") return (row) => codes[row]! >= 0;
  if (c.filter === null || c.filter === undefined || c.filter === "") return () => true;
  // The test runs once per level, not once per row.
  const want = String(c.filter).toLowerCase();
  const test = textTest(c.type, want);
  const pass = Uint8Array.from(levels, (l) => (test(l) ? 1 : 0));
  const blankPasses = c.type === "notEqual" || c.type === "notContains";
  return (row) => (codes[row]! < 0 ? blankPasses : pass[codes[row]!] === 1);
}

function numberTest(type: string | undefined, a: number, b: number): (x: number) => boolean {
  switch (type) {
    case "notEqual":
      return (x) => x !== a;
    case "lessThan":
      return (x) => x < a;
    case "lessThanOrEqual":
      return (x) => x <= a;
    case "greaterThan":
      return (x) => x > a;
    case "greaterThanOrEqual":
      return (x) => x >= a;
    case "inRange":
      return (x) => x > Math.min(a, b) && x < Math.max(a, b);
    default:
      return (x) => x === a;
  }
}

function textTest(type: string | undefined, want: string): (level: string) => boolean {
  switch (type) {
    case "equals":
      return (l) => l === want;
    case "notEqual":
      return (l) => l !== want;
    case "startsWith":
      return (l) => l.startsWith(want);
    case "endsWith":
      return (l) => l.endsWith(want);
    case "notContains":
      return (l) => !l.includes(want);
    default:
      return (l) => l.includes(want);
  }
}
