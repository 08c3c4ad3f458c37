export { default as Workbench } from "./Workbench.svelte";
export { REGIONS, type RegionName } from "./regions";
