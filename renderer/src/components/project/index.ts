export { default as ProjectDialogs } from "./ProjectDialogs.svelte";
