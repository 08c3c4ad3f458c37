export { default as LiveRefit } from "./LiveRefit.svelte";
export { default as LiveToggle } from "./LiveToggle.svelte";
