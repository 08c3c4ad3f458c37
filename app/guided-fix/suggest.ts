/**
 * Simpler models for the causes found, most conservative first (Barr et al. 2013; Matuschek et
 * al. 2017; lme4's ?isSingular). A random slope of a predictor that never changes within its
 * groups is removed before anything else, and then nothing else is offered: no other change
 * (|| , rescaling) can make it estimable. Otherwise: drop a correlation at ±1 by making the term uncorrelated (||);
 * drop a slope whose variance is zero; drop an intercept-only term whose variance is zero; for
 * non-convergence, centre and scale poorly scaled predictors.
 */
import { displayTerm } from "../formula";
import { formatParts, modelParts, partWithEffect, type ModelParts, type RandomPart } from "./model-parts";
import type { Cause, Suggestion } from "./types";

export function suggestSimplifications(formula: string, causes: readonly Cause[]): Suggestion[] {
  const parts = modelParts(formula);
  const out: Suggestion[] = [];
  const add = (s: Suggestion | null) => {
    if (s && s.formula !== formatParts(parts) && !out.some((x) => x.formula === s.formula)) out.push(s);
  };
  const between = causes.filter((c) => c.kind === "between-group-slope");
  if (between.length > 0) {
    if (between.length > 1) add(dropBetweenSlopes(parts, between));
    for (const c of between) add(dropBetweenSlopes(parts, [c]));
    return out;
  }
  for (const c of causes) if (c.kind === "perfect-correlation") add(dropCorrelation(parts, c));
  for (const c of causes) if (c.kind === "zero-variance") add(dropEffect(parts, c));
  for (const c of causes) if (c.kind === "poorly-scaled") add(rescale(formula, c.predictor!));
  if (causes.some((c) => c.kind === "not-converged")) {
    parts.random.forEach((p, i) => {
      if (p.intercept && p.effects.length > 0) add(uncorrelated(parts, i, `drop the correlations of the ${p.group} term, which often lets the optimiser converge`));
    });
  }
  return out;
}

/** Remove the slopes of between-group predictors from every random part of their group. */
function dropBetweenSlopes(parts: ModelParts, causes: readonly Cause[]): Suggestion {
  const dropped = (p: RandomPart, e: string) => causes.some((c) => c.group === p.group && c.predictor === e);
  const random = parts.random.flatMap((p) => {
    const effects = p.effects.filter((e) => !dropped(p, e));
    return effects.length === 0 && !p.intercept ? [] : [{ ...p, effects }];
  });
  const names = causes.map((c) => `${displayTerm(c.predictor ?? "")} by ${c.group}`);
  const reason =
    causes.length === 1
      ? `remove the random slope of ${names[0]}, which cannot be estimated; the fixed effect of ${displayTerm(causes[0].predictor ?? "")} stays`
      : `remove every random slope of a predictor that varies only between groups (${names.join(", ")})`;
  return { action: "drop-slope", formula: formatParts({ ...parts, random }), reason };
}

function replacePart(parts: ModelParts, index: number, replacement: readonly RandomPart[]): ModelParts {
  return { ...parts, random: [...parts.random.slice(0, index), ...replacement, ...parts.random.slice(index + 1)] };
}

function uncorrelated(parts: ModelParts, index: number, reason: string): Suggestion {
  const p = parts.random[index];
  const split: RandomPart[] = [...(p.intercept ? [{ group: p.group, intercept: true, effects: [] }] : []), ...p.effects.map((e) => ({ group: p.group, intercept: false, effects: [e] }))];
  return { action: "drop-correlation", formula: formatParts(replacePart(parts, index, split)), reason };
}

function dropCorrelation(parts: ModelParts, c: Cause): Suggestion | null {
  const found = partWithEffect(parts, c.group!, c.effect!);
  if (!found) return null;
  const p = parts.random[found.index];
  if (p.effects.length + (p.intercept ? 1 : 0) < 2) return null;
  if (found.label !== null && found.label !== c.effect) {
    // A categorical slope: lme4 codes (1 + f || g) as (1 | g) + (0 + f | g), one correlated column
    // per level, which is larger, not simpler; the simplification is to drop that slope.
    const effects = p.effects.filter((e) => e !== found.label);
    return {
      action: "drop-slope",
      formula: formatParts(replacePart(parts, found.index, [{ ...p, effects }])),
      reason: `the ${found.label} slope of '${c.group}' is perfectly correlated with ${c.other === "(Intercept)" ? "the intercept" : (c.other ?? "the other effects")}; for a categorical predictor || does not remove correlations, so remove that random slope`,
    };
  }
  return uncorrelated(parts, found.index, `the correlation between ${c.other ?? "the effects"} and ${c.effect} of '${c.group}' is at ±1: estimate the effects without correlations (||)`);
}

function dropEffect(parts: ModelParts, c: Cause): Suggestion | null {
  const found = partWithEffect(parts, c.group!, c.effect!);
  if (!found) return null;
  const p = parts.random[found.index];
  if (found.label === null) {
    if (p.effects.length > 0) return null; // an intercept at zero next to slopes: dropping the slopes comes first
    if (parts.random.length === 1) return null; // a mixed model needs a random term
    return { action: "drop-term", formula: formatParts(replacePart(parts, found.index, [])), reason: `the variance between '${c.group}' groups is zero: remove the (1 | ${c.group}) term` };
  }
  const effects = p.effects.filter((e) => e !== found.label);
  const next = effects.length === 0 && !p.intercept ? [] : [{ ...p, effects }];
  return { action: "drop-slope", formula: formatParts(replacePart(parts, found.index, next)), reason: `the variance of the ${found.label} slope across '${c.group}' is zero: remove that random slope` };
}

/** Replace every whole-word use of `name` by scale(name) (fixed and random parts). */
function rescale(formula: string, name: string): Suggestion | null {
  if (!/^[A-Za-z.][A-Za-z0-9._]*$/.test(name)) return null;
  const parts = modelParts(formula);
  const word = new RegExp(`(?<![A-Za-z0-9._(])${name.replace(/\./g, "\\.")}(?![A-Za-z0-9._])`, "g");
  const next: ModelParts = {
    ...parts,
    fixed: parts.fixed.replace(word, `scale(${name})`),
    random: parts.random.map((p) => ({ ...p, effects: p.effects.map((e) => e.replace(word, `scale(${name})`)) })),
  };
  return { action: "centre-scale", formula: formatParts(next), reason: `centre and scale '${name}' so that all predictors have similar scales` };
}
