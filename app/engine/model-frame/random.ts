/**
 * Random-effect terms of the model frame, as lme4's mkReTrms builds them: the effects of
 * `(x | g)` coded like `model.matrix(~ x)` (same contrasts as the fixed part), the grouping
 * factor's observed levels, lme4's identifiability checks (checkNlevels, checkZdims), and
 * lme4's term order: when the numbers of levels are not already non-increasing, terms are
 * reordered by rev(order(nlevels)), which puts the term with most levels first.
 */
import { MixwellError } from "../../errors";
import type { Expr, RandomTermSpec } from "../../formula";
import type { ContrastKind } from "./contrasts";
import { buildDesign } from "./design";
import { asFactor, interactionFactor } from "./grouping";
import type { RandomTerm } from "./types";
import type { Variable } from "./variables";
import type { ModelFamily } from "../families";

export type Family = ModelFamily;

export function buildRandomTerms(
  specs: readonly RandomTermSpec[],
  variableOf: (expr: Expr) => Variable,
  n: number,
  contrasts: ContrastKind,
  family: Family,
): RandomTerm[] {
  const terms = specs.map((spec) => buildRandomTerm(spec, variableOf, n, contrasts));
  for (const term of terms) checkIdentifiable(term, n, family);
  return lme4TermOrder(terms.map((t) => t.levels.length)).map((i) => terms[i]);
}

function buildRandomTerm(
  spec: RandomTermSpec,
  variableOf: (expr: Expr) => Variable,
  n: number,
  contrasts: ContrastKind,
): RandomTerm {
  const design = buildDesign(spec.effects, spec.effects.variables.map(variableOf), n, contrasts);
  const k = design.columns.length;
  const Z = new Float64Array(n * k);
  design.columns.forEach((column, j) => Z.set(column.values, j * n));
  const group = interactionFactor(spec.groupName, spec.grouping.map((e) => asFactor(variableOf(e))));
  return {
    group: spec.groupName,
    effectNames: design.columns.map((c) => c.name),
    k,
    levels: group.levels,
    levelOfRow: group.codes,
    Z,
  };
}

/** lme4's checkNlevels and checkZdims with lmer's (gaussian) or glmer's (allow.n) thresholds. */
function checkIdentifiable(term: RandomTerm, n: number, family: Family): void {
  const nl = term.levels.length;
  const allowN = family !== "gaussian";
  if (nl < 2) {
    throw new MixwellError(
      `The grouping factor '${term.group}' has only one level in the rows used; random effects need at least two groups`,
    );
  }
  if (allowN ? nl > n : nl >= n) {
    throw new MixwellError(
      `The grouping factor '${term.group}' has ${nl} levels for ${n} observations; ` +
        (allowN ? "it cannot have more levels than observations" : "it needs fewer levels than observations") +
        " (each group needs repeated observations)",
    );
  }
  const effects = nl * term.k;
  if (allowN ? n < effects : n <= effects) {
    throw new MixwellError(
      `The random-effect term (${term.effectNames.join(" + ")} | ${term.group}) has ${effects} random effects ` +
        `for ${n} observations, so its variances cannot be estimated; use fewer random effects per group`,
    );
  }
}

/** Order of lme4's mkReTrms: identity if levels are non-increasing, else rev(order(nl)) (stable order). */
export function lme4TermOrder(levelCounts: readonly number[]): number[] {
  const index = levelCounts.map((_, i) => i);
  if (!levelCounts.some((nl, i) => i > 0 && nl > levelCounts[i - 1])) return index;
  return index.sort((a, b) => levelCounts[a] - levelCounts[b] || a - b).reverse();
}
