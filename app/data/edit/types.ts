/**
 * Edits of a data table as small, plain, JSON-serialisable operations. The same operation is
 * applied to the renderer's copy of the table (at once, so the grid responds) and sent to the
 * back end's table store (which fits read), so both stay equal; applying one returns its inverse,
 * which is how undo works. Columns are addressed by position, rows by stored index (the grid's
 * sort and filter only change the view).
 */
import type { PlainColumn } from "../plain";

/** A cell as typed: text (parsed by the column's type), or null for missing. */
export type CellInput = string | null;

export interface CellEdit {
  readonly row: number;
  readonly col: number;
  readonly text: CellInput;
}

export type EditOp =
  /** Cell edits and pastes. A categorical column gains any new level at the end. */
  | { readonly kind: "setCells"; readonly cells: readonly CellEdit[] }
  /** `count` rows before row `at`; `cells[col][k]` fills them (all missing when absent). */
  | { readonly kind: "insertRows"; readonly at: number; readonly count: number; readonly cells?: readonly (readonly CellInput[])[] }
  | { readonly kind: "deleteRows"; readonly at: number; readonly count: number }
  /** A new column at position `at`. */
  | { readonly kind: "insertColumn"; readonly at: number; readonly column: PlainColumn }
  | { readonly kind: "deleteColumn"; readonly col: number }
  | { readonly kind: "renameColumn"; readonly col: number; readonly name: string }
  | { readonly kind: "moveColumn"; readonly from: number; readonly to: number }
  /** Number ↔ categorical. Text that is not a number becomes an invalid cell, never missing. */
  | { readonly kind: "setType"; readonly col: number; readonly type: "number" | "categorical" }
  /** New level order (a permutation of the levels in use, possibly with unused ones). */
  | { readonly kind: "setLevels"; readonly col: number; readonly levels: readonly string[] }
  | { readonly kind: "replaceColumn"; readonly col: number; readonly column: PlainColumn }
  /** Several operations as one undo step (e.g. a paste that adds rows). */
  | { readonly kind: "batch"; readonly ops: readonly EditOp[] };

export interface EditResult<T> {
  readonly table: T;
  /** The operation that undoes this one on the resulting table. */
  readonly inverse: EditOp;
}
