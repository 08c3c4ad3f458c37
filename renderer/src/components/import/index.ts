export { default as ImportDialog } from "./ImportDialog.svelte";
export { default as SampleDialog } from "./SampleDialog.svelte";
export { default as ImportQuestionDialog } from "./ImportQuestionDialog.svelte";
