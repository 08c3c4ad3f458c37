/**
 * What an edit did to a table, as the models need to know it (issue 15): which columns were
 * renamed, and whether a column's values are still the ones a fit read. Columns are matched by
 * their UI ids (column-ids.ts), so a rename, a move or an undo is seen as the same column.
 *
 * A rename or a move changes no data, so a fit that reads only untouched columns stays valid; a
 * cell edit, a type change, a new level order or a replaced column changes the column (unless it
 * writes the same values back); adding or removing rows changes every column (a fit reads whole
 * columns).
 */
import type { Column, DataTable } from "../column";

export interface TableChange {
  /** [old name, new name] of each column (matched by id) whose name the edit changed. */
  readonly renamed: readonly (readonly [string, string])[];
  /** True when column `name` (as named after the edit) holds the same values, type and level order as before it. */
  unchanged(name: string): boolean;
}

/** How `after` differs from `before` (the table before and after one edit, undo or redo). */
export function tableChange(before: DataTable, after: DataTable): TableChange {
  const old = new Map<string, Column>();
  for (const c of before.columns) if (c.id !== undefined) old.set(c.id, c);
  const renamed: [string, string][] = [];
  for (const c of after.columns) {
    const was = c.id !== undefined ? old.get(c.id) : undefined;
    if (was && was.name !== c.name) renamed.push([was.name, c.name]);
  }
  const known = new Map<string, boolean>();
  return {
    renamed,
    unchanged(name) {
      // Several models may read one column: compare it once.
      let same = known.get(name);
      if (same === undefined) {
        const now = after.columns.find((c) => c.name === name);
        const was = now?.id !== undefined ? old.get(now.id) : before.columns.find((c) => c === now);
        same = before.nrow === after.nrow && now !== undefined && was !== undefined && sameColumnContent(was, now);
        known.set(name, same);
      }
      return same;
    },
  };
}

/**
 * True when two columns hold the same values, type and level order (missing and invalid cells
 * included). Arrays an edit left alone are the same objects, which is checked first; an undo
 * writes new arrays, which are compared value by value.
 */
export function sameColumnContent(a: Column, b: Column): boolean {
  if (a === b) return true;
  if (a.kind === "number" && b.kind === "number") return sameNumbers(a.values, b.values) && sameInvalid(a.invalid, b.invalid);
  if (a.kind === "categorical" && b.kind === "categorical") {
    return a.levels.length === b.levels.length && a.levels.every((l, i) => l === b.levels[i]) && sameCodes(a.codes, b.codes);
  }
  return false;
}

function sameNumbers(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

function sameCodes(a: Int32Array, b: Int32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameInvalid(a: Readonly<Record<number, string>> | undefined, b: Readonly<Record<number, string>> | undefined): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  const kb = Object.keys(b ?? {});
  return ka.length === kb.length && ka.every((k) => (a ?? {})[Number(k)] === (b ?? {})[Number(k)]);
}
