/**
 * The model builder's view of a formula and back: outcome, fixed terms (interactions as lists of
 * variables), and random-effect groups (intercept, slopes, correlated or not). Parsing goes
 * through the formula parser, so an edited formula updates the builder and a mistake is
 * reported with its position; printing writes lme4's usual style, `(x | g)` and `(x || g)`.
 */
import { MixwellError } from "../errors";
import { columnsInFormulaText, expandModelTerms, formatExpression, formatResponse, formatTerms, parseFormula, termLabel, type TermNode } from "../formula";

export interface RandomGroup {
  /** Grouping factor as written: "subject", "school/class" (nested) or "a:b". */
  readonly grouping: string;
  readonly intercept: boolean;
  /** Term labels of random slopes ("Days", "a:b"). */
  readonly slopes: readonly string[];
  /** False for lme4's `||` (slopes uncorrelated with each other and the intercept). */
  readonly correlated: boolean;
}

export interface BuilderModel {
  readonly outcome: string | null;
  readonly intercept: boolean;
  /** Each fixed term's variables; more than one is an interaction. */
  readonly fixed: readonly (readonly string[])[];
  readonly random: readonly RandomGroup[];
  /** offset(...) terms as written, kept through builder edits: ["offset(log(size))"]. */
  readonly offsets?: readonly string[];
}

export interface FormulaProblem {
  readonly message: string;
  /** 0-based character position of the mistake, when the parser names one. */
  readonly position: number | null;
}

export type ParsedBuilder = { readonly ok: true; readonly model: BuilderModel } | { readonly ok: false; readonly problem: FormulaProblem };

export const EMPTY_BUILDER: BuilderModel = { outcome: null, intercept: true, fixed: [], random: [] };

/** The formula text of a builder model; "~ …" while it has no outcome, "" while it is empty. */
export function builderToFormula(model: BuilderModel): string {
  const parts: string[] = [];
  if (!model.intercept) parts.push("0");
  for (const term of model.fixed) parts.push(term.join(":"));
  for (const offset of model.offsets ?? []) parts.push(offset);
  for (const g of model.random) parts.push(randomText(g));
  if (parts.length === 0 || (model.intercept && model.fixed.length === 0)) parts.unshift("1");
  if (model.outcome === null) return model.fixed.length || model.random.length ? `~ ${parts.join(" + ")}` : "";
  return `${model.outcome} ~ ${parts.join(" + ")}`;
}

function randomText(g: RandomGroup): string {
  const effects = g.slopes.length === 0 ? (g.intercept ? "1" : "0") : [g.intercept ? null : "0", ...g.slopes].filter((x) => x !== null).join(" + ");
  const bar = g.correlated || g.slopes.length === 0 ? "|" : "||";
  return `(${effects} ${bar} ${g.grouping})`;
}

/** Parse a formula into the builder's terms, or say what is wrong and where. */
export function formulaToBuilder(text: string): ParsedBuilder {
  try {
    const formula = parseFormula(text);
    if (!formula.response) throw new MixwellError("The formula needs an outcome before '~', as in: y ~ x + (1 | g)");
    const { fixed, bars } = splitSum(formula.rhs);
    const terms = expandModelTerms(fixed.length ? joinSum(fixed) : null);
    return {
      ok: true,
      model: {
        outcome: formatResponse(formula.response),
        intercept: terms.intercept,
        fixed: terms.terms.map((t) => t.map((i) => terms.variableNames[i])),
        random: bars.map(randomGroupOf),
        ...(terms.offsets.length ? { offsets: terms.offsets.map((e) => `offset(${formatExpression(e)})`) } : {}),
      },
    };
  } catch (err) {
    if (!(err instanceof MixwellError)) throw err;
    return { ok: false, problem: { message: err.message, position: positionIn(err.message) } };
  }
}

function positionIn(message: string): number | null {
  const match = /position (\d+)/.exec(message);
  return match ? Number(match[1]) - 1 : null;
}

type RandomNode = Extract<TermNode, { kind: "random" }>;

function splitSum(node: TermNode): { fixed: TermNode[]; bars: RandomNode[] } {
  if (node.kind === "operator" && node.op === "+" && node.left !== null) {
    const a = splitSum(node.left);
    const b = splitSum(node.right);
    return { fixed: [...a.fixed, ...b.fixed], bars: [...a.bars, ...b.bars] };
  }
  if (node.kind === "random") return { fixed: [], bars: [node] };
  if (node.kind === "group" && node.inner.kind === "random") return { fixed: [], bars: [node.inner] };
  return { fixed: [node], bars: [] };
}

function joinSum(nodes: readonly TermNode[]): TermNode {
  return nodes.reduce((left, right) => ({ kind: "operator", op: "+", left, right, span: { start: left.span.start, end: right.span.end } }));
}

function randomGroupOf(bar: RandomNode): RandomGroup {
  const effects = expandModelTerms(bar.effects);
  return {
    grouping: formatTerms(bar.grouping),
    intercept: effects.intercept,
    slopes: effects.terms.map((t) => termLabel(effects, t)),
    correlated: !bar.uncorrelated,
  };
}

/** Column names (plain, unquoted) a builder model uses (outcome, fixed and slope variables, grouping factors). */
export function variablesOf(model: BuilderModel): string[] {
  const text = builderToFormula(model);
  const parsed = text === "" ? [] : columnsInFormulaText(text);
  if (parsed) return parsed;
  const names = new Set<string>();
  if (model.outcome) names.add(model.outcome);
  for (const t of model.fixed) for (const v of t) names.add(v);
  for (const g of model.random) {
    for (const s of g.slopes) for (const v of s.split(":")) names.add(v);
    for (const v of g.grouping.split(/[:/]/)) names.add(v.trim());
  }
  return [...names];
}
