/**
 * A stored post-hoc analysis computed again on the project's data (the CLI report, where there is
 * no worker): runEmmeans, the path the app's worker uses (main/workers/jobs/emmeans.ts), and the
 * same plain EmmeansView it returns, without the contrast matrices.
 */
import type { EmmeansView } from "../api/contract-analysis";
import type { DataTable } from "../data/column";
import { runEmmeans, type EmmeansResult } from "../emmeans";
import { fitOptionsOf, type ModelSpec } from "../model-spec";
import type { PosthocSpec } from "./schema";

/** The means and comparisons as the API returns them (the UI's EmmeansView). */
export function emmeansViewOf(result: EmmeansResult): EmmeansView {
  const { L: _L, ...means } = result.means;
  const p = result.pairs;
  return { means, pairs: p ? { adjust: p.adjust, level: p.level, note: p.note, rows: p.rows } : null };
}

export function computePosthoc(table: DataTable, spec: ModelSpec, request: PosthocSpec): EmmeansView {
  const by = request.by.length ? request.by : undefined;
  const result = runEmmeans(table, fitOptionsOf(spec), { specs: request.specs, by, adjust: request.adjust, ...(request.df ? { df: request.df } : {}) });
  return emmeansViewOf(result);
}
