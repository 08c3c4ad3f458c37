/** Numbers for tables: 6 significant digits, no exponent for everyday magnitudes, NA for missing. */
export function formatNumber(x: number | null): string {
  if (x === null || Number.isNaN(x)) return "NA";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (x !== 0 && (Math.abs(x) >= 1e9 || Math.abs(x) < 1e-4)) return x.toExponential(4);
  return String(Number(x.toPrecision(6)));
}
