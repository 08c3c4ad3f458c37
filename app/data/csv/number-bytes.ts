/**
 * A CSV number straight from bytes, exactly as parseNumberCell reads its text (R's type.convert:
 * [+-]digits[.digits][e[+-]digits], Inf, -Inf, NaN), without making a string. Values whose digits
 * form an integer below 2^53 and whose power of ten is within ±22 are computed as m·10^k or m/10^k, which is
 * correctly rounded because both operands are exact (Clinger's fast path, "How to read floating
 * point numbers accurately", PLDI 1990); anything longer goes through Number() of the text.
 * The caller handles cells with surrounding space (they take the string path).
 */

const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Largest mantissa that can take one more digit and stay exact (< 2^53). */
const MANTISSA_LIMIT = 900_719_925_474_098;

/** The number in bytes[s, e) with decimal mark `mark` (0x2e "." or 0x2c ","), or undefined when it is text. */
export function parseNumberBytes(bytes: Uint8Array, s: number, e: number, mark: number): number | undefined {
  let i = s;
  let negative = false;
  let b = bytes[i];
  if (b === 0x2b || b === 0x2d) {
    negative = b === 0x2d;
    i++;
  }
  let m = 0;
  let exact = true;
  let digits = 0;
  let fraction = 0;
  for (; i < e; i++) {
    b = bytes[i]! - 0x30;
    if (b < 0 || b > 9) break;
    if (m > MANTISSA_LIMIT) exact = false;
    m = m * 10 + b;
    digits++;
  }
  if (i < e && bytes[i] === mark) {
    for (i++; i < e; i++) {
      b = bytes[i]! - 0x30;
      if (b < 0 || b > 9) break;
      if (m > MANTISSA_LIMIT) exact = false;
      m = m * 10 + b;
      digits++;
      fraction++;
    }
  }
  if (digits === 0) return special(bytes, s, e);
  let exponent = 0;
  if (i < e && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    let expNegative = false;
    if (i < e && (bytes[i] === 0x2b || bytes[i] === 0x2d)) expNegative = bytes[i++] === 0x2d;
    let expDigits = 0;
    for (; i < e; i++) {
      b = bytes[i]! - 0x30;
      if (b < 0 || b > 9) break;
      if (exponent < 100_000) exponent = exponent * 10 + b;
      else exact = false;
      expDigits++;
    }
    if (expDigits === 0) return undefined;
    if (expNegative) exponent = -exponent;
  }
  if (i !== e) return undefined;
  const power = exponent - fraction;
  if (exact && power >= -22 && power <= 22) {
    const v = power >= 0 ? m * POW10[power]! : m / POW10[-power]!;
    return negative ? -v : v;
  }
  let text = "";
  for (let k = s; k < e; k++) text += bytes[k] === mark ? "." : String.fromCharCode(bytes[k]!);
  return Number(text);
}

/** Inf, +Inf, -Inf, NaN (as SPECIAL in infer-columns.ts). */
function special(bytes: Uint8Array, s: number, e: number): number | undefined {
  const n = e - s;
  if (n === 3) {
    if (bytes[s] === 0x49 && bytes[s + 1] === 0x6e && bytes[s + 2] === 0x66) return Infinity;
    if (bytes[s] === 0x4e && bytes[s + 1] === 0x61 && bytes[s + 2] === 0x4e) return NaN;
    return undefined;
  }
  if (n === 4 && bytes[s + 1] === 0x49 && bytes[s + 2] === 0x6e && bytes[s + 3] === 0x66) {
    if (bytes[s] === 0x2b) return Infinity;
    if (bytes[s] === 0x2d) return -Infinity;
  }
  return undefined;
}
