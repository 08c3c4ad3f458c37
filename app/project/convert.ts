/**
 * Between the app's objects and a project's plain parts: a DataTable ⇄ ProjectData, a fit →
 * ModelResult (its JSON plus the per-row values the diagnostic plots need), a model's spec →
 * the FitSpec runFit takes.
 */
import { fromWireTable, toWireTable } from "../api/wire-table";
import type { DataTable } from "../data/column";
import { DEFAULT_MISSING } from "../data/csv";
import type { FitSpec } from "../engine/run-fit/run-fit";
import type { MixedFit } from "../engine/run-fit/mixed-fit";
import { fitToJson } from "../report/fit-json";
import type { ModelResult, ProjectData, ProjectModelSpec } from "./schema";

export function projectDataFromTable(table: DataTable, sourceName: string, missingCodes: readonly string[] = DEFAULT_MISSING): ProjectData {
  const wire = toWireTable(table);
  return { sourceName, nrow: wire.nrow, columns: wire.columns, missingCodes };
}

export function tableFromProjectData(data: ProjectData): DataTable {
  return fromWireTable({ nrow: data.nrow, columns: data.columns });
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The stored result of a fit: fitToJson, plus fitted values and residuals for the plots. */
export function modelResultFromFit(fit: MixedFit, fittedAt = new Date().toISOString()): ModelResult {
  const pearson = fit.family !== "gaussian";
  return {
    fittedAt,
    fit: fitToJson(fit),
    diagnostics: {
      fitted: Array.from(fit.fitted, finiteOrNull),
      residuals: Array.from(fit.family === "gaussian" ? fit.residuals : fit.pearsonResiduals, finiteOrNull),
      residualKind: pearson ? "pearson" : "response",
    },
  };
}

/** The FitSpec runFit takes for a stored model (identity is the gaussian link, not an option). */
export function fitSpecOf(spec: ProjectModelSpec): FitSpec {
  const { link, ...rest } = spec;
  return { ...rest, ...(link && link !== "identity" ? { link } : {}) };
}
