/**
 * A rectangular selection of cells (ag-grid community has no range selection): an anchor cell
 * (click) and a focus cell (Shift+click or Shift+arrow). Rows are display rows (after sort and
 * filter); columns are grid column ids, so a selection stays on its columns when they move, and
 * its rectangle is taken in the current display order of the columns.
 */
export interface CellPosition {
  /** Display row index (after sort and filter). */
  readonly displayRow: number;
  /** The grid's column id (rows.ts gridColumnId). */
  readonly colId: string;
}

export interface GridSelection {
  readonly anchor: CellPosition;
  readonly focus: CellPosition;
}

export interface SelectionBounds {
  readonly top: number;
  readonly bottom: number;
  /** Display column indices. */
  readonly left: number;
  readonly right: number;
}

/**
 * The selection's rectangle, with columns at their display positions (`displayOrder`: column ids
 * as displayed); null when a selected column is no longer shown (deleted).
 */
export function bounds(s: GridSelection, displayOrder: readonly string[]): SelectionBounds | null {
  const a = displayOrder.indexOf(s.anchor.colId);
  const f = displayOrder.indexOf(s.focus.colId);
  if (a < 0 || f < 0) return null;
  return {
    top: Math.min(s.anchor.displayRow, s.focus.displayRow),
    bottom: Math.max(s.anchor.displayRow, s.focus.displayRow),
    left: Math.min(a, f),
    right: Math.max(a, f),
  };
}
