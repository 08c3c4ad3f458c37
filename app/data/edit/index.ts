export { applyEdit, checkNewName } from "./apply";
export { convertColumn, relevel } from "./column-edits";
export type { CellEdit, CellInput, EditOp, EditResult } from "./types";
export { UndoHistory } from "./history";
export { sameColumnContent, tableChange } from "./table-change";
export type { TableChange } from "./table-change";
