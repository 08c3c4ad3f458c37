/**
 * Edits the model builder makes, as pure functions BuilderModel → BuilderModel, so that the UI
 * only wires clicks to them. Terms are kept unique; an interaction brings its main effects along
 * (principle of marginality), as `a * b` would.
 */
import type { BuilderModel, RandomGroup } from "./builder";

const key = (term: readonly string[]) => [...term].sort().join(":");

function withTerms(model: BuilderModel, terms: readonly (readonly string[])[]): BuilderModel {
  const seen = new Set(model.fixed.map(key));
  const fixed = [...model.fixed];
  for (const t of terms) {
    if (t.length === 0 || seen.has(key(t))) continue;
    seen.add(key(t));
    fixed.push(t);
  }
  // R orders terms by degree: main effects first, then two-way interactions, …
  return { ...model, fixed: fixed.map((t, i) => ({ t, i })).sort((a, b) => a.t.length - b.t.length || a.i - b.i).map((x) => x.t) };
}

export function setOutcome(model: BuilderModel, name: string): BuilderModel {
  return { ...model, outcome: name, fixed: model.fixed.filter((t) => !t.includes(name)) };
}

/** Each name as a main effect. */
export function addMainEffects(model: BuilderModel, names: readonly string[]): BuilderModel {
  return withTerms(model, names.filter((n) => n !== model.outcome).map((n) => [n]));
}

/** The interaction of all names, with every lower-order term it implies (a*b*c). */
export function addInteraction(model: BuilderModel, names: readonly string[]): BuilderModel {
  const vars = [...new Set(names)].filter((n) => n !== model.outcome);
  if (vars.length < 2) return addMainEffects(model, vars);
  const subsets: string[][] = [];
  for (let mask = 1; mask < 1 << vars.length; mask++) subsets.push(vars.filter((_, j) => mask & (1 << j)));
  return withTerms(model, subsets);
}

export function removeFixedTerm(model: BuilderModel, index: number): BuilderModel {
  const removed = model.fixed[index];
  const random = model.random.map((g) => ({ ...g, slopes: g.slopes.filter((s) => s !== removed.join(":")) }));
  return { ...model, fixed: model.fixed.filter((_, i) => i !== index), random };
}

/** A random intercept for each name (crossed grouping factors when several). */
export function addGroups(model: BuilderModel, names: readonly string[]): BuilderModel {
  const existing = new Set(model.random.map((g) => g.grouping));
  const added = names.filter((n) => !existing.has(n)).map((n): RandomGroup => ({ grouping: n, intercept: true, slopes: [], correlated: true }));
  return { ...model, random: [...model.random, ...added] };
}

/** One group nested in the order given: `(1 | school/class)`. */
export function addNestedGroup(model: BuilderModel, names: readonly string[]): BuilderModel {
  if (names.length < 2) return addGroups(model, names);
  const grouping = names.join("/");
  if (model.random.some((g) => g.grouping === grouping)) return model;
  return { ...model, random: [...model.random, { grouping, intercept: true, slopes: [], correlated: true }] };
}

export function updateGroup(model: BuilderModel, index: number, change: Partial<RandomGroup>): BuilderModel {
  return { ...model, random: model.random.map((g, i) => (i === index ? { ...g, ...change } : g)) };
}

export function toggleSlope(model: BuilderModel, index: number, term: string, on: boolean): BuilderModel {
  const g = model.random[index];
  const slopes = on ? (g.slopes.includes(term) ? g.slopes : [...g.slopes, term]) : g.slopes.filter((s) => s !== term);
  return updateGroup(model, index, { slopes });
}

export function removeGroup(model: BuilderModel, index: number): BuilderModel {
  return { ...model, random: model.random.filter((_, i) => i !== index) };
}

export function clearOutcome(model: BuilderModel): BuilderModel {
  return { ...model, outcome: null };
}
