/**
 * The conditional modes of one grouping factor in JSON (tests/fixtures/reference/README.md's
 * `ranef[]`): group, terms, levels, values[term][level], condsd[term][level], a non-finite
 * number as null (JSON has no NaN). One shape for LMM, GLMM and ordinal fits.
 */
import type { RanefBlock } from "./lmm/types";

export interface RanefBlockJson {
  readonly group: string;
  readonly terms: readonly string[];
  readonly levels: readonly string[];
  readonly values: readonly (readonly (number | null)[])[];
  readonly condsd: readonly (readonly (number | null)[])[];
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function ranefBlockJson(b: RanefBlock): RanefBlockJson {
  return { group: b.group, terms: b.terms, levels: b.levels, values: b.values.map((row) => row.map(finite)), condsd: b.condsd.map((row) => row.map(finite)) };
}
