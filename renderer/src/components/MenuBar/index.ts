export { default as MenuBar } from "./MenuBar.svelte";
export type { MenuDefinition, MenuItemDefinition } from "./types";
