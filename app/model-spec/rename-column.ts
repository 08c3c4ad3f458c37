/**
 * A column renamed in a model: its formula (quoted as R needs), the columns treated as
 * categories, the residual structure's columns and the post-hoc requests. The data store finds
 * renames by the columns' stable ids (app/data/column-ids.ts), so an undo or redo of a rename
 * passes through here the same way.
 */
import { columnsInFormulaText, renameColumnInText } from "../formula";
import type { PosthocSpec } from "../project/schema";
import type { ModelSpec } from "./types";

const renamed = (name: string, from: string, to: string) => (name === from ? to : name);

/** The spec with column `from` called `to`; the same object when the spec does not use it. */
export function renameColumnInSpec(spec: ModelSpec, from: string, to: string): ModelSpec {
  const formula = renameColumnInText(spec.formula, from, to);
  const categorical = spec.categorical.map((n) => renamed(n, from, to));
  const r = spec.residual;
  const residual = r && {
    ...r,
    ...(r.time !== undefined ? { time: renamed(r.time, from, to) } : {}),
    ...(r.group !== undefined ? { group: renamed(r.group, from, to) } : {}),
    ...(r.varianceBy !== undefined ? { varianceBy: renamed(r.varianceBy, from, to) } : {}),
  };
  const changed =
    formula !== spec.formula ||
    categorical.some((n, i) => n !== spec.categorical[i]) ||
    (r !== undefined && (r.time === from || r.group === from || r.varianceBy === from));
  if (!changed) return spec;
  return { ...spec, formula, categorical, ...(residual ? { residual } : {}) };
}

/**
 * The post-hoc request with column `from` called `to`, or the same object when it does not name it.
 * Its factors are named as the fit names its variables (`attitude`, `` `gen der` ``, `log(x)`).
 */
export function renameColumnInPosthoc(request: PosthocSpec, from: string, to: string): PosthocSpec {
  const name = (text: string) => renameColumnInText(text, from, to);
  const specs = request.specs.map(name);
  const by = request.by.map(name);
  const trendOf = request.trendOf !== undefined ? name(request.trendOf) : undefined;
  const changed = specs.some((n, i) => n !== request.specs[i]) || by.some((n, i) => n !== request.by[i]) || trendOf !== request.trendOf;
  return changed ? { ...request, specs, by, ...(trendOf !== undefined ? { trendOf } : {}) } : request;
}

/** True when the spec's formula or residual structure names the column. */
export function modelUsesColumn(spec: ModelSpec, name: string): boolean {
  const r = spec.residual;
  return (columnsInFormulaText(spec.formula) ?? []).includes(name) || (r !== undefined && (r.time === name || r.group === name || r.varianceBy === name));
}
