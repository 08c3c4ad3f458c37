export type { Column, NumericColumn, CategoricalColumn, DataTable } from "./column";
export { findColumn } from "./column";
export * from "./csv";
export { cellText, invalidRows, isTypedMissing, parseTypedNumber } from "./cells";
export { toPlainColumn, fromPlainColumn, toPlainTable, fromPlainTable } from "./plain";
export type { PlainColumn, PlainTable, DataSnapshot } from "./plain";
export * from "./edit";
export { parseClipboard, formatClipboard, copyBlock, pasteOp } from "./clipboard";
export type { PasteResult } from "./clipboard";
