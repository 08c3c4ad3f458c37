/**
 * Full validation of a project document of the current version: every field's type, and the
 * data's internal consistency (column lengths, category codes, unique names). Returns the typed
 * Project or throws ProjectFileError naming what is wrong.
 */
import { expandFormula, FormulaLimitError, parseFormula } from "../formula";
import type { PlainColumn } from "../data/plain";
import type { ModelSpec } from "../model-spec";
import { bool, count, finite, invalid, list, nullable, numOrNull, object, oneOf, ProjectFileError, recordOf, text, type Check } from "./check";
import { fitView } from "./validate-fit";
import { guidedStep, inferenceResults, optimizerCheck, posthocAnalysis } from "./validate-analyses";
import { PROJECT_FORMAT, PROJECT_VERSION, type ModelResult, type Project, type ProjectData, type ProjectModel, type ProjectView } from "./schema";
import { MODEL_FAMILIES } from "../engine/families";
import { LINK_NAMES } from "../engine/glmm/family";

const code: Check<number> = (v, path) => (Number.isInteger(v) && (v as number) >= -1 ? (v as number) : invalid(path, "a level number (or -1 for missing)"));

const column: Check<PlainColumn> = (v, path) => {
  const kind = object({ kind: oneOf("number", "categorical") }, undefined, { keepUnknown: true })(v, path).kind;
  if (kind === "number") return object({ kind: oneOf("number"), name: text, values: list(numOrNull) }, { invalid: recordOf(text) })(v, path);
  return object({ kind: oneOf("categorical"), name: text, codes: list(code), levels: list(text) })(v, path);
};

const data: Check<ProjectData> = (v, path) => {
  const d = object({ fileName: text, missingCodes: list(text), table: object({ nrow: count, columns: list(column) }) })(v, path);
  const names = new Set<string>();
  d.table.columns.forEach((c, j) => {
    const at = `${path}.table.columns[${j}]`;
    if (names.has(c.name)) throw new ProjectFileError(`The project file is damaged: two columns are named '${c.name}'.`);
    names.add(c.name);
    const length = c.kind === "number" ? c.values.length : c.codes.length;
    if (length !== d.table.nrow) {
      throw new ProjectFileError(`The project file is damaged: column '${c.name}' has ${length} rows, the table ${d.table.nrow}.`);
    }
    if (c.kind === "categorical") {
      const bad = c.codes.findIndex((k) => k >= c.levels.length);
      if (bad >= 0) throw new ProjectFileError(`The project file is damaged: ${at} ('${c.name}') row ${bad + 1} names level ${c.codes[bad] + 1} of ${c.levels.length}.`);
    } else {
      for (const row of Object.keys(c.invalid ?? {})) {
        const r = Number(row);
        if (!Number.isInteger(r) || r < 0 || r >= d.table.nrow) invalid(`${at}.invalid.${row}`, "a row of the table");
      }
    }
  });
  return d;
};

/** A model's residual structure (issue 20; optional, so older projects need no migration). */
const residualSpec: Check<NonNullable<ModelSpec["residual"]>> = object({}, { correlation: oneOf("ar1", "car1", "cs"), time: text, group: text, varianceBy: text });

/** A formula's text; one beyond the formula limits is refused here, so the project never half-loads. */
const formulaText: Check<string> = (v, path) => {
  const source = text(v, path);
  try {
    expandFormula(parseFormula(source));
  } catch (err) {
    if (err instanceof FormulaLimitError) throw new ProjectFileError(`The project file holds a formula Mixwell cannot use (${path}): ${err.message}.`);
  }
  return source;
};

export const modelSpec: Check<ModelSpec> = object({
  name: text,
  formula: formulaText,
  family: oneOf(...MODEL_FAMILIES),
  method: oneOf("REML", "ML"),
  contrasts: oneOf("treatment", "sum"),
  categorical: list(text),
}, { link: oneOf(...LINK_NAMES), ddf: oneOf("Satterthwaite", "Kenward-Roger"), nAGQ: count, residual: residualSpec });

const result: Check<ModelResult> = object({ view: fitView, fittedSpec: modelSpec, current: bool, fittedAt: nullable(text) });

const model: Check<ProjectModel> = (v, path) => {
  const m = object(
    { spec: modelSpec, result: nullable(result) },
    { guidedStep: nullable(guidedStep), posthoc: list(posthocAnalysis), optimizerCheck: nullable(optimizerCheck), inference: nullable(inferenceResults) },
  )(v, path);
  // Inference belongs to a fit: a model without one cannot have it.
  if (m.inference && !m.result) invalid(`${path}.inference`, "absent (the model has not been fitted)");
  return m;
};

const settingValue: Check<string | number | boolean> = (v, path) => (typeof v === "string" || typeof v === "boolean" ? v : finite(v, path));

const view: Check<ProjectView> = object({ selectedModel: count, settings: recordOf(settingValue) });

const currentVersion: Check<typeof PROJECT_VERSION> = (v, path) =>
  v === PROJECT_VERSION ? PROJECT_VERSION : invalid(path, String(PROJECT_VERSION));

/** Validate a document already migrated to PROJECT_VERSION. */
export function validateProject(value: unknown): Project {
  const p = object({
    format: oneOf(PROJECT_FORMAT),
    version: currentVersion,
    savedBy: text,
    savedAt: text,
    data: nullable(data),
    models: list(model),
    view,
  })(value, "project");
  if (p.models.length > 0 && p.view.selectedModel >= p.models.length) {
    throw new ProjectFileError(`The project file is damaged: the selected model (${p.view.selectedModel + 1}) is not one of its ${p.models.length} models.`);
  }
  return p;
}
