export { default as MenuBar } from "./MenuBar.svelte";
export { mnemonicOf, type MenuDefinition, type MenuItemDefinition } from "./types";
