/**
 * A stored post-hoc analysis computed again on the project's data (the CLI report, where there is
 * no worker): runEmmeans, the path the app's worker uses (main/workers/jobs/emmeans.ts), and the
 * same plain EmmeansView it returns, without the contrast matrices.
 */
import type { EmmeansView } from "../api/contract-analysis";
import type { DataTable } from "../data/column";
import { runEmmeans, runOrdinalPosthoc, type EmmeansResult } from "../emmeans";
import { fitOptionsOf, type ModelSpec } from "../model-spec";
import { MixwellError } from "../errors";
import { tableFromProjectData } from "./convert";
import type { PosthocSpec, Project, ProjectModel } from "./schema";

/** The means and comparisons as the API returns them (the UI's EmmeansView). */
export function emmeansViewOf(result: EmmeansResult): EmmeansView {
  const { L: _L, ...means } = result.means;
  const p = result.pairs;
  const pairs = p ? { adjust: p.adjust, level: p.level, note: p.note, rows: p.rows, ...(p.effectSizes ? { effectSizes: p.effectSizes } : {}) } : null;
  return { means, pairs, ...(result.tests ? { tests: result.tests } : {}) };
}

/** As the worker's emmeans job: with `by`, also the simple-effect F tests. */
export function computePosthoc(table: DataTable, spec: ModelSpec, request: PosthocSpec): EmmeansView {
  const by = request.by.length ? request.by : undefined;
  // Ordinal models: category probabilities and the mean class, as the worker's emmeans job.
  if (spec.family === "ordinal") return { ...runOrdinalPosthoc(table, fitOptionsOf(spec), { specs: request.specs, by }), pairs: null };
  const result = runEmmeans(table, fitOptionsOf(spec), {
    specs: request.specs,
    by,
    adjust: request.adjust,
    jointTests: by !== undefined,
    ...(request.df ? { df: request.df } : {}),
    ...(request.trendOf ? { trendOf: request.trendOf } : {}),
  });
  return emmeansViewOf(result);
}

/**
 * The project with the post-hoc results it lacks computed on its data (requests kept after a refit),
 * for fits made on the data as saved; one that cannot be computed stays without results.
 */
export function completePosthoc(project: Project): Project {
  const missing = (m: ProjectModel) => m.result?.current === true && (m.posthoc ?? []).some((a) => a.result === null);
  if (!project.data || !project.models.some(missing)) return project;
  const table = tableFromProjectData(project.data);
  const models = project.models.map((m): ProjectModel => {
    if (!missing(m)) return m;
    const spec = m.result!.fittedSpec;
    return { ...m, posthoc: m.posthoc!.map((a) => (a.result ? a : { ...a, result: computedOrNull(table, spec, a.request) })) };
  });
  return { ...project, models };
}

function computedOrNull(table: DataTable, spec: ModelSpec, request: PosthocSpec): EmmeansView | null {
  try {
    return computePosthoc(table, spec, request);
  } catch (err) {
    if (err instanceof MixwellError) return null;
    throw err;
  }
}
