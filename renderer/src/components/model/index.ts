export { default as ModelBuilder } from "./ModelBuilder.svelte";
export { default as FormulaBox } from "./FormulaBox.svelte";
export { default as ModelOptions } from "./ModelOptions.svelte";
export { default as ModelList } from "./ModelList.svelte";
export { default as SuggestedModel } from "./SuggestedModel.svelte";
