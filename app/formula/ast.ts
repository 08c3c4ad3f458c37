/**
 * Typed syntax tree of an lme4 model formula, with source positions.
 *
 * Two languages meet in a formula, as in R: the *formula* language of the right-hand side
 * (`+ - : * / ^`, `1`/`0`, random-effect bars) and the *arithmetic* language inside function
 * calls and `I(...)`. `Expr` is the arithmetic part; it is reusable on its own (computed columns).
 */

/** Half-open character range [start, end) in the formula text, 0-based. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Functions accepted in formulas and computed columns. */
export const FUNCTION_NAMES = ["log", "log2", "log10", "exp", "sqrt", "abs", "scale", "as.numeric", "I"] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export type ArithmeticOperator = "+" | "-" | "*" | "/" | "^";

/** R's comparisons; they bind more loosely than arithmetic and do not chain (`a < b < c` is an error in R). */
export const COMPARISON_OPERATORS = [">=", "<=", "==", "!=", ">", "<"] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** An arithmetic expression over the columns of a data table. */
export type Expr =
  | { readonly kind: "column"; readonly name: string; readonly span: Span }
  | { readonly kind: "number"; readonly value: number; readonly span: Span }
  | { readonly kind: "call"; readonly fn: FunctionName; readonly args: readonly Expr[]; readonly span: Span }
  | { readonly kind: "unary"; readonly op: "-" | "+"; readonly operand: Expr; readonly span: Span }
  | {
      readonly kind: "binary";
      readonly op: ArithmeticOperator;
      readonly left: Expr;
      readonly right: Expr;
      readonly span: Span;
    }
  /**
   * A comparison, R's logical TRUE/FALSE (NA when a side is missing), evaluated as 1/0/NaN. As a
   * model variable a logical is a factor with levels FALSE, TRUE (R's model.matrix), as the outcome 0/1.
   */
  | {
      readonly kind: "compare";
      readonly op: ComparisonOperator;
      readonly left: Expr;
      readonly right: Expr;
      readonly span: Span;
    }
  /** Parentheses are kept so that names print back as R prints them: `I((x + 1)^2)`. */
  | { readonly kind: "paren"; readonly inner: Expr; readonly span: Span }
  /**
   * R's `poly(x, degree)` or `poly(x, degree, raw = TRUE)`: a model variable with `degree`
   * columns. Only a formula term, never part of arithmetic (the parser refuses `log(poly(x, 2))`).
   */
  | {
      readonly kind: "poly";
      readonly x: Expr;
      readonly degree: number;
      readonly raw: boolean;
      /** The arguments after x as written, for printing the call as R deparses it. */
      readonly args: readonly PolyArgument[];
      readonly span: Span;
    };

/** One argument of poly() after x: `2`, `degree = 2`, `raw = TRUE`. */
export interface PolyArgument {
  readonly name: "degree" | "raw" | null;
  /** The value as R prints it: "2", "TRUE", "T". */
  readonly text: string;
}

export type TermOperator = "+" | "-" | ":" | "*" | "/";

/** The right-hand side of a formula, in R's formula language. */
export type TermNode =
  /** `1` (intercept present) or `0` (intercept absent). */
  | { readonly kind: "intercept"; readonly present: boolean; readonly span: Span }
  /** A model variable: a column, or a function call such as `log(x)` or `I(x^2)`. */
  | { readonly kind: "variable"; readonly expr: Expr; readonly span: Span }
  /** Binary formula operator; `left` is null for a leading unary `-` or `+`. */
  | {
      readonly kind: "operator";
      readonly op: TermOperator;
      readonly left: TermNode | null;
      readonly right: TermNode;
      readonly span: Span;
    }
  /** `offset(expr)`: a known part of the linear predictor with coefficient 1 (not a term). */
  | { readonly kind: "offset"; readonly expr: Expr; readonly span: Span }
  /** `(a + b)^2`: all interactions up to the given order. */
  | { readonly kind: "power"; readonly base: TermNode; readonly exponent: number; readonly span: Span }
  | { readonly kind: "group"; readonly inner: TermNode; readonly span: Span }
  /** `(effects | grouping)`, or `(effects || grouping)` when uncorrelated. */
  | {
      readonly kind: "random";
      readonly effects: TermNode;
      readonly grouping: TermNode;
      readonly uncorrelated: boolean;
      readonly span: Span;
    };

export type Response =
  | { readonly kind: "expression"; readonly expr: Expr; readonly span: Span }
  /** Binomial response as counts: `cbind(successes, failures)`. */
  | { readonly kind: "cbind"; readonly successes: Expr; readonly failures: Expr; readonly span: Span };

export interface Formula {
  /** The text the formula was parsed from. */
  readonly source: string;
  /** Null for a one-sided formula `~ x` (not allowed for fitting, allowed for random-effect parts). */
  readonly response: Response | null;
  readonly rhs: TermNode;
}
