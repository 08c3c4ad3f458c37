import type { ModelSpec } from "../model-spec";

/** A column of the saved CSV as the model sees it. */
export interface CodeColumn {
  readonly name: string;
  readonly kind: "number" | "categorical";
  /** Level order of a categorical column, when it matters (first level = baseline). */
  readonly levels?: readonly string[];
}

export interface CodeGenInput {
  readonly spec: ModelSpec;
  /** The CSV file the code reads (the imported or exported data). */
  readonly fileName: string;
  readonly columns: readonly CodeColumn[];
}

export type GeneratedCode = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly reason: string };
