/**
 * Migrations of older project files, one step per version: `steps[v]` turns a version-v document
 * into a version-(v + 1) one. A file is migrated step by step up to PROJECT_VERSION and then
 * validated in full, so each step only reshapes and never needs to check.
 *
 * Version 1 — the first project format (Mixwell 0.1 previews): the table under `table` (the wire
 * form: nrow and columns, with `fileName` and the missing codes as `na`) and at most one model
 * specification under `model` (formula, family, method, link, contrasts, categorical; no name and
 * no results); no view state.
 * Version 2 — the data store's snapshot under `data` (fileName, missingCodes, table), a list of
 * models (named ModelSpec and last results), and the view state.
 * Version 3 — each model may also keep the guided-fix step that made it (`guidedStep`), the
 * post-hoc analyses run on it (`posthoc`: request and results) and an optimiser comparison
 * (`optimizerCheck`). A version 2 model had none of these: it migrates with no step and no analyses.
 */
import { isRecord, ProjectFileError } from "./check";
import { PROJECT_VERSION } from "./schema";

type Doc = Record<string, unknown>;

const steps: Readonly<Record<number, (doc: Doc) => Doc>> = {
  1: fromVersion1,
  2: fromVersion2,
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
  return {
    ...rest,
    version: 2,
    data: isRecord(table) ? dataFromVersion1(table) : (table ?? null),
    models: isRecord(model) ? [{ spec: specFromVersion1(model), result: null }] : [],
    view: { selectedModel: 0, settings: {} },
  };
}

function dataFromVersion1(table: Doc): Doc {
  const { fileName, na, nrow, columns, ...rest } = table;
  return { ...rest, fileName, missingCodes: na ?? ["NA", ""], table: { nrow, columns } };
}

/** Version 1 specs had no name and left defaults out. */
function specFromVersion1(model: Doc): Doc {
  return { name: "Model 1", method: "REML", contrasts: "treatment", categorical: [], family: "gaussian", ...model };
}

/** Version 2 models had no guided-fix step and no post-hoc analyses. */
function fromVersion2(doc: Doc): Doc {
  const models = Array.isArray(doc.models) ? doc.models.map((m: unknown) => (isRecord(m) ? { guidedStep: null, posthoc: [], ...m } : m)) : doc.models;
  return { ...doc, version: 3, models };
}
