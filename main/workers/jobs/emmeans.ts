/**
 * Post-hoc analysis in a worker: refit the model (runEmmeans, the one fit path, without the
 * per-coefficient inference step) and return its estimated marginal means and pairwise
 * comparisons as plain objects (the contrast matrices stay here), or simple slopes of a numeric
 * predictor, and with `by` the simple-effect F tests. The df method is the request's, else the
 * model's own.
 */
import type { DataTable } from "../../../app/data";
import type { FitSpec } from "../../../app/engine/run-fit";
import { runEmmeans, type Adjustment, type DfMethod } from "../../../app/emmeans";
import type { EmmeansView } from "../../../app/api/contract-analysis";
import type { JobContext } from "../job-context";

export interface EmmeansJobInput {
  readonly table: DataTable;
  readonly spec: FitSpec;
  readonly specs: readonly string[];
  readonly by?: readonly string[];
  readonly adjust: Adjustment;
  /** Absent: the model's own df method (Kenward–Roger when the spec says so). */
  readonly df?: DfMethod;
  /** Simple slopes of this numeric predictor per level of `specs` instead of means. */
  readonly trendOf?: string;
}

export function emmeansJob(input: EmmeansJobInput, context: JobContext): EmmeansView {
  context.progress(null, "Refitting the model for marginal means…");
  const by = input.by && input.by.length ? input.by : undefined;
  const result = runEmmeans(input.table, input.spec, {
    specs: input.specs,
    by,
    adjust: input.adjust,
    jointTests: by !== undefined,
    ...(input.df ? { df: input.df } : {}),
    ...(input.trendOf ? { trendOf: input.trendOf } : {}),
  });
  const { L: _L, ...means } = result.means;
  const pairs = result.pairs ? { adjust: result.pairs.adjust, level: result.pairs.level, note: result.pairs.note, rows: result.pairs.rows } : null;
  return { means, pairs, ...(result.tests ? { tests: result.tests } : {}) };
}
