export type { Column, NumericColumn, CategoricalColumn, DataTable } from "./column";
export { findColumn } from "./column";
export * from "./csv";
