export { default as ColumnPanel } from "./ColumnPanel.svelte";
export { default as InvalidCells } from "./InvalidCells.svelte";
export { default as ComputedColumn } from "./ComputedColumn.svelte";
