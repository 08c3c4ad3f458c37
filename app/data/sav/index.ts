export { readSav } from "./read-sav";
export type { SavImport } from "./read-sav";
