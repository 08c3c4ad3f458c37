/**
 * Numbers printed as R's as.character() and deparse() print doubles: 15 significant digits,
 * fixed notation unless scientific notation is shorter (R's `scipen = 0` rule), exponents with
 * a sign and at least two digits ("1e+05", "1e-04"). Used for names such as `I(x - 1e+05)` and
 * for level labels of numbers turned into categories.
 */
export function formatRNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (x === 0) return "0";
  const rounded = Number(x.toPrecision(15));
  const [mantissa, exponentText] = rounded.toExponential().split("e");
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = negative ? "-" : "";
  const scientific = `${sign}${mantissa.replace("-", "")}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  const fixed = sign + fixedNotation(digits, exponent);
  return fixed.length <= scientific.length ? fixed : scientific;
}

/** Digits d1d2d3… with value d1.d2d3… × 10^exponent, written without an exponent. */
function fixedNotation(digits: string, exponent: number): string {
  if (exponent < 0) return "0." + "0".repeat(-exponent - 1) + digits;
  if (digits.length <= exponent + 1) return digits + "0".repeat(exponent + 1 - digits.length);
  return digits.slice(0, exponent + 1) + "." + digits.slice(exponent + 1);
}
