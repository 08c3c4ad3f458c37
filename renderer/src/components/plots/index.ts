export { default as PlotPanel } from "./PlotPanel.svelte";
