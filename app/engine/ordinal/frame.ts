/**
 * Data table + formula → the cumulative link mixed model's data, as clmm's clmm.frames and
 * getREterms: the outcome is an ordered factor whose order is the column's level order (set in
 * the column panel); unused levels are dropped (model.frame's drop.unused.levels, which clmm
 * applies to the outcome too, so thresholds skip a category nobody chose); X is the treatment
 * coded design without its intercept column; random terms ordered by decreasing number of levels.
 * The shared model-frame builder does the rows, missing values and designs; the outcome enters it
 * as its category codes.
 */
import { MixwellError } from "../../errors";
import type { Column, DataTable } from "../../data/column";
import { expandFormula, parseFormula } from "../../formula";
import { buildModelFrame, type ContrastKind, type ModelFrame } from "../model-frame";
import { numberFactor } from "../model-frame/variables";
import type { OrdinalData } from "./types";

export interface OrdinalFrame {
  readonly data: OrdinalData;
  readonly levels: readonly string[];
  readonly fixedNames: readonly string[];
  readonly frame: ModelFrame;
  readonly warnings: readonly string[];
}

export interface OrdinalFrameOptions {
  readonly categorical?: readonly string[];
  readonly contrasts?: ContrastKind;
  readonly weights?: string;
}

function outcomeFactor(column: Column, categorical: ReadonlySet<string>): { codes: Int32Array; levels: readonly string[] } {
  if (column.kind === "categorical") return { codes: column.codes, levels: column.levels };
  if (categorical.has(column.name)) return numberFactor(column.name, column.values);
  throw new MixwellError(
    `The outcome '${column.name}' holds numbers without levels; an ordinal model needs ordered categories. Mark '${column.name}' as categorical (and set the order of its levels in the column panel).`,
  );
}

export function buildOrdinalFrame(table: DataTable, formulaText: string, options: OrdinalFrameOptions = {}): OrdinalFrame {
  const formula = parseFormula(formulaText);
  const response = formula.response;
  if (!response || response.kind !== "expression" || response.expr.kind !== "column") {
    throw new MixwellError("An ordinal model needs a single column as its outcome, such as rating ~ temp + (1 | judge).");
  }
  const name = response.expr.name;
  const index = table.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new MixwellError(`There is no column '${name}' in the data.`);
  const categorical = new Set(options.categorical ?? []);
  const outcome = outcomeFactor(table.columns[index], categorical);
  const codesColumn: Column = { kind: "number", name, values: Float64Array.from(outcome.codes, (c) => (c < 0 ? NaN : c)) };
  const coded: DataTable = { nrow: table.nrow, columns: table.columns.map((c, i) => (i === index ? codesColumn : c)) };
  categorical.delete(name);
  // Category codes are non-negative whole numbers, which the count families' checks accept.
  const frame = buildModelFrame(coded, formula, { categorical: [...categorical], contrasts: options.contrasts, family: "poisson", weights: options.weights });
  if (frame.offset) throw new MixwellError("Offsets are not available for ordinal models.");
  if (!frame.fixed.hasIntercept) {
    throw new MixwellError("An ordinal model has thresholds in place of an intercept; remove '0 +' or '- 1' from the formula.");
  }
  const used = new Set(Array.from(frame.y));
  const keptCodes = outcome.levels.map((_, c) => c).filter((c) => used.has(c));
  const levels = keptCodes.map((c) => outcome.levels[c]);
  if (levels.length < 2) {
    throw new MixwellError(
      `The outcome '${name}' has only one category (${levels.map((l) => `'${l}'`).join("")}) in the rows used; an ordinal model needs at least two.`,
    );
  }
  const warnings = [...frame.warnings];
  const unused = outcome.levels.filter((_, c) => !used.has(c));
  if (unused.length > 0) {
    warnings.push(
      `No row of the outcome '${name}' has the ${unused.length === 1 ? "category" : "categories"} ${unused.map((l) => `'${l}'`).join(", ")}; ${unused.length === 1 ? "it was" : "they were"} left out, as clmm does, so the thresholds join the neighbouring categories.`,
    );
  }
  const recode = new Map(keptCodes.map((c, j) => [c, j]));
  const y = Int32Array.from(frame.y, (v) => recode.get(v)!);
  const n = frame.n;
  const interceptColumn = frame.fixed.names.indexOf("(Intercept)");
  const fixedNames = frame.fixed.names.filter((_, j) => j !== interceptColumn);
  const X = new Float64Array(n * fixedNames.length);
  let c = 0;
  for (let j = 0; j < frame.fixed.p; j++) {
    if (j === interceptColumn) continue;
    X.set(frame.fixed.X.subarray(j * n, (j + 1) * n), c * n);
    c++;
  }
  for (const t of frame.random) {
    if (t.levels.length < 3) {
      throw new MixwellError(`The grouping factor '${t.group}' has ${t.levels.length} levels; clmm needs at least three groups per random-effect term.`);
    }
  }
  // Back to the formula's order (the frame holds lme4's), then clmm's.
  const formulaOrder = expandFormula(formula).random.map((spec) => spec.groupName);
  const position = (group: string): number => {
    const at = formulaOrder.indexOf(group);
    return at < 0 ? formulaOrder.length : at;
  };
  const asWritten = frame.random.map((_, i) => i).sort((a, b) => position(frame.random[a].group) - position(frame.random[b].group) || a - b);
  const terms = clmmTermOrder(asWritten.map((i) => frame.random[i].levels.length)).map((j) => {
    const t = frame.random[asWritten[j]];
    return { group: t.group, effectNames: t.effectNames, k: t.k, nlev: t.levels.length, levelOfRow: t.levelOfRow, Z: t.Z };
  });
  const data: OrdinalData = {
    n,
    y,
    nThresholds: levels.length - 1,
    X,
    p: fixedNames.length,
    ...(frame.weights ? { weights: frame.weights } : {}),
    terms,
  };
  return { data, levels, fixedNames, frame, warnings };
}

/**
 * clmm's order of random terms (getREterms): `if (any(diff(nlev)) > 0) rel[rev(order(nlev))]`,
 * i.e. unchanged only when every term has the same number of levels, otherwise by decreasing
 * number of levels with ties in reverse order of appearance (rev of R's stable order). It decides
 * the order of VarCorr's rows; the likelihood does not depend on it.
 */
export function clmmTermOrder(levelCounts: readonly number[]): number[] {
  const index = levelCounts.map((_, i) => i);
  if (levelCounts.every((n) => n === levelCounts[0])) return index;
  return index.sort((a, b) => levelCounts[a] - levelCounts[b] || a - b).reverse();
}
