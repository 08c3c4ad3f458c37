/**
 * APA style (Publication Manual, 7th ed., §6.36–6.40) for numbers in tables: estimates, standard
 * errors and interval bounds of one table to one fixed number of decimals, chosen from their
 * magnitude (two, or more when the smallest needs them to show two significant digits); df to
 * two decimals (whole df without); t, z, F to two; p to three decimals without a leading zero and
 * "< .001" below it; no leading zero for values that cannot exceed 1 (correlations, R², ICC);
 * counts of 1,000 and more with a comma.
 */
import type { Cell, ColumnKind } from "./result-tables";

/** Decimals for a group of estimates: 2, or enough for two significant digits of the smallest (at most 6). */
export function apaDecimals(cells: readonly Cell[]): number {
  let smallest = Infinity;
  for (const c of cells) if (typeof c === "number" && Number.isFinite(c) && c !== 0) smallest = Math.min(smallest, Math.abs(c));
  if (!Number.isFinite(smallest)) return 2;
  return Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(smallest))));
}

/** A column of one kind in APA style: estimates at the given (shared) decimals, df all whole or all to two. */
export function apaColumn(cells: readonly Cell[], kind: ColumnKind, decimals?: number): string[] {
  const numbers = cells.filter((c): c is number => typeof c === "number" && Number.isFinite(c));
  const text = (c: Cell, f: (x: number) => string) => (typeof c === "number" ? f(c) : (c ?? ""));
  if (kind === "estimate") {
    const d = decimals ?? apaDecimals(cells);
    return cells.map((c) => text(c, (x) => (Number.isFinite(x) ? x.toFixed(d) : "—")));
  }
  if (kind === "df") {
    const whole = numbers.every((x) => Number.isInteger(x));
    return cells.map((c) => text(c, (x) => (!Number.isFinite(x) ? (x > 0 ? "∞" : "") : whole ? String(x) : x.toFixed(2))));
  }
  if (kind === "value" && numbers.some((x) => !Number.isInteger(x))) {
    const d = apaDecimals(numbers);
    return cells.map((c) => text(c, (x) => (Number.isInteger(x) ? x.toLocaleString("en-US") : x.toFixed(d))));
  }
  return cells.map((c) => text(c, (x) => formatApaNumber(x, kind)));
}

export function formatApaNumber(x: number, kind: ColumnKind): string {
  if (!Number.isFinite(x)) return "";
  switch (kind) {
    case "p":
      return formatApaP(x);
    case "bounded":
      return dropLeadingZero(x.toFixed(2));
    case "df":
      return Number.isInteger(x) ? String(x) : x.toFixed(2);
    case "count":
      return Math.round(x).toLocaleString("en-US");
    case "value":
      return Number.isInteger(x) ? x.toLocaleString("en-US") : x.toFixed(2);
    default:
      return x.toFixed(2);
  }
}

/** APA p-value: "< .001", else three decimals without the leading zero (".046"). */
export function formatApaP(p: number): string {
  if (!Number.isFinite(p)) return "";
  if (p < 0.001) return "< .001";
  return dropLeadingZero(p.toFixed(3));
}

function dropLeadingZero(text: string): string {
  return text.replace(/^(-?)0\./, "$1.");
}
