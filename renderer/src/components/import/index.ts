export { default as ImportDialog } from "./ImportDialog.svelte";
export { default as SampleDialog } from "./SampleDialog.svelte";
