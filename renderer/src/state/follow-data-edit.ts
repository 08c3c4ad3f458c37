/**
 * A model after an edit of the data (issue 15: models follow their columns).
 *
 * - A renamed column (found by its id, so an undo or redo of a rename comes here too) is renamed
 *   everywhere the model names it: its formula and options, the post-hoc requests and their
 *   results, the guided-fix step, and the last fit (its spec and the names in its results).
 * - A fit stays valid across the edit when every column it reads holds the same values, type and
 *   level order as before (a rename, a move, an edit of another column): its basis moves to the
 *   new data version. A fit that reads a changed column (a cell edit, a type change, a new level
 *   order, rows added or removed) keeps the old version, so it shows as out of date; it keeps the
 *   columns it read, and an edit (an undo, say) that brings back those very values makes it current
 *   again.
 */
import type { Column, DataTable, TableChange } from "../../../app/data";
import { sameColumnContent } from "../../../app/data";
import { columnsInFormulaText, renameColumnInText } from "../../../app/formula";
import type { ModelSpec } from "../../../app/model-spec";
import { formulaToBuilder, renameColumnInEmmeans, renameColumnInFit, renameColumnInInference, renameColumnInPosthoc, renameColumnInSpec } from "../../../app/model-spec";
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
  if (!basis || basis.tableId !== edit.tableId) return m;
  const used = columnsUsedBy(basis.spec);
  if (used === null) return m;
  const { read: _read, ...fitted } = basis;
  const current = { ...m, basis: { ...fitted, version: edit.toVersion } };
  if (basis.version === edit.fromVersion) {
    if (used.every((name) => change.unchanged(name))) return current;
    // Out of date from now on: keep the columns the fit read, so that an undo that brings them back makes it current again.
    const read = columnsRead(used, edit);
    return read ? { ...m, basis: { ...basis, read } } : m;
  }
  return basis.read && readAgain(basis.read, used, edit.after) ? current : m;
}

/** The columns (by id, as before the edit) behind the names a fit reads, or null when one has no id. */
function columnsRead(used: readonly string[], edit: DataEdit): ReadonlyMap<string, Column> | null {
  const before = new Map(edit.before.columns.map((c) => [c.id, c]));
  const read = new Map<string, Column>();
  for (const name of used) {
    const id = (edit.after.columns.find((c) => c.name === name) ?? edit.before.columns.find((c) => c.name === name))?.id;
    const column = id !== undefined ? before.get(id) : undefined;
    if (id === undefined || !column) return null;
    read.set(id, column);
  }
  return read;
}

/** True when the table has, under each name the fit reads, the very column it read (same id and contents). */
function readAgain(read: ReadonlyMap<string, Column>, used: readonly string[], table: DataTable): boolean {
  return used.every((name) => {
    const now = table.columns.find((c) => c.name === name);
    const was = now?.id !== undefined ? read.get(now.id) : undefined;
    return was !== undefined && now !== undefined && sameColumnContent(was, now);
  });
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
  // Results name the column when the fit used it, even where the request does not (a covariate held at its mean).
  const fitUses = m.basis !== null && (columnsUsedBy(m.basis.spec) ?? []).includes(from);
  const posthoc = m.posthoc?.map((a) => {
    const request = renameColumnInPosthoc(a.request, from, to);
    const result = a.result && fitUses ? renameColumnInEmmeans(a.result, from, to) : a.result;
    return request === a.request && result === a.result ? a : { request, result };
  });
  const posthocChanged = posthoc?.some((a, i) => a !== m.posthoc![i]) ?? false;
  const basisSpec = m.basis ? renameColumnInSpec(m.basis.spec, from, to) : null;
  const result = m.result ? renameColumnInFit(m.result, from, to) : null;
  const inference = m.inference && m.basis ? renameColumnInInference(m.inference, m.basis.spec.formula, from, to) : m.inference;
  const step = m.guidedStep;
  const guidedStep = step && { ...step, fromFormula: renameColumnInText(step.fromFormula, from, to), formula: renameColumnInText(step.formula, from, to) };
  const stepChanged = !!step && (guidedStep!.formula !== step.formula || guidedStep!.fromFormula !== step.fromFormula);
  const unchanged = spec === m.spec && formulaText === m.formulaText && !posthocChanged && basisSpec === (m.basis?.spec ?? null) && result === m.result && inference === m.inference && !stepChanged;
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
    ...(inference !== m.inference ? { inference } : {}),
  };
}
