/**
 * Term names as a reader of a thesis expects them, built from what each fixed-effect column codes
 * (TermInfoView, app/model-spec/term-columns.ts) rather than by taking R's names apart, so a
 * column name holding ":", "×" or "vs." cannot mislead it:
 *
 * - treatment contrasts: `attitude: pol vs. inf` (the level against the baseline);
 * - sum contrasts: `attitude [pol]` (the level's deviation from the mean of the levels);
 * - all-level indicators: `attitude: pol` (treatment models) or `attitude [pol]` (sum models);
 * - interactions: the variables joined by ×, then the levels: `age × Sex: Male vs. Female`,
 *   `attitude × gender: (pol vs. inf) × (M vs. F)`, `attitude [inf] × gender [F]`;
 * - numbers by their plain name; poly(x, d) as `x (linear)`, `x (quadratic)` (orthogonal) or
 *   `x`, `x²` (raw); I(…) without the wrapper; R's backticks never shown.
 *
 * "R names" (the toggle) shows R's coefficient names (`attitudepol`), still without backticks;
 * CSV files keep R's names with the readable ones in a column beside them (csv.ts).
 */
import { displayTerm, splitInteraction } from "../formula/names";
import type { TermColumnView, TermInfoView, TermPartView } from "../model-spec/fit-view";

/** Which names tables, copies and reports show: readable (the default) or R's. */
export type TermNames = "readable" | "r";

export const DEFAULT_TERM_NAMES: TermNames = "readable";

/** The choice stored in a project's view settings (`termNames`), readable when absent. */
export function termNamesSetting(settings: Readonly<Record<string, unknown>> | undefined): TermNames {
  return settings?.termNames === "r" ? "r" : DEFAULT_TERM_NAMES;
}

/** A formula as shown beside the results: column names without R's backticks (readable names), or as R writes it. */
export function formulaText(formula: string, names: TermNames = DEFAULT_TERM_NAMES): string {
  return names === "r" ? formula : displayTerm(formula);
}

/** A variable as people read it: backticks off, `I(x^2)` as `x^2`. */
export function plainVariableName(name: string): string {
  const plain = displayTerm(name);
  const inner = /^I\((.*)\)$/s.exec(plain);
  return inner && balanced(inner[1]) ? inner[1] : plain;
}

/** The readable name of one fixed-effect column. */
export function readableColumnName(column: TermColumnView): string {
  if (column.parts.length === 0) return column.term === "(Intercept)" ? "Intercept" : splitReadable(column.name);
  const sum = column.parts.some((p) => p.kind === "sum");
  if (sum) return column.parts.map((p) => (isFactorPart(p) ? `${plainVariableName(p.variable)} [${p.level}]` : partName(p))).join(" × ");
  const head = column.parts.map(partName).join(" × ");
  const levels = column.parts.filter(isFactorPart);
  if (levels.length === 0) return head;
  const describe = (p: FactorPart) => (p.kind === "treatment" ? `${p.level} vs. ${p.baseline}` : p.level);
  if (levels.length === 1) return `${head}: ${describe(levels[0])}`;
  return `${head}: ${levels.map((p) => (p.kind === "treatment" ? `(${describe(p)})` : describe(p))).join(" × ")}`;
}

/**
 * A function from R's name of a coefficient (fixed effect or random slope) to the name to show.
 * Names the fit's columns do not cover (random slopes coded by all levels, older projects without
 * term metadata) are read as R writes them: `a:b` becomes `a × b`, a factor's name followed by
 * one of its levels becomes `factor: level`.
 */
export function termLabeller(info: TermInfoView | undefined, names: TermNames = DEFAULT_TERM_NAMES): (rName: string) => string {
  if (names === "r") return displayTerm;
  const known = new Map((info?.columns ?? []).map((c) => [c.name, readableColumnName(c)]));
  const factors = info?.factors ?? {};
  return (rName) => known.get(rName) ?? (rName === "(Intercept)" ? "Intercept" : splitReadable(rName, factors));
}

/** A model term (an ANOVA row, "attitude:gender") as `attitude × gender`; poly(x, d) as `x (polynomial, degree d)`. */
export function modelTermLabel(label: string, info: TermInfoView | undefined, names: TermNames = DEFAULT_TERM_NAMES): string {
  if (names === "r") return displayTerm(label);
  const column = info?.columns.find((c) => c.term === label && c.parts.length > 0);
  if (!column) return label === "(Intercept)" ? "Intercept" : splitInteraction(label).map(plainVariableName).join(" × ");
  return column.parts
    .map((p) => (p.kind === "poly" ? `${plainVariableName(p.source)} (${p.raw ? "raw " : ""}polynomial, degree ${p.degree})` : plainVariableName(p.variable)))
    .join(" × ");
}

type FactorPart = Extract<TermPartView, { kind: "treatment" | "sum" | "indicator" }>;

const isFactorPart = (p: TermPartView): p is FactorPart => p.kind === "treatment" || p.kind === "sum" || p.kind === "indicator";

const ORTHOGONAL = ["linear", "quadratic", "cubic", "quartic"];
const SUPERSCRIPT: Readonly<Record<number, string>> = { 2: "²", 3: "³" };

function partName(p: TermPartView): string {
  if (p.kind !== "poly") return plainVariableName(p.variable);
  const x = plainVariableName(p.source);
  if (!p.raw) return `${x} (${ORTHOGONAL[p.power - 1] ?? `degree ${p.power}`})`;
  if (p.power === 1) return x;
  const base = /^[\p{L}\p{N}._]+$/u.test(x) || /^\w+\(.*\)$/s.test(x) ? x : `(${x})`;
  return SUPERSCRIPT[p.power] ? base + SUPERSCRIPT[p.power] : `${base}^${p.power}`;
}

/** R's name read piece by piece (no column metadata): `a:b` → `a × b`, `attitudepol` → `attitude: pol` when attitude is a known factor. */
function splitReadable(rName: string, factors: Readonly<Record<string, readonly string[]>> = {}): string {
  return splitInteraction(rName)
    .map((piece) => {
      const factor = Object.keys(factors)
        .filter((f) => piece.startsWith(f) && factors[f].includes(piece.slice(f.length)))
        .sort((a, b) => b.length - a.length)[0];
      return factor === undefined ? plainVariableName(piece) : `${plainVariableName(factor)}: ${piece.slice(factor.length)}`;
    })
    .join(" × ");
}

/** True when the parentheses of `text` close in order (so `I(a) + I(b)` is not read as I(…)). */
function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}
