/**
 * APA style (Publication Manual, 7th ed., §6.36–6.40) for numbers in tables: estimates and test
 * statistics to two decimals; p to three decimals without a leading zero and "< .001" below it;
 * no leading zero for values that cannot exceed 1 (correlations, R², ICC); whole df without
 * decimals, Satterthwaite (fractional) df to two; counts of 1,000 and more with a comma.
 */
import type { ColumnKind } from "./result-tables";

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
