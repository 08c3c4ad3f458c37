/**
 * runResidualFit: a data table and a model (lme4 formula for the fixed and random parts, plus a
 * residual structure) → an nlme-style fit. Checks the inputs users can get wrong and says how,
 * then builds the model frame as every fit does, adds the time, correlation-group and
 * variance-stratum columns on the model rows, and fits.
 */
import { MixwellError } from "../../errors";
import type { DataTable } from "../../data/column";
import { findColumn } from "../../data/column";
import { formatFormula, parseFormula } from "../../formula";
import { buildModelFrame } from "../model-frame";
import type { ContrastKind, ModelFrame } from "../model-frame";
import { fitResidualStructure } from "./fit";
import { buildLayout } from "./layout";
import type { ResidualStructureFit, ResidualStructureSpec } from "./types";

export interface ResidualFitSpec {
  readonly formula: string;
  readonly family?: string;
  readonly method?: "REML" | "ML";
  readonly categorical?: readonly string[];
  readonly contrasts?: ContrastKind;
  readonly weights?: string;
  readonly residual: ResidualStructureSpec;
}

const STRUCTURE_NAMES = { ar1: "AR(1)", car1: "continuous-time AR(1)", cs: "compound symmetry" } as const;

/** True when the spec asks for a residual structure (then the fit goes through this engine). */
export function hasResidualStructure(spec: ResidualStructureSpec | undefined): spec is ResidualStructureSpec {
  return !!spec && (spec.correlation !== undefined || spec.varianceBy !== undefined);
}

export function runResidualFit(
  table: DataTable,
  spec: ResidualFitSpec,
  hooks: { onProgress?: (p: { evaluations: number; objective: number }) => void; signal?: { cancelled: boolean } } = {},
): ResidualStructureFit {
  const residual = spec.residual;
  if ((spec.family ?? "gaussian") !== "gaussian") {
    throw new MixwellError(
      `Residual correlation and unequal residual variances apply to linear (gaussian) models, as nlme's lme; a ${spec.family} model cannot have them. Remove the residual structure or fit a linear model.`,
    );
  }
  if (spec.weights !== undefined) {
    throw new MixwellError("Prior weights cannot be combined with a residual structure; use 'variances differ by' a column instead.");
  }
  if (residual.correlation !== undefined && !(residual.correlation in STRUCTURE_NAMES)) {
    throw new MixwellError(`Unknown residual correlation '${String(residual.correlation)}': use ar1, car1 or cs.`);
  }
  const formula = parseFormula(spec.formula);
  const frame = buildModelFrame(table, formula, { categorical: spec.categorical, contrasts: spec.contrasts, family: "gaussian" });
  const groupName = frame.random[0].group;
  if (frame.random.some((t) => t.group !== groupName)) {
    throw new MixwellError(
      `A residual structure needs the random effects of one grouping factor (nlme's lme with one level); this model has ${[...new Set(frame.random.map((t) => t.group))].join(" and ")}.`,
    );
  }
  const reLevel = frame.random[0].levelOfRow;
  const corGroup = residual.group && residual.group !== groupName ? nestedGroup(table, frame, residual.group, reLevel, groupName) : null;
  const time = residual.correlation && residual.correlation !== "cs" ? timeOnRows(table, frame, residual) : null;
  const strata = residual.varianceBy ? factorOnRows(table, frame, residual.varianceBy, "variances differ by") : null;
  const layout = buildLayout({ frame, reLevel, corGroup, time, stratum: strata?.codes ?? null, stratumLevels: strata?.levels ?? [] });
  if (time) checkTimes(layout, residual, table, frame);
  if (strata && layout.strata.length < 2) {
    throw new MixwellError(`Column '${residual.varianceBy}' has one level on the rows used, so the variances cannot differ by it.`);
  }
  return fitResidualStructure(frame, layout, {
    reml: (spec.method ?? "REML") === "REML",
    formula: formatFormula(formula),
    structure: residual,
    groupName,
    ...hooks,
  });
}

function column(table: DataTable, name: string, role: string) {
  const col = findColumn(table, name);
  if (!col) throw new MixwellError(`There is no column '${name}' (chosen as the ${role}).`);
  return col;
}

function timeOnRows(table: DataTable, frame: ModelFrame, residual: ResidualStructureSpec): Float64Array {
  const name = residual.time;
  const structure = STRUCTURE_NAMES[residual.correlation!];
  if (!name) throw new MixwellError(`${structure} needs a time column: choose the column that orders the measurements.`);
  const col = column(table, name, "time column");
  if (col.kind !== "number") throw new MixwellError(`The time column '${name}' must hold numbers; it holds text.`);
  const out = new Float64Array(frame.n);
  for (let i = 0; i < frame.n; ++i) {
    const row = frame.rowIndex[i];
    const v = col.values[row];
    if (Number.isNaN(v)) {
      throw new MixwellError(`The time column '${name}' has no value in row ${row + 1}; ${structure} needs a time for every row used. Fill it in or remove the row.`);
    }
    if (residual.correlation === "ar1" && !Number.isInteger(v)) {
      throw new MixwellError(
        `AR(1) needs whole-number time points, but '${name}' is ${v} in row ${row + 1}. Use continuous-time AR(1) for times that are not whole numbers.`,
      );
    }
    out[i] = v;
  }
  return out;
}

/** After sorting, equal neighbours within a correlation group are duplicate time points. */
function checkTimes(layout: ReturnType<typeof buildLayout>, residual: ResidualStructureSpec, table: DataTable, frame: ModelFrame): void {
  const { segmentStart, time, order } = layout;
  for (let g = 0; g + 1 < segmentStart.length; ++g) {
    for (let s = segmentStart[g] + 1; s < segmentStart[g + 1]; ++s) {
      if (time[s] === time[s - 1]) {
        const a = frame.rowIndex[order[s - 1]] + 1;
        const b = frame.rowIndex[order[s]] + 1;
        const who = residual.group ?? frame.random[0].group;
        throw new MixwellError(
          `Rows ${Math.min(a, b)} and ${Math.max(a, b)} have the same time (${time[s]}) within one ${who}; ${STRUCTURE_NAMES[residual.correlation!]} needs each time at most once per ${who}.`,
        );
      }
    }
  }
  void table;
}

function factorOnRows(table: DataTable, frame: ModelFrame, name: string, role: string): { codes: Int32Array; levels: string[] } {
  const col = column(table, name, role);
  const codes = new Int32Array(frame.n);
  if (col.kind === "categorical") {
    for (let i = 0; i < frame.n; ++i) {
      const row = frame.rowIndex[i];
      if (col.codes[row] < 0) throw new MixwellError(`Column '${name}' (${role}) has no value in row ${row + 1}.`);
      codes[i] = col.codes[row];
    }
    return { codes, levels: [...col.levels] };
  }
  const values = [...new Set(Array.from(frame.rowIndex, (r) => col.values[r]))];
  if (values.some(Number.isNaN)) {
    const row = Array.from(frame.rowIndex).find((r) => Number.isNaN(col.values[r]))!;
    throw new MixwellError(`Column '${name}' (${role}) has no value in row ${row + 1}.`);
  }
  values.sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  for (let i = 0; i < frame.n; ++i) codes[i] = index.get(col.values[frame.rowIndex[i]])!;
  return { codes, levels: values.map(String) };
}

/** Correlation groups inside the random-effects groups (nlme: a finer grouping for the correlation than for random). */
function nestedGroup(table: DataTable, frame: ModelFrame, name: string, reLevel: Int32Array, groupName: string): Int32Array {
  const { codes } = factorOnRows(table, frame, name, "correlation group");
  const outerOf = new Map<number, number>();
  for (let i = 0; i < frame.n; ++i) {
    const seen = outerOf.get(codes[i]);
    if (seen === undefined) outerOf.set(codes[i], reLevel[i]);
    else if (seen !== reLevel[i]) {
      throw new MixwellError(
        `The correlation group '${name}' must lie within the random-effects group '${groupName}' (or be it), but one level of '${name}' appears in two ${groupName} groups (row ${frame.rowIndex[i] + 1}).`,
      );
    }
  }
  return codes;
}
