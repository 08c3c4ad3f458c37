export { default as PosthocPanel } from "./PosthocPanel.svelte";
