/**
 * Migrations of older project files, one step per version: `steps[v]` turns a version-v document
 * into a version-(v + 1) one. A file is migrated step by step up to PROJECT_VERSION and then
 * validated in full, so each step only reshapes and never needs to check.
 *
 * Version 1 — the first project format (Mixwell 0.1 previews): one table under `table` (with
 * `fileName` and the missing codes as `na`) and at most one model under `model`, whose last
 * results were the bare fitToJson object; no view state.
 * Version 2 — several models with ids, names and a dated result (plus plot diagnostics), the data
 * under `data` with `sourceName` and `missingCodes`, and the view state.
 */
import { isRecord, ProjectFileError } from "./check";
import { PROJECT_VERSION } from "./schema";

type Doc = Record<string, unknown>;

const steps: Readonly<Record<number, (doc: Doc) => Doc>> = {
  1: fromVersion1,
};

/** Bring a document of version `version` (≤ PROJECT_VERSION) to PROJECT_VERSION. */
export function migrateProject(doc: Doc, version: number): Doc {
  let current = doc;
  for (let v = version; v < PROJECT_VERSION; v++) {
    const step = steps[v];
    if (!step) throw new ProjectFileError(`Project files of format version ${v} can no longer be opened by this Mixwell.`);
    current = step(current);
  }
  return current;
}

function fromVersion1(doc: Doc): Doc {
  const { table, model, ...rest } = doc;
  const models = isRecord(model) ? [modelFromVersion1(model, doc.savedAt)] : [];
  return {
    ...rest,
    version: 2,
    data: isRecord(table) ? dataFromVersion1(table) : (table ?? null),
    models,
    view: { activeModelId: models.length ? "m1" : null, settings: {} },
  };
}

function dataFromVersion1(table: Doc): Doc {
  const { fileName, na, ...rest } = table;
  return { ...rest, sourceName: fileName, missingCodes: na ?? ["NA", ""] };
}

function modelFromVersion1(model: Doc, savedAt: unknown): Doc {
  const { result, ...spec } = model;
  return {
    id: "m1",
    name: "Model 1",
    spec,
    result: isRecord(result) ? { fittedAt: typeof savedAt === "string" ? savedAt : "", fit: result } : null,
  };
}
