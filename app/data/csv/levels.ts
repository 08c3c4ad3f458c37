/**
 * Level order of a categorical column, as R's factor() makes it: sort(unique(x)).
 *
 * Text: R sorts strings with the collation of the session's locale (strcoll). Researchers' R is
 * almost always in an English UTF-8 locale, where "a" < "B" < "c" (case is a tie-breaker, not
 * the first key), unlike the C locale's code-point order ("B" < "a"). We use the Unicode
 * collation algorithm for "en" (Intl.Collator, ICU), which agrees with glibc's en_US.UTF-8 on
 * letters, digits and case; ties (strings that collate equal) fall back to code-point order so
 * the result is deterministic. Plain ASCII identifiers of one case — all the reference data —
 * sort the same under every locale.
 *
 * Numbers: factor(c(10, 2, 1)) has levels "1", "2", "10" — numeric order, printed as R's
 * as.character() prints a double (15 significant digits).
 */
const collator = new Intl.Collator("en", { sensitivity: "variant", numeric: false });

/** Compare two level labels the way R's sort() does in an English locale. */
export function compareLevels(a: string, b: string): number {
  const c = collator.compare(a, b);
  if (c !== 0) return c;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted distinct labels. */
export function sortLevels(labels: Iterable<string>): string[] {
  const distinct = [...new Set(labels)];
  // Labels of digits and letters of one case (s00001, item12, A3) collate in code-point order:
  // the plain sort gives the same order much faster (50,000 levels of a large file).
  if (distinct.every((l) => LOWER_ALNUM.test(l)) || distinct.every((l) => UPPER_ALNUM.test(l))) return distinct.sort();
  return distinct.sort(compareLevels);
}

const LOWER_ALNUM = /^[0-9a-z]*$/;
const UPPER_ALNUM = /^[0-9A-Z]*$/;

/** A number as R's as.character() writes it: 15 significant digits, no trailing zeros. */
export function formatNumberLabel(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  return String(Number(x.toPrecision(15)));
}
