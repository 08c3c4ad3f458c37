/**
 * A rectangular selection of cells in display coordinates (ag-grid community has no range
 * selection): an anchor cell (click) and a focus cell (Shift+click or Shift+arrow).
 */
export interface CellPosition {
  /** Display row index (after sort and filter). */
  readonly displayRow: number;
  /** Display column index (after the user reordered columns). */
  readonly displayCol: number;
}

export interface GridSelection {
  readonly anchor: CellPosition;
  readonly focus: CellPosition;
}

export interface SelectionBounds {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

export function bounds(s: GridSelection): SelectionBounds {
  return {
    top: Math.min(s.anchor.displayRow, s.focus.displayRow),
    bottom: Math.max(s.anchor.displayRow, s.focus.displayRow),
    left: Math.min(s.anchor.displayCol, s.focus.displayCol),
    right: Math.max(s.anchor.displayCol, s.focus.displayCol),
  };
}
