export { default as GuidedFix } from "./GuidedFix.svelte";
