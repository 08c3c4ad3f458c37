export { default as ShortcutsSheet } from "./ShortcutsSheet.svelte";
export { default as WhatIsThis } from "./WhatIsThis.svelte";
