/**
 * Which fixed-effect terms can have a random slope by each grouping of the formula: a term whose
 * variables all stay the same within every group of a grouping factor (Sex within Subject) has
 * nothing to vary per group — its slope column is the intercept again times a constant — so lme4
 * cannot estimate that slope. A nested grouping (School/Class) gives slopes by each of its
 * groupings (School and School:Class), so a term must change within the innermost one.
 */
import type { ExpandedFormula, Formula, TermNode } from "../formula";
import { displayTerm, expandFormula, formatTerms, termLabel } from "../formula";
import type { ModelRows } from "./model-rows";
import type { SlopeOption } from "./types";
import { groupsWhereVarying } from "./variation";

export function slopeOptions(formula: Formula, expanded: ExpandedFormula, rows: ModelRows): SlopeOption[] {
  const out: SlopeOption[] = [];
  const seen = new Set<string>();
  const fixed = expanded.fixed;
  for (const bar of bars(formula.rhs)) {
    const grouping = formatTerms(bar.grouping);
    if (seen.has(grouping) || !formula.response) continue;
    seen.add(grouping);
    const groupNames = expandFormula({ source: "", response: formula.response, rhs: bar }).random.map((s) => s.groupName);
    for (const term of fixed.terms) {
      const label = termLabel(fixed, term);
      const variables = term.map((i) => rows.variableOf(fixed.variables[i]));
      const constantIn = groupNames.find((g) => {
        const factor = rows.groupings.get(g);
        return factor !== undefined && factor.levels.length > 0 && variables.every((v) => groupsWhereVarying(v, factor) === 0);
      });
      out.push(
        constantIn === undefined
          ? { grouping, term: label, estimable: true }
          : { grouping, term: label, estimable: false, reason: `${displayTerm(label)} does not change within ${constantIn}, so it cannot have a random slope by ${displayTerm(grouping)}` },
      );
    }
  }
  return out;
}

type Bar = Extract<TermNode, { kind: "random" }>;

function bars(node: TermNode): Bar[] {
  if (node.kind === "random") return [node];
  if (node.kind === "operator" && node.op === "+") return [...(node.left ? bars(node.left) : []), ...bars(node.right)];
  if (node.kind === "group") return bars(node.inner);
  return [];
}
