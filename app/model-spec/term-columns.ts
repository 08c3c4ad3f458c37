/**
 * What each fixed-effect column codes, read from the model frame's term metadata (R's terms
 * "factors" attribute and the variables): for a column such as "attitudepol:age", the factor level
 * against its baseline and the number it is multiplied by. The columns of a term are enumerated
 * as model.matrix makes them (design.ts: the first variable varies fastest, contrasts.ts: the
 * columns' names), and matched to the design's names by name, so columns dropped for rank
 * deficiency are left out. Plain data (TermInfoView) for the FitView; the readable names
 * themselves are app/report/term-labels.ts.
 */
import type { FixedDesign, FrameVariable } from "../engine/model-frame";
import { polyColumnNames } from "../engine/model-frame";
import type { TermColumnView, TermInfoView, TermPartView } from "./fit-view";

interface NamedPart {
  readonly name: string;
  readonly part: TermPartView;
}

/** The meaning of every column of `fixed`, or undefined when the design carries no term metadata. */
export function termInfoOf(fixed: FixedDesign): TermInfoView | undefined {
  if (!fixed.terms || !fixed.variables) return undefined;
  const variables = fixed.variables;
  const built = new Map<string, TermColumnView>();
  if (fixed.hasIntercept) built.set("(Intercept)", { name: "(Intercept)", term: "(Intercept)", parts: [] });
  for (const term of fixed.terms) {
    const parts = term.variables.map((v) => {
      const variable = variables[v.name];
      return variable ? variableParts(variable, v.coding, fixed.contrasts) : [];
    });
    for (const combination of interactions(parts)) {
      const name = combination.map((c) => c.name).join(":");
      built.set(name, { name, term: term.label, parts: combination.map((c) => c.part) });
    }
  }
  const columns = fixed.names.map((name) => built.get(name) ?? { name, term: name, parts: [] });
  const factors: Record<string, readonly string[]> = {};
  for (const variable of Object.values(variables)) if (variable.kind === "factor") factors[variable.name] = [...variable.levels];
  return { columns, factors };
}

/** `{ termInfo }` for spreading into a FitView, or nothing when the design has no term metadata. */
export function termInfoField(fixed: FixedDesign): { termInfo?: TermInfoView } {
  const termInfo = termInfoOf(fixed);
  return termInfo ? { termInfo } : {};
}

/** A variable's columns within one term, as contrasts.ts and poly.ts name them. */
function variableParts(variable: FrameVariable, coding: "contrast" | "indicator" | "numeric", contrasts: "treatment" | "sum"): NamedPart[] {
  if (variable.kind === "numeric") return [{ name: variable.name, part: { kind: "numeric", variable: variable.name } }];
  if (variable.kind === "poly") {
    const { degree, raw } = variable.basis;
    return polyColumnNames(variable.name, degree).map((name, j) => ({
      name,
      part: { kind: "poly", variable: variable.name, source: variable.source, power: j + 1, degree, raw },
    }));
  }
  const { levels } = variable;
  const v = variable.name;
  if (coding === "indicator") return levels.map((level) => ({ name: v + level, part: { kind: "indicator", variable: v, level } }));
  if (contrasts === "sum") {
    const omitted = levels[levels.length - 1];
    return levels.slice(0, -1).map((level, j) => ({ name: `${v}${j + 1}`, part: { kind: "sum", variable: v, level, omitted } }));
  }
  return levels.slice(1).map((level) => ({ name: v + level, part: { kind: "treatment", variable: v, level, baseline: levels[0] } }));
}

/** Every combination of one column per variable, the first variable varying fastest (R's model.matrix). */
function interactions(parts: readonly NamedPart[][]): NamedPart[][] {
  let result: NamedPart[][] = [[]];
  for (const options of parts) {
    const next: NamedPart[][] = [];
    for (const option of options) for (const prefix of result) next.push([...prefix, option]);
    result = next;
  }
  return result;
}
