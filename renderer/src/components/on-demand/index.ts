export { default as OnDemandPanel } from "./OnDemandPanel.svelte";
