/**
 * Number formatting for text reports, in the spirit of R's print methods: a column of numbers
 * shares one number of decimals, chosen so that each entry shows about `digits` significant
 * digits (R's format()); p-values as format.pval() with significance stars.
 */

/** What a table shows for a number that could not be computed (NaN, ±Infinity). */
export const NOT_A_NUMBER = "—";

/**
 * Format numbers with a shared number of decimals giving ≥ `digits` significant digits each. A
 * non-finite number (an SE that could not be computed) shows as "—", never "NaN"; the fit's
 * warnings say why.
 */
export function formatColumn(values: readonly (number | null | undefined)[], digits = 4): string[] {
  let decimals = 0;
  for (const v of values) {
    if (typeof v !== "number" || !Number.isFinite(v) || v === 0) continue;
    const needed = digits - 1 - Math.floor(Math.log10(Math.abs(v)));
    decimals = Math.max(decimals, Math.min(needed, 8));
  }
  return values.map((v) => (typeof v === "number" ? (Number.isFinite(v) ? v.toFixed(decimals) : NOT_A_NUMBER) : ""));
}

/** One number with `digits` significant digits, without trailing zeros. */
export function formatSignificant(x: number, digits = 5): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(digits)));
}

/** R's format.pval(p, digits = 3, eps = 2.2e-16). */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return "";
  if (p < 2.2e-16) return "< 2e-16";
  if (p < 1e-4) return p.toExponential(2).replace(/e([+-])(\d)$/, "e$10$2");
  return String(Number(p.toPrecision(3)));
}

/** R's significance codes. */
export function significanceStars(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return "";
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
}

/** Lay out rows of cells as a table: first column left-aligned, the others right-aligned. */
export function layoutTable(rows: readonly (readonly string[])[], leftAligned = 1): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, j) => (widths[j] = Math.max(widths[j] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, j) => (j < leftAligned ? cell.padEnd(widths[j]) : cell.padStart(widths[j])))
      .join(" ")
      .trimEnd(),
  );
}
