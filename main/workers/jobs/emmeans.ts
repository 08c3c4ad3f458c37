/**
 * Post-hoc analysis in a worker: refit the model (runEmmeans, the one fit path, without the
 * per-coefficient inference step) and return its estimated marginal means and pairwise
 * comparisons as plain objects (the contrast matrices stay here), or simple slopes of a numeric
 * predictor, and with `by` the simple-effect F tests. The df method is the request's, else the
 * model's own.
 */
import type { DataTable } from "../../../app/data";
import type { FitSpec } from "../../../app/engine/run-fit";
import { runEmmeans, runOrdinalPosthoc, type Adjustment, type DfMethod } from "../../../app/emmeans";
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
  /** LMMs: equivalent df of σ for the effect sizes; absent: df.residual(m). */
  readonly edf?: number;
}

export function emmeansJob(input: EmmeansJobInput, context: JobContext): EmmeansView {
  context.progress(null, "Refitting the model for marginal means…");
  const by = input.by && input.by.length ? input.by : undefined;
  // Ordinal models: category probabilities and the mean class (emmeans' mode = "prob" / "mean.class").
  if (input.spec.family === "ordinal") return { ...runOrdinalPosthoc(input.table, input.spec, { specs: input.specs, by }), pairs: null };
  const result = runEmmeans(input.table, input.spec, {
    specs: input.specs,
    by,
    adjust: input.adjust,
    jointTests: by !== undefined,
    ...(input.df ? { df: input.df } : {}),
    ...(input.trendOf ? { trendOf: input.trendOf } : {}),
    ...(input.edf !== undefined ? { edf: input.edf } : {}),
  });
  const { L: _L, ...means } = result.means;
  const p = result.pairs;
  const pairs = p ? { adjust: p.adjust, level: p.level, note: p.note, rows: p.rows, ...(p.effectSizes ? { effectSizes: p.effectSizes } : {}) } : null;
  return { means, pairs, ...(result.tests ? { tests: result.tests } : {}) };
}
