/** The window's three regions, their names and the keys that move focus to them. */
export type RegionName = "data" | "model" | "results";

export const REGIONS: Readonly<Record<RegionName, { readonly label: string; readonly keys: string }>> = {
  data: { label: "Data", keys: "Ctrl+1" },
  model: { label: "Model", keys: "Ctrl+2" },
  results: { label: "Results", keys: "Ctrl+3" },
};
