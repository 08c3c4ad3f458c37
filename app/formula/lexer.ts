/**
 * Tokenizer for formulas and arithmetic expressions. Names follow R's rules for syntactic
 * names (letters of any script, digits, `.` and `_`, not starting with a digit or `_`), or any
 * text between backticks (with R's escapes, see names.ts) for other column names.
 */
import { MixwellError } from "../errors";
import { readQuotedName } from "./names";

export type TokenKind = "name" | "number" | "op" | "end";

export interface Token {
  readonly kind: TokenKind;
  /** The name (without backticks), the number's text, or the operator. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** A name written between backticks: always a column, never a function or '.'. */
  readonly quoted?: boolean;
}

/** Longest operators first so that `||` wins over `|` and `==` over `=`. */
const OPERATORS = ["||", ">=", "<=", "==", "!=", ">", "<", "~", "+", "-", "*", "/", ":", "^", "|", "(", ")", ",", "="];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "`") {
      const read = readQuotedName(source, i);
      if (!read) throw new MixwellError(`Unclosed backtick at position ${i + 1} in the formula`);
      tokens.push({ kind: "name", text: read.name, start, end: read.end, quoted: true });
      i = read.end;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: "number", text: number[0], start, end: i + number[0].length });
      i += number[0].length;
      continue;
    }
    const name = /^(\p{L}|\.(?![0-9]))[\p{L}\p{N}._]*/u.exec(source.slice(i));
    if (name) {
      tokens.push({ kind: "name", text: name[0], start, end: i + name[0].length });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new MixwellError(`Unexpected '${ch}' at position ${i + 1} in the formula`);
    tokens.push({ kind: "op", text: op, start, end: i + op.length });
    i += op.length;
  }
  tokens.push({ kind: "end", text: "", start: source.length, end: source.length });
  return tokens;
}
