/**
 * Random slopes of predictors that never change within the groups of their grouping factor
 * (Sex by Subject in Orthodont): per group the slope's column is a constant, so it is the
 * random intercept again times a number — lme4 cannot tell the two apart and either fails to
 * converge or estimates a correlation at ±1. Found from the model frame's Z columns, so it covers
 * numeric and categorical slopes alike; only terms with a random intercept are checked (a
 * between-group column without one is a second intercept, which lme4 can estimate).
 */
import type { ModelFrame, RandomTerm } from "../engine/model-frame";
import { displayTerm } from "../formula";
import { modelParts, partWithEffect } from "./model-parts";
import type { Cause } from "./types";

export function betweenGroupSlopeCauses(frame: ModelFrame, formula: string): Cause[] {
  const parts = modelParts(formula);
  const causes: Cause[] = [];
  for (const term of frame.random) {
    if (!term.effectNames.includes("(Intercept)")) continue;
    term.effectNames.forEach((effect, a) => {
      if (effect === "(Intercept)" || !constantWithinGroups(term, a)) return;
      const label = partWithEffect(parts, term.group, effect)?.label ?? effect;
      if (causes.some((c) => c.group === term.group && c.predictor === label)) return;
      causes.push({ kind: "between-group-slope", group: term.group, effect, predictor: label, message: betweenGroupMessage(label, term.group) });
    });
  }
  return causes;
}

/** The cause in words (the suggestion, suggest.ts, says what to do about it). */
export function betweenGroupMessage(label: string, group: string): string {
  const name = displayTerm(label);
  return `${name} varies only between ${group} groups (it never changes within a ${group}), so a random slope of ${name} by ${group} cannot be estimated: it would be the random intercept again.`;
}

/** Is column `a` of the term's Z the same on every row of each group? */
function constantWithinGroups(term: RandomTerm, a: number): boolean {
  const n = term.levelOfRow.length;
  const first = new Float64Array(term.levels.length).fill(NaN);
  for (let i = 0; i < n; i++) {
    const g = term.levelOfRow[i];
    const z = term.Z[a * n + i];
    if (Number.isNaN(first[g])) first[g] = z;
    else if (Math.abs(z - first[g]) > 1e-12 * Math.max(1, Math.abs(z))) return false;
  }
  return true;
}
