export { default as FitSummary } from "./FitSummary.svelte";
export { default as Descriptives } from "./Descriptives.svelte";
export { default as DataTableView } from "./DataTableView.svelte";
export { default as ComparisonPanel } from "./ComparisonPanel.svelte";
export { default as CodeView } from "./CodeView.svelte";
