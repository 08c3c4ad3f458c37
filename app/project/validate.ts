/**
 * Full validation of a project document of the current version: every field's type, and the
 * data's internal consistency (column lengths, category codes, unique names and ids). Returns the
 * typed Project or throws ProjectFileError naming what is wrong.
 */
import type { WireColumn } from "../api/wire-table";
import type { FitJson } from "../report/fit-json";
import {
  bool, cell, count, finite, invalid, list, nullable, numOrNull, object, oneOf, ProjectFileError, recordOf, text, type Check,
} from "./check";
import {
  PROJECT_FORMAT, PROJECT_VERSION, type FitDiagnostics, type ModelResult, type Project, type ProjectData,
  type ProjectModel, type ProjectModelSpec, type ProjectView,
} from "./schema";

const column: Check<WireColumn> = (v, path) => {
  const kind = object({ kind: oneOf("number", "categorical") }, undefined, { keepUnknown: true })(v, path).kind;
  if (kind === "number") return object({ kind: oneOf("number"), name: text, values: list(numOrNull) })(v, path);
  return object({ kind: oneOf("categorical"), name: text, codes: list(code), levels: list(text) })(v, path);
};

const code: Check<number> = (v, path) => (Number.isInteger(v) && (v as number) >= -1 ? (v as number) : invalid(path, "a level number (or -1 for missing)"));

const data: Check<ProjectData> = (v, path) => {
  const d = object({ sourceName: text, nrow: count, columns: list(column), missingCodes: list(text) })(v, path);
  const names = new Set<string>();
  d.columns.forEach((c, j) => {
    const at = `${path}.columns[${j}]`;
    if (names.has(c.name)) throw new ProjectFileError(`The project file is damaged: two columns are named '${c.name}'.`);
    names.add(c.name);
    const length = c.kind === "number" ? c.values.length : c.codes.length;
    if (length !== d.nrow) {
      throw new ProjectFileError(`The project file is damaged: column '${c.name}' has ${length} rows, the table ${d.nrow}.`);
    }
    if (c.kind === "categorical") checkCodes(c.codes, c.levels.length, c.name, at);
  });
  return d;
};

function checkCodes(codes: readonly number[], nlevels: number, name: string, path: string): void {
  const bad = codes.findIndex((c) => c >= nlevels);
  if (bad >= 0) throw new ProjectFileError(`The project file is damaged: ${path} ('${name}') row ${bad + 1} names level ${codes[bad] + 1} of ${nlevels}.`);
}

const spec: Check<ProjectModelSpec> = object(
  { formula: text, family: oneOf("gaussian", "binomial", "poisson") },
  {
    link: oneOf("identity", "logit", "probit", "cloglog", "log"),
    method: oneOf("REML", "ML"),
    nAGQ: count,
    contrasts: oneOf("treatment", "sum"),
    categorical: list(text),
    weights: text,
    profileCi: bool,
  },
);

const row = recordOf(cell);
const rows = list(row);

const ranefBlock = object({
  group: text,
  terms: list(text),
  levels: list(text),
  values: list(list(numOrNull)),
  condsd: list(list(numOrNull)),
});

/** The results of fitToJson (app/report/fit-json.ts); fields added by later versions are kept. */
const fit: Check<FitJson> = object(
  {
    formula: text,
    family: text,
    method: text,
    nobs: count,
    ngroups: recordOf(count),
    fixef: rows,
    varcorr: rows,
    sigma: numOrNull,
    logLik: numOrNull,
    df: finite,
    AIC: numOrNull,
    BIC: numOrNull,
    REMLcrit: numOrNull,
    deviance: numOrNull,
    theta: list(numOrNull),
    singular: bool,
    converged: bool,
    ranef: list(ranefBlock),
    warnings: list(text),
  },
  {
    anova3: rows,
    r2_marginal: numOrNull,
    r2_conditional: numOrNull,
    icc: numOrNull,
    ci: rows,
    ci_profile: rows,
    link: text,
    nAGQ: count,
    overdispersion: recordOf(numOrNull),
  },
  { keepUnknown: true },
);

const diagnostics: Check<FitDiagnostics> = (v, path) => {
  const d = object({ fitted: list(numOrNull), residuals: list(numOrNull), residualKind: oneOf("response", "pearson") })(v, path);
  if (d.fitted.length !== d.residuals.length) invalid(path, "as many fitted values as residuals");
  return d;
};

const result: Check<ModelResult> = object({ fittedAt: text, fit }, { diagnostics });

const model: Check<ProjectModel> = object({ id: text, name: text, spec, result: nullable(result) });

const settingValue: Check<string | number | boolean> = (v, path) =>
  typeof v === "string" || typeof v === "boolean" ? v : finite(v, path);

const view: Check<ProjectView> = object({ activeModelId: nullable(text), settings: recordOf(settingValue) });

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
  const ids = new Set<string>();
  for (const m of p.models) {
    if (ids.has(m.id)) throw new ProjectFileError(`The project file is damaged: two models have the id '${m.id}'.`);
    ids.add(m.id);
  }
  if (p.view.activeModelId !== null && !ids.has(p.view.activeModelId)) {
    throw new ProjectFileError(`The project file is damaged: the active model '${p.view.activeModelId}' is not in the project.`);
  }
  return p;
}
