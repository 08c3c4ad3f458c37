/**
 * Column names in formula text, as R writes them: a syntactic name stands as it is, any other
 * (spaces, punctuation, a leading digit or underscore, a reserved word such as `if`) between
 * backticks with R's escaping (`\\` and `` \` ``, and \n, \t, \r for those characters). The lexer
 * reads the same escapes, so name → quoteName → parse → name gives the name back.
 */

/** Letters of any script, digits, `.` and `_`, not starting with a digit, `_` or `.digit`. */
export const SYNTACTIC_NAME = /^(\p{L}|\.(?![0-9]))[\p{L}\p{N}._]*$/u;

/** R's reserved words (?Reserved): valid only between backticks. */
export const R_RESERVED = new Set([
  "if", "else", "repeat", "while", "function", "for", "next", "break", "in",
  "TRUE", "FALSE", "NULL", "Inf", "NaN", "NA", "NA_integer_", "NA_real_", "NA_character_", "NA_complex_",
]);

const isDots = (name: string) => name === "..." || /^\.\.[0-9]+$/.test(name);

/** True when the name can stand in a formula without backticks (in R and in Mixwell). */
export function isSyntacticName(name: string): boolean {
  return SYNTACTIC_NAME.test(name) && !R_RESERVED.has(name) && !isDots(name) && name !== ".";
}

const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", "`": "\\`", "\n": "\\n", "\t": "\\t", "\r": "\\r" };

/** The name between backticks with R's escapes. */
export function backtickName(name: string): string {
  return "`" + name.replace(/[\\`\n\t\r]/g, (c) => ESCAPES[c]) + "`";
}

/** The name as it is written in a formula: `Days` or `` `Reaction time (ms)` ``. */
export function quoteName(name: string): string {
  return isSyntacticName(name) ? name : backtickName(name);
}

/** For R code outside formulas (`d$name`): ASCII syntactic names bare (valid in any locale), others quoted. */
export function rQuoteName(name: string): string {
  return /^[A-Za-z.][A-Za-z0-9._]*$/.test(name) && isSyntacticName(name) ? name : backtickName(name);
}

const UNESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r" };

/**
 * Reads a backtick-quoted name starting at `open` (the opening backtick): the name and the index
 * just after the closing backtick, or null when it is not closed.
 */
export function readQuotedName(source: string, open: number): { name: string; end: number } | null {
  let name = "";
  for (let i = open + 1; i < source.length; i++) {
    const ch = source[i];
    if (ch === "`") return { name, end: i + 1 };
    if (ch === "\\" && i + 1 < source.length) {
      const next = source[++i];
      name += UNESCAPES[next] ?? next;
    } else name += ch;
  }
  return null;
}

/** The plain name of a variable written alone (`` `a b` `` → `a b`); other text is returned as it is. */
export function unquoteName(text: string): string {
  if (!text.startsWith("`")) return text;
  const read = readQuotedName(text, 0);
  return read && read.end === text.length ? read.name : text;
}

/** Formula text for people: each backtick-quoted name shown plain (`` `Subject ID`:Days `` → `Subject ID:Days`). */
export function displayTerm(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const read = text[i] === "`" ? readQuotedName(text, i) : null;
    if (read) {
      out += read.name;
      i = read.end - 1;
    } else out += text[i];
  }
  return out;
}

/**
 * A term or coefficient name split at the ':' of interactions: those outside backtick-quoted
 * names, string literals and brackets (`` `a:b`x:log(t)`` → `` `a:b`x ``, `log(t)`).
 */
export function splitInteraction(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "`") {
      const read = readQuotedName(text, i);
      if (read) i = read.end - 1;
    } else if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      if (close > i) i = close;
    } else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth = Math.max(0, depth - 1);
    else if (ch === ":" && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
