export { default as DataGrid } from "./DataGrid.svelte";
export { columnDefs, typeLabel, cellValue } from "./rows";
export type { GridSelection } from "./selection";
