/**
 * Between the app's stores and a project file: collect the data store's and model list's
 * snapshots into the project's content, and restore a project into them. Also a cheap signature
 * of what a project holds, to tell whether there are unsaved changes.
 */
import type { Project, ProjectContent } from "../../../app/project/schema";
import type { FitView, ModelSpec } from "../../../app/model-spec";
import { dataStore } from "./data-table.svelte";
import { models } from "./models.svelte";

function dataRef(): { tableId: string; version: number } | null {
  const tableId = dataStore.tableId;
  return tableId ? { tableId, version: dataStore.version } : null;
}

export function currentContent(settings: ProjectContent["view"]["settings"] = {}): ProjectContent {
  return { ...contentWithoutData(settings), data: dataStore.snapshot() };
}

/** The models and view without the data (data: null): for a request that names the stored table instead. */
export function contentWithoutData(settings: ProjectContent["view"]["settings"] = {}): ProjectContent {
  const snapshot = models.snapshot(dataRef());
  return { data: null, models: snapshot.models, view: { selectedModel: snapshot.selected, settings } };
}

/** Load a project into the stores: the data first (stored in the back end), then the models. */
export async function restoreContent(project: Project): Promise<void> {
  if (project.data) await dataStore.restore(project.data);
  else dataStore.clear();
  models.restore({ models: project.models, selected: project.view.selectedModel }, dataRef());
}

/** What changes when the user changes the project (not when a fit is merely in progress). */
export interface Signature {
  readonly table: unknown;
  readonly specs: string;
  readonly results: readonly (FitView | null)[];
  /** The post-hoc analyses asked for, the guided-fix steps, whether an optimiser check was run and which inference (all are saved). */
  readonly analyses: string;
}

export function currentSignature(): Signature {
  const list = models.list;
  return {
    table: dataStore.table,
    specs: JSON.stringify(list.map((m): ModelSpec => m.spec)),
    results: list.map((m) => m.result),
    analyses: JSON.stringify(list.map((m) => [m.guidedStep ?? null, (m.posthoc ?? []).map((a) => a.request), m.optimizerCheck ? 1 : 0, Object.keys(m.inference ?? {})])),
  };
}

export function sameSignature(a: Signature, b: Signature): boolean {
  return (
    a.table === b.table &&
    a.specs === b.specs &&
    a.analyses === b.analyses &&
    a.results.length === b.results.length &&
    a.results.every((r, i) => r === b.results[i])
  );
}
