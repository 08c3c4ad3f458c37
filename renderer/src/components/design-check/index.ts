export { default as DesignCheck } from "./DesignCheck.svelte";
