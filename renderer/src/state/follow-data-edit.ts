/**
 * A model after an edit of the data (issue 15: models follow their columns).
 *
 * - A renamed column (found by its id, so an undo or redo of a rename comes here too) is renamed
 *   everywhere the model names it: its formula and options, the post-hoc requests and their
 *   results, the guided-fix step, and the last fit (its spec and the names in its results).
 * - A fit stays valid across the edit when every column it reads holds the same values, type and
 *   level order as before (a rename, a move, an edit of another column): its basis moves to the
 *   new data version. A fit that reads a changed column (a cell edit, a type change, a new level
 *   order, rows added or removed) keeps the old version, so it shows as out of date.
 */
import type { DataTable, TableChange } from "../../../app/data";
import { columnsInFormulaText, renameColumnInText } from "../../../app/formula";
import type { ModelSpec } from "../../../app/model-spec";
import { formulaToBuilder, renameColumnInEmmeans, renameColumnInFit, renameColumnInPosthoc, renameColumnInSpec } from "../../../app/model-spec";
import type { ModelEntry } from "./models.svelte";

/** One edit (or undo or redo) of the table `tableId`, from data version `fromVersion` to `toVersion`. */
export interface DataEdit {
  readonly tableId: string;
  readonly before: DataTable;
  readonly after: DataTable;
  readonly fromVersion: number;
  readonly toVersion: number;
}

/** The model with the edit's renames applied and, if its fit reads no changed column, its fit moved to the new version. */
export function followDataEdit(entry: ModelEntry, edit: DataEdit, change: TableChange): ModelEntry {
  let m = entry;
  for (const [from, to] of simultaneous(change.renamed)) m = renameColumnInEntry(m, from, to);
  const basis = m.basis;
  if (!basis || basis.tableId !== edit.tableId || basis.version !== edit.fromVersion) return m;
  const used = columnsUsedBy(basis.spec);
  if (used === null || !used.every((name) => change.unchanged(name))) return m;
  return { ...m, basis: { ...basis, version: edit.toVersion } };
}

/** The columns a spec reads (formula and residual structure); null when its formula does not parse. */
export function columnsUsedBy(spec: ModelSpec): string[] | null {
  const columns = columnsInFormulaText(spec.formula);
  if (columns === null) return null;
  const r = spec.residual;
  for (const name of [r?.time, r?.group, r?.varianceBy]) if (name !== undefined && !columns.includes(name)) columns.push(name);
  return columns;
}

/**
 * Renames to apply one after another with the same effect as all at once: when one edit renames
 * several columns (two names swapped, say), each goes through a name no column has.
 */
function simultaneous(renamed: readonly (readonly [string, string])[]): (readonly [string, string])[] {
  if (renamed.length <= 1) return [...renamed];
  const temp = (i: number) => `\u0001mixwell rename ${i}`;
  return [...renamed.map(([from], i) => [from, temp(i)] as const), ...renamed.map(([, to], i) => [temp(i), to] as const)];
}

/** The model with column `from` called `to` wherever it names it; the same object when it does not. */
export function renameColumnInEntry(m: ModelEntry, from: string, to: string): ModelEntry {
  const spec = renameColumnInSpec(m.spec, from, to);
  const formulaText = renameColumnInText(m.formulaText, from, to);
  const posthoc = m.posthoc?.map((a) => {
    const request = renameColumnInPosthoc(a.request, from, to);
    if (request === a.request) return a;
    return { request, result: a.result && renameColumnInEmmeans(a.result, from, to) };
  });
  const posthocChanged = posthoc?.some((a, i) => a !== m.posthoc![i]) ?? false;
  const basisSpec = m.basis ? renameColumnInSpec(m.basis.spec, from, to) : null;
  const result = m.result ? renameColumnInFit(m.result, from, to) : null;
  const step = m.guidedStep;
  const guidedStep = step && { ...step, fromFormula: renameColumnInText(step.fromFormula, from, to), formula: renameColumnInText(step.formula, from, to) };
  const stepChanged = !!step && (guidedStep!.formula !== step.formula || guidedStep!.fromFormula !== step.fromFormula);
  const unchanged = spec === m.spec && formulaText === m.formulaText && !posthocChanged && basisSpec === (m.basis?.spec ?? null) && result === m.result && !stepChanged;
  if (unchanged) return m;
  const parsed = formulaText.trim() ? formulaToBuilder(formulaText) : null;
  return {
    ...m,
    spec: { ...spec, formula: formulaText },
    formulaText,
    builder: parsed?.ok ? parsed.model : m.builder,
    problem: parsed && !parsed.ok ? parsed.problem : null,
    result,
    basis: m.basis && basisSpec ? { ...m.basis, spec: basisSpec } : m.basis,
    ...(posthoc ? { posthoc } : {}),
    ...(stepChanged ? { guidedStep } : {}),
  };
}
