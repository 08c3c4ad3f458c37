export { default as DataGrid } from "./DataGrid.svelte";
export { columnDefs, gridRows, typeLabel } from "./rows";
