/**
 * Recursive-descent parser for lme4 model formulas. Operator precedence follows R's grammar
 * (R Language Definition §10.4.2): in the formula language `^` > `:` > `* /` > `+ -` > `|`;
 * in arithmetic `^` (right-associative) > unary minus > `* /` > `+ -` > comparisons `> < >= <= == !=`
 * (non-associative, as R's %nonassoc). Comparisons are accepted where R evaluates an expression:
 * the outcome, inside function calls such as I(x > 0), offset() and cbind(). Random-effect bars are
 * only accepted directly inside parentheses, as lme4's `findbars` expects them.
 */
import { MixwellError } from "../errors";
import { COMPARISON_OPERATORS, FUNCTION_NAMES } from "./ast";
import type { ComparisonOperator, Expr, Formula, FunctionName, PolyArgument, Response, Span, TermNode } from "./ast";
import { tokenize } from "./lexer";
import type { Token } from "./lexer";

/**
 * Limits that keep hostile or mistaken input from exhausting the stack: the parser and the
 * term expansion recurse once per nesting level and once per operator of a chain.
 */
export const MAX_FORMULA_NESTING = 100;
/** A formula beyond one of Mixwell's size limits (not a typing mistake): projects refuse these. */
export class FormulaLimitError extends MixwellError {}
export const MAX_FORMULA_TOKENS = 1000;

/** Parse `response ~ terms` (or `~ terms`). Throws MixwellError naming the token and its 1-based position. */
export function parseFormula(source: string): Formula {
  const parser = new Parser(source);
  return parser.formula();
}

/** Parse an arithmetic expression such as `log(x + 1)` or `I(Days^2)` (for computed columns). */
export function parseExpression(source: string): Expr {
  const parser = new Parser(source);
  return parser.wholeExpression();
}

function span(start: number, end: number): Span {
  return { start, end };
}

function isFunctionName(name: string): name is FunctionName {
  return (FUNCTION_NAMES as readonly string[]).includes(name);
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private depth = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
    if (this.tokens.length - 1 > MAX_FORMULA_TOKENS) {
      throw new FormulaLimitError(
        `The formula has ${this.tokens.length - 1} parts (names, numbers and operators); Mixwell reads formulas of up to ${MAX_FORMULA_TOKENS} parts`,
      );
    }
  }

  /** Run one nesting level (parentheses, calls, unary signs, powers), refusing more than MAX_FORMULA_NESTING. */
  private nested<T>(f: () => T): T {
    if (this.depth >= MAX_FORMULA_NESTING) {
      throw new FormulaLimitError(
        `The formula nests parentheses, calls or signs more than ${MAX_FORMULA_NESTING} levels deep (at position ${this.peek().start + 1}); Mixwell's limit is ${MAX_FORMULA_NESTING}`,
      );
    }
    this.depth++;
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  formula(): Formula {
    if (!this.tokens.some((t) => t.kind === "op" && t.text === "~")) {
      throw new MixwellError("A formula needs '~' between the outcome and the predictors, as in: y ~ x + (1 | g)");
    }
    const response = this.isOp("~") ? null : this.response();
    this.expectOp("~");
    if (this.peek().kind === "end") {
      throw new MixwellError(`The formula has nothing after '~' (position ${this.peek().start + 1})`);
    }
    const rhs = this.sum();
    this.expectEnd();
    return { source: this.source, response, rhs };
  }

  wholeExpression(): Expr {
    const expr = this.comparison();
    this.expectEnd();
    return expr;
  }

  // ---- formula language -------------------------------------------------------------------

  private response(): Response {
    const first = this.peek();
    if (first.kind === "name" && !first.quoted && first.text === "cbind" && this.isOp("(", 1)) {
      this.next();
      this.next();
      const successes = this.comparison();
      this.expectOp(",");
      const failures = this.comparison();
      const close = this.expectOp(")");
      return { kind: "cbind", successes, failures, span: span(first.start, close.end) };
    }
    const expr = this.comparison();
    return { kind: "expression", expr, span: expr.span };
  }

  private sum(): TermNode {
    let left: TermNode;
    const first = this.peek();
    if (this.isOp("-") || this.isOp("+")) {
      const op = this.next().text as "+" | "-";
      const right = this.product();
      left = { kind: "operator", op, left: null, right, span: span(first.start, right.span.end) };
    } else {
      left = this.product();
    }
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.next().text as "+" | "-";
      const right = this.product();
      left = { kind: "operator", op, left, right, span: span(left.span.start, right.span.end) };
    }
    return left;
  }

  private product(): TermNode {
    let left = this.interaction();
    while (this.isOp("*") || this.isOp("/")) {
      const op = this.next().text as "*" | "/";
      const right = this.interaction();
      left = { kind: "operator", op, left, right, span: span(left.span.start, right.span.end) };
    }
    return left;
  }

  private interaction(): TermNode {
    let left = this.power();
    while (this.isOp(":")) {
      this.next();
      const right = this.power();
      left = { kind: "operator", op: ":", left, right, span: span(left.span.start, right.span.end) };
    }
    return left;
  }

  private power(): TermNode {
    const base = this.primary();
    if (!this.isOp("^")) return base;
    this.next();
    const exponent = this.peek();
    const value = Number(exponent.text);
    if (exponent.kind !== "number" || !Number.isInteger(value) || value < 1) {
      throw new MixwellError(
        `Expected a whole number after '^' at position ${exponent.start + 1} in the formula (as in (a + b)^2)`,
      );
    }
    this.next();
    return { kind: "power", base, exponent: value, span: span(base.span.start, exponent.end) };
  }

  private primary(): TermNode {
    const token = this.peek();
    if (token.kind === "op" && token.text === "(") return this.nested(() => this.parenthesised());
    if (token.kind === "number") {
      this.next();
      const value = Number(token.text);
      if (value === 0 || value === 1) {
        return { kind: "intercept", present: value === 1, span: span(token.start, token.end) };
      }
      throw new MixwellError(
        `Unexpected number '${token.text}' at position ${token.start + 1} in the formula: ` +
          "only 0 and 1 stand alone; write arithmetic inside I(...), as in I(2 * x)",
      );
    }
    if (token.kind === "name") {
      if (token.text === "." && !token.quoted) {
        throw new MixwellError(
          `'.' (all other columns) at position ${token.start + 1} is not supported in Mixwell formulas; name the predictors`,
        );
      }
      if (token.text === "offset" && !token.quoted && this.isOp("(", 1)) return this.nested(() => this.offset());
      const expr = this.nested(() => (token.text === "poly" && !token.quoted && this.isOp("(", 1) ? this.poly() : this.nameOrCall()));
      return { kind: "variable", expr, span: expr.span };
    }
    throw this.unexpected(token);
  }

  /** `offset(expr)`: any arithmetic expression, added to the linear predictor as it is. */
  private offset(): TermNode {
    const name = this.next();
    this.next();
    const expr = this.comparison();
    if (this.isOp(",")) {
      throw new MixwellError(`offset() takes one argument (position ${name.start + 1} in the formula), as in offset(log(exposure))`);
    }
    const close = this.expectOp(")");
    return { kind: "offset", expr, span: span(name.start, close.end) };
  }

  /** R's `poly(x, degree)`, `poly(x, degree = 2)`, `poly(x, 2, raw = TRUE)`; degree defaults to 1. */
  private poly(): Expr {
    const name = this.next();
    this.next();
    const x = this.arithmetic();
    const args: PolyArgument[] = [];
    let degree: number | null = null;
    let raw: boolean | null = null;
    while (this.isOp(",")) {
      this.next();
      const token = this.peek();
      const named = token.kind === "name" && this.isOp("=", 1);
      if (named) {
        this.next();
        this.next();
      }
      if ((named && token.text === "degree") || (!named && degree === null && raw === null)) {
        if (degree !== null) throw new MixwellError(`poly() at position ${name.start + 1} has its degree twice`);
        degree = this.polyDegree();
        args.push({ name: named ? "degree" : null, text: String(degree) });
      } else if (named && token.text === "raw" && raw === null) {
        const value = this.logical();
        raw = value.value;
        args.push({ name: "raw", text: value.text });
      } else {
        throw new MixwellError(
          `Unexpected ${named ? `argument '${token.text}'` : describe(token)} in poly() at position ${token.start + 1} in the formula; ` +
            "write poly(x, 2) for orthogonal polynomials or poly(x, 2, raw = TRUE) for raw powers",
        );
      }
    }
    const close = this.expectOp(")");
    return { kind: "poly", x, degree: degree ?? 1, raw: raw ?? false, args, span: span(name.start, close.end) };
  }

  private polyDegree(): number {
    const token = this.next();
    const value = Number(token.text);
    if (token.kind !== "number" || !Number.isInteger(value) || value < 1) {
      throw new MixwellError(
        `The degree of poly() at position ${token.start + 1} in the formula must be a whole number of at least 1, as in poly(x, 2)`,
      );
    }
    return value;
  }

  private logical(): { value: boolean; text: string } {
    const token = this.next();
    if (token.kind === "name" && (token.text === "TRUE" || token.text === "T")) return { value: true, text: token.text };
    if (token.kind === "name" && (token.text === "FALSE" || token.text === "F")) return { value: false, text: token.text };
    throw new MixwellError(`Expected TRUE or FALSE at position ${token.start + 1} in the formula, as in poly(x, 2, raw = TRUE)`);
  }

  private parenthesised(): TermNode {
    const open = this.next();
    const inner = this.sum();
    if (this.isOp("|") || this.isOp("||")) {
      const uncorrelated = this.next().text === "||";
      const grouping = this.sum();
      const close = this.expectOp(")");
      return { kind: "random", effects: inner, grouping, uncorrelated, span: span(open.start, close.end) };
    }
    const close = this.expectOp(")");
    return { kind: "group", inner, span: span(open.start, close.end) };
  }

  // ---- arithmetic language ----------------------------------------------------------------

  /** `a > b`: at most one comparison, whose sides are arithmetic. */
  private comparison(): Expr {
    const left = this.arithmetic();
    const op = this.comparisonOperator();
    if (!op) return left;
    this.next();
    const right = this.arithmetic();
    const again = this.peek();
    if (this.comparisonOperator()) {
      throw new MixwellError(
        `Unexpected '${again.text}' at position ${again.start + 1} in the formula: comparisons cannot be chained as in a < b < c; ` +
          "compare one pair, as in I(x > 0)",
      );
    }
    return { kind: "compare", op, left, right, span: span(left.span.start, right.span.end) };
  }

  private comparisonOperator(): ComparisonOperator | null {
    const token = this.peek();
    if (token.kind !== "op") return null;
    return COMPARISON_OPERATORS.find((o) => o === token.text) ?? null;
  }

  private arithmetic(): Expr {
    let left = this.arithmeticTerm();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.next().text as "+" | "-";
      const right = this.arithmeticTerm();
      left = { kind: "binary", op, left, right, span: span(left.span.start, right.span.end) };
    }
    return left;
  }

  private arithmeticTerm(): Expr {
    let left = this.arithmeticUnary();
    while (this.isOp("*") || this.isOp("/")) {
      const op = this.next().text as "*" | "/";
      const right = this.arithmeticUnary();
      left = { kind: "binary", op, left, right, span: span(left.span.start, right.span.end) };
    }
    return left;
  }

  private arithmeticUnary(): Expr {
    if (this.isOp("-") || this.isOp("+")) {
      const token = this.next();
      const operand = this.nested(() => this.arithmeticUnary());
      return { kind: "unary", op: token.text as "-" | "+", operand, span: span(token.start, operand.span.end) };
    }
    return this.arithmeticPower();
  }

  private arithmeticPower(): Expr {
    const base = this.arithmeticPrimary();
    if (!this.isOp("^")) return base;
    this.next();
    const exponent = this.nested(() => this.arithmeticUnary());
    return { kind: "binary", op: "^", left: base, right: exponent, span: span(base.span.start, exponent.span.end) };
  }

  private arithmeticPrimary(): Expr {
    const token = this.peek();
    if (token.kind === "number") {
      this.next();
      return { kind: "number", value: Number(token.text), span: span(token.start, token.end) };
    }
    if (token.kind === "name") return this.nested(() => this.nameOrCall());
    if (token.kind === "op" && token.text === "(") {
      this.next();
      const inner = this.nested(() => this.comparison());
      const close = this.expectOp(")");
      return { kind: "paren", inner, span: span(token.start, close.end) };
    }
    throw this.unexpected(token);
  }

  private nameOrCall(): Expr {
    const token = this.next();
    if (!this.isOp("(")) return { kind: "column", name: token.text, span: span(token.start, token.end) };
    if (token.text === "poly" || token.text === "offset") {
      throw new MixwellError(
        `${token.text}() at position ${token.start + 1} is a part of the model on its own: ` +
          `add it with '+' (as in y ~ ${token.text === "poly" ? "poly(x, 2)" : "x + offset(log(n))"} + (1 | g)), not inside arithmetic or the outcome`,
      );
    }
    if (!isFunctionName(token.text)) {
      throw new MixwellError(
        `Unknown function '${token.text}' at position ${token.start + 1} in the formula; ` +
          `Mixwell knows ${FUNCTION_NAMES.filter((f) => f !== "I").join(", ")} and I(...), and the model terms poly(x, 2) and offset(...)`,
      );
    }
    this.next();
    const args = [this.comparison()];
    while (this.isOp(",")) {
      this.next();
      args.push(this.comparison());
    }
    const close = this.expectOp(")");
    if (args.length !== 1) {
      throw new MixwellError(`${token.text}() takes one argument (position ${token.start + 1} in the formula)`);
    }
    return { kind: "call", fn: token.text, args, span: span(token.start, close.end) };
  }

  // ---- token helpers ----------------------------------------------------------------------

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index++;
    return token;
  }

  private isOp(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === "op" && token.text === text;
  }

  private expectOp(text: string): Token {
    if (!this.isOp(text)) {
      const token = this.peek();
      if (token.kind === "end") {
        throw new MixwellError(`The formula ends where '${text}' was expected (position ${token.start + 1})`);
      }
      throw new MixwellError(
        `Unexpected ${describe(token)} at position ${token.start + 1} in the formula; expected '${text}'${comparisonHint(token)}`,
      );
    }
    return this.next();
  }

  private expectEnd(): void {
    const token = this.peek();
    if (token.kind !== "end") throw this.unexpected(token);
  }

  private unexpected(token: Token): MixwellError {
    if (token.kind === "end") {
      return new MixwellError(`The formula ends too early (position ${token.start + 1})`);
    }
    const hint = token.text === "|" || token.text === "||" ? "; random-effect terms go in parentheses, as in (1 | g)" : comparisonHint(token);
    return new MixwellError(`Unexpected ${describe(token)} at position ${token.start + 1} in the formula${hint}`);
  }
}

/** For a comparison where none is allowed (or `=` for `==`): where comparisons go. */
function comparisonHint(token: Token): string {
  if (token.kind !== "op") return "";
  if (token.text === "=") return "; to compare, write '==', as in I(x == 0)";
  if (!(COMPARISON_OPERATORS as readonly string[]).includes(token.text)) return "";
  return `; a comparison among the predictors goes inside I(...), as in I(x ${token.text} 0)`;
}

function describe(token: Token): string {
  if (token.kind === "name") return `name '${token.text}'`;
  if (token.kind === "number") return `number '${token.text}'`;
  return `'${token.text}'`;
}
