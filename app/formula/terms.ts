/**
 * From a parsed formula to R's model terms, following R's terms.formula (src/library/stats/
 * src/model.c, TermsForm): `a*b` = a + b + a:b, `a/b` = a + a:b, `(a+b)^2` = all interactions
 * up to order 2, `-` deletes terms, `0`/`-1` drops the intercept, terms sorted by order
 * (number of variables), ties in order of appearance. Variables are numbered by first
 * appearance, and a term lists its variables in that order (so `b:a + a` has label "b:a").
 *
 * `offset(expr)` is not a term: as in R's terms(), it is listed apart (`offsets`) and the model adds
 * it to the linear predictor with coefficient 1. It may only be added (`+`), not crossed.
 *
 * Random-effect terms follow lme4: `(x || g)` becomes `(1 | g) + (0 + x | g)` (expandDoubleVerts,
 * one term per effect term), `(1 | a/b)` becomes `(1 | b:a) + (1 | a)` (expandSlash).
 */
import { MixwellError } from "../errors";
import type { Expr, Formula, Response, TermNode } from "./ast";
import { formatExpression } from "./expression";
import { FormulaLimitError } from "./parse";

/** A model term: indices into `ModelTerms.variables`, ascending. */
export type Term = readonly number[];

export interface ModelTerms {
  /** Model variables in order of first appearance. */
  readonly variables: readonly Expr[];
  /** Each variable's name as R prints it: "Days", "log(x)", "I(x^2)". */
  readonly variableNames: readonly string[];
  /** Terms in R's order (by degree, then appearance); the intercept is not a term here. */
  readonly terms: readonly Term[];
  readonly intercept: boolean;
  /** Expressions inside `offset(...)`, in order of appearance, each once. */
  readonly offsets: readonly Expr[];
}

export interface RandomTermSpec {
  /** The effects part, expanded like a one-sided formula `~ effects`. */
  readonly effects: ModelTerms;
  /** Variables whose interaction is the grouping factor, slowest-varying first (lme4's `b:a`). */
  readonly grouping: readonly Expr[];
  /** Grouping factor name as lme4 prints it: "Subject", "cask:batch", "c:(b:a)". */
  readonly groupName: string;
}

export interface ExpandedFormula {
  readonly response: Response;
  readonly fixed: ModelTerms;
  /** Random-effect terms in formula order after expansion (lme4 later sorts them by levels). */
  readonly random: readonly RandomTermSpec[];
  /** The fixed part's `offset(...)` expressions; their sum is the model's offset. */
  readonly offsets: readonly Expr[];
}

/** Term label as R prints it: variable names joined by ":". */
export function termLabel(terms: ModelTerms, term: Term): string {
  return term.map((i) => terms.variableNames[i]).join(":");
}

/** Expand a two-sided formula into fixed terms and random-effect terms. */
export function expandFormula(formula: Formula): ExpandedFormula {
  if (!formula.response) {
    throw new MixwellError("The formula needs an outcome before '~', as in: y ~ x + (1 | g)");
  }
  const { fixed, bars } = splitBars(formula.rhs);
  const fixedTerms = fixed ? expandModelTerms(fixed) : expandModelTerms(null);
  const random = bars.flatMap(expandRandomTerm);
  return { response: formula.response, fixed: fixedTerms, random, offsets: fixedTerms.offsets };
}

/** Expand a right-hand side (null means `~ 1`) into R's terms. */
export function expandModelTerms(node: TermNode | null): ModelTerms {
  const expander = new TermExpander();
  const expansion = node ? expander.expand(node) : { terms: [], intercept: null };
  const terms = expansion.terms
    .filter((t) => t.length > 0)
    .map((t, position) => ({ t, position }))
    .sort((a, b) => a.t.length - b.t.length || a.position - b.position)
    .map(({ t }) => t);
  return {
    variables: expander.variables,
    variableNames: expander.names,
    terms,
    intercept: expansion.intercept ?? true,
    offsets: expander.offsets,
  };
}

type RandomNode = Extract<TermNode, { kind: "random" }>;

/** Separate lme4's random-effect terms (summands of the top-level sum) from the fixed part. */
function splitBars(node: TermNode): { fixed: TermNode | null; bars: RandomNode[] } {
  if (node.kind === "random") return { fixed: null, bars: [node] };
  if (node.kind === "group" && containsBar(node.inner)) return splitBars(node.inner);
  if (node.kind === "operator" && node.op === "+") {
    const left = node.left ? splitBars(node.left) : { fixed: null, bars: [] };
    const right = splitBars(node.right);
    const fixed =
      left.fixed && right.fixed ? { ...node, left: left.fixed, right: right.fixed } : (left.fixed ?? right.fixed);
    return { fixed, bars: [...left.bars, ...right.bars] };
  }
  return { fixed: node, bars: [] };
}

function containsBar(node: TermNode): boolean {
  switch (node.kind) {
    case "random":
      return true;
    case "group":
      return containsBar(node.inner);
    case "power":
      return containsBar(node.base);
    case "operator":
      return (node.left !== null && containsBar(node.left)) || containsBar(node.right);
    default:
      return false;
  }
}

function expandRandomTerm(bar: RandomNode): RandomTermSpec[] {
  const effects = expandModelTerms(bar.effects);
  if (effects.offsets.length > 0) {
    throw new MixwellError(
      `offset() cannot be part of the random-effect term at position ${bar.span.start + 1}; add it to the fixed part, as in y ~ x + offset(log(n)) + (1 | g)`,
    );
  }
  if (!effects.intercept && effects.terms.length === 0) {
    throw new MixwellError(`The random-effect term at position ${bar.span.start + 1} has no effects`);
  }
  const groups = nestedGroups(bar.grouping);
  const parts: ModelTerms[] = bar.uncorrelated ? splitEffects(effects) : [effects];
  return parts.flatMap((part) => groups.map((g) => ({ effects: part, ...g })));
}

/** lme4's expandDoubleVerts: `(1 + x + z || g)` → `(1 | g)`, `(0 + x | g)`, `(0 + z | g)`. */
function splitEffects(effects: ModelTerms): ModelTerms[] {
  const parts: ModelTerms[] = [];
  if (effects.intercept) parts.push({ ...effects, terms: [], intercept: true });
  for (const term of effects.terms) parts.push({ ...effects, terms: [term], intercept: false });
  return parts;
}

/**
 * lme4's expandSlash: `a/b/c` → `c:(b:a)`, `b:a`, `a`. Each grouping factor is the
 * interaction of its variables, the first one varying slowest (R's `:` on factors).
 */
function nestedGroups(node: TermNode): { grouping: Expr[]; groupName: string }[] {
  const items = slashItems(node);
  const groups: { grouping: Expr[]; groupName: string }[] = [];
  let previous: { grouping: Expr[]; groupName: string } | null = null;
  for (const item of items) {
    const name = item.map(formatExpression).join(":");
    const current: { grouping: Expr[]; groupName: string } = previous
      ? {
          grouping: [...item, ...previous.grouping],
          groupName: `${name}:${previous.grouping.length > 1 ? `(${previous.groupName})` : previous.groupName}`,
        }
      : { grouping: item, groupName: name };
    groups.unshift(current);
    previous = current;
  }
  return groups;
}

function slashItems(node: TermNode): Expr[][] {
  if (node.kind === "operator" && node.op === "/" && node.left) {
    return [...slashItems(node.left), ...slashItems(node.right)];
  }
  return [interactionVariables(node)];
}

function interactionVariables(node: TermNode): Expr[] {
  if (node.kind === "variable") return [node.expr];
  if (node.kind === "group") return interactionVariables(node.inner);
  if (node.kind === "operator" && node.op === ":" && node.left) {
    return [...interactionVariables(node.left), ...interactionVariables(node.right)];
  }
  throw new MixwellError(
    `The grouping factor at position ${node.span.start + 1} in the formula must be a column, ` +
      "or columns joined by ':' (crossed) or '/' (nested)",
  );
}

interface Expansion {
  readonly terms: Term[];
  /** True for `1`, false for `0`/`-1`, null when the intercept is not mentioned. */
  readonly intercept: boolean | null;
}

class TermExpander {
  readonly variables: Expr[] = [];
  readonly names: string[] = [];
  readonly offsets: Expr[] = [];
  /** > 0 while expanding an operand of ':', '*', '/', '^' or the right of '-', where offset() is refused. */
  private crossing = 0;

  expand(node: TermNode): Expansion {
    switch (node.kind) {
      case "intercept":
        return { terms: [], intercept: node.present };
      case "variable":
        return { terms: [[this.variableIndex(node.expr)]], intercept: null };
      case "group":
        return this.expand(node.inner);
      case "random":
        throw new MixwellError(
          `The random-effect term at position ${node.span.start + 1} must be added to the formula with '+', ` +
            "not combined with other terms",
        );
      case "offset":
        return this.offset(node);
      case "power":
        return this.crossed(() => this.power(node.base, node.exponent));
      case "operator":
        return this.operator(node);
    }
  }

  private offset(node: Extract<TermNode, { kind: "offset" }>): Expansion {
    if (this.crossing > 0) {
      throw new MixwellError(
        `offset() at position ${node.span.start + 1} can only be added to the model with '+', not combined with ':', '*', '/', '^' or '-'`,
      );
    }
    const name = formatExpression(node.expr);
    if (!this.offsets.some((e) => formatExpression(e) === name)) this.offsets.push(node.expr);
    return { terms: [], intercept: null };
  }

  private crossed<T>(f: () => T): T {
    this.crossing++;
    try {
      return f();
    } finally {
      this.crossing--;
    }
  }

  private operator(node: Extract<TermNode, { kind: "operator" }>): Expansion {
    // Left before right: variables are numbered in order of appearance.
    const sum = node.op === "+";
    const left = node.left === null ? null : sum || node.op === "-" ? this.expand(node.left) : this.crossed(() => this.expand(node.left!));
    const right = sum ? this.expand(node.right) : this.crossed(() => this.expand(node.right));
    if (left === null) {
      return node.op === "+" ? right : { terms: [], intercept: negate(right.intercept) };
    }
    switch (node.op) {
      case "+":
        return { terms: union(left.terms, right.terms), intercept: right.intercept ?? left.intercept };
      case "-": {
        const removed = new Set(right.terms.map(key));
        return {
          terms: left.terms.filter((t) => !removed.has(key(t))),
          intercept: right.intercept === null ? left.intercept : !right.intercept,
        };
      }
      case ":":
        this.requireNoIntercept(node, left, right);
        return { terms: product(left.terms, right.terms), intercept: null };
      case "*":
        this.requireNoIntercept(node, left, right);
        return { terms: union(union(left.terms, right.terms), product(left.terms, right.terms)), intercept: null };
      case "/": {
        this.requireNoIntercept(node, left, right);
        const variables = new Set<number>();
        for (const term of left.terms) for (const v of term) variables.add(v);
        const outer = [...variables].sort((a, b) => a - b);
        return { terms: union(left.terms, product([outer], right.terms)), intercept: null };
      }
    }
  }

  private power(base: TermNode, exponent: number): Expansion {
    const expansion = this.expand(base);
    if (expansion.intercept !== null) {
      throw new MixwellError(`'^' applies to terms, not to 1 or 0 (position ${base.span.start + 1} in the formula)`);
    }
    // As R's TermsForm: stop as soon as a further power adds no new term (at most as many
    // rounds as there are variables), so `x^999999999` costs no more than `x^2`.
    let terms = expansion.terms;
    for (let k = 1; k < exponent; k++) {
      const next = union(terms, product(terms, expansion.terms));
      if (next.length === terms.length) break;
      terms = next;
    }
    return { terms, intercept: null };
  }

  private requireNoIntercept(node: TermNode, left: Expansion, right: Expansion): void {
    if (left.intercept !== null || right.intercept !== null) {
      throw new MixwellError(
        `1 or 0 cannot be combined with ':', '*' or '/' (position ${node.span.start + 1} in the formula)`,
      );
    }
  }

  private variableIndex(expr: Expr): number {
    const name = formatExpression(expr);
    let index = this.names.indexOf(name);
    if (index < 0) {
      index = this.names.length;
      this.names.push(name);
      this.variables.push(expr);
    }
    return index;
  }
}

function negate(intercept: boolean | null): boolean | null {
  return intercept === null ? null : !intercept;
}

/** Keys are cached: long chains such as a/b/c/... compare the same terms at every level. */
const keys = new WeakMap<Term, string>();

function key(term: Term): string {
  let k = keys.get(term);
  if (k === undefined) {
    k = term.join(",");
    keys.set(term, k);
  }
  return k;
}

function union(a: readonly Term[], b: readonly Term[]): Term[] {
  const out: Term[] = [];
  const seen = new Set<string>();
  for (const list of [a, b]) {
    for (const t of list) {
      const k = key(t);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(t);
      }
    }
  }
  if (out.length > MAX_MODEL_TERMS) throw tooManyTerms(out.length);
  return out;
}

/** More model terms than any design matrix Mixwell could fit; `a*b*c*...` doubles with each factor. */
export const MAX_MODEL_TERMS = 10000;

function tooManyTerms(count: number): MixwellError {
  return new FormulaLimitError(
    `The formula expands to ${count > 1e9 ? "more than a billion" : count.toLocaleString("en-US")} terms; Mixwell's limit is ${MAX_MODEL_TERMS.toLocaleString("en-US")} (check '*' and '^', which add every interaction)`,
  );
}

/** All pairwise interactions, left terms outermost, as R's InteractTerms. */
function product(a: readonly Term[], b: readonly Term[]): Term[] {
  if (a.length * b.length > MAX_MODEL_TERMS) throw tooManyTerms(a.length * b.length);
  const out: Term[] = [];
  for (const x of a) for (const y of b) out.push([...new Set([...x, ...y])].sort((p, q) => p - q));
  return union(out, []);
}
