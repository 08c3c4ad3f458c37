/** Which columns of a model are categories (text columns, the user's overrides, grouping factors). */
import { columnsInFormulaText } from "../formula";
import { formulaToBuilder, variablesOf, type BuilderModel } from "../model-spec";
import type { CodeColumn, CodeGenInput } from "./types";

export function builderOf(input: CodeGenInput): BuilderModel | string {
  const parsed = formulaToBuilder(input.spec.formula);
  if (!parsed.ok) return `The formula has a mistake: ${parsed.problem.message}`;
  return parsed.model;
}

/** Columns named in the model (also inside expressions such as log(x) or cbind(a, n - a)), in table order. */
export function modelColumns(input: CodeGenInput, model: BuilderModel): CodeColumn[] {
  const used = new Set(variablesOf(model));
  const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const mentioned = (name: string) => new RegExp(`(^|[^A-Za-z0-9._])${escape(name)}(?![A-Za-z0-9._])`).test(input.spec.formula);
  return input.columns.filter((c) => used.has(c.name) || mentioned(c.name));
}

/** Grouping-factor column names of a builder model. */
export function groupingColumns(model: BuilderModel): Set<string> {
  return new Set(model.random.flatMap((g) => columnsInFormulaText(`~ ${g.grouping}`) ?? g.grouping.split(/[:/]/).map((s) => s.trim())));
}

export function isCategorical(input: CodeGenInput, model: BuilderModel, c: CodeColumn): boolean {
  return c.kind === "categorical" || input.spec.categorical.includes(c.name) || groupingColumns(model).has(c.name);
}

/** The levels in code order, or null where the default sorted order applies. */
export function explicitLevels(c: CodeColumn): readonly string[] | null {
  if (!c.levels) return null;
  const sorted = [...c.levels].sort();
  return sorted.every((l, i) => l === c.levels![i]) ? null : c.levels;
}

