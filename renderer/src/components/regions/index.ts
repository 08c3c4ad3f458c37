export { default as DataRegion } from "./DataRegion.svelte";
export { default as ModelRegion } from "./ModelRegion.svelte";
export { default as ResultsRegion } from "./ResultsRegion.svelte";
export { formatNumber } from "./format";
