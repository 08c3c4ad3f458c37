/**
 * A formula as parts that simplifications edit: the response, the fixed part (printed as
 * written), and the random terms as lme4 expands them ((x || g) is (1 | g) + (0 + x | g)).
 * Printing merges an intercept term followed by `0 + x` terms of the same group back into
 * (1 + x || g), which lme4 expands identically.
 */
import type { TermNode } from "../formula";
import { expandFormula, formatResponse, formatTerms, parseFormula, termLabel } from "../formula";

export interface RandomPart {
  readonly group: string;
  readonly intercept: boolean;
  /** Term labels of the effects besides the intercept: "Days", "attitude". */
  readonly effects: readonly string[];
}

export interface ModelParts {
  readonly response: string;
  readonly fixed: string;
  readonly random: readonly RandomPart[];
}

export function modelParts(formulaText: string): ModelParts {
  const formula = parseFormula(formulaText);
  const expanded = expandFormula(formula);
  const fixedNodes = summands(formula.rhs).filter((n) => n.kind !== "random");
  return {
    response: formula.response ? formatResponse(formula.response) : "",
    fixed: fixedNodes.length ? fixedNodes.map(formatTerms).join(" + ") : "1",
    random: expanded.random.map((spec) => ({
      group: spec.groupName,
      intercept: spec.effects.intercept,
      effects: spec.effects.terms.map((t) => termLabel(spec.effects, t)),
    })),
  };
}

function summands(node: TermNode): TermNode[] {
  if (node.kind === "operator" && node.op === "+" && node.left) return [...summands(node.left), ...summands(node.right)];
  return [node];
}

export function formatParts(parts: ModelParts): string {
  const terms: string[] = [];
  const r = parts.random;
  for (let i = 0; i < r.length; i++) {
    const part = r[i];
    let j = i + 1;
    while (part.intercept && part.effects.length === 0 && j < r.length && r[j].group === part.group && !r[j].intercept && r[j].effects.length === 1) j++;
    if (j - i > 1) {
      terms.push(`(1 + ${r.slice(i + 1, j).map((x) => x.effects[0]).join(" + ")} || ${part.group})`);
      i = j - 1;
      continue;
    }
    const lhs = part.intercept ? ["1", ...part.effects] : ["0", ...part.effects];
    terms.push(`(${lhs.join(" + ")} | ${part.group})`);
  }
  return `${parts.response} ~ ${[parts.fixed, ...terms].join(" + ")}`;
}

/** The random part whose effects produce the design column `effect` ("attitudepol" → attitude). */
export function partWithEffect(parts: ModelParts, group: string, effect: string): { index: number; label: string | null } | null {
  let best: { index: number; label: string | null } | null = null;
  parts.random.forEach((p, index) => {
    if (p.group !== group) return;
    if (effect === "(Intercept)") {
      if (p.intercept && !best) best = { index, label: null };
      return;
    }
    for (const label of p.effects) {
      if (effect === label || (effect.startsWith(label) && (!best || (best.label?.length ?? 0) < label.length))) best = { index, label };
    }
  });
  return best;
}
