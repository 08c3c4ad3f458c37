/**
 * Coding of a factor as model-matrix columns, as R's contr.treatment, contr.sum and the full
 * indicator ("dummy") coding that model.matrix uses where a factor's contrasts would lose
 * information. Column names follow model.matrix: treatment and dummies append the level
 * ("attitudepol"), sum contrasts append the column number ("attitude1"), since contr.sum's
 * matrix has no column names.
 */
import { MixwellError } from "../../errors";
import type { FactorVariable } from "./variables";

export type ContrastKind = "treatment" | "sum";
export type FactorCoding = ContrastKind | "indicator";

export interface CodedColumn {
  readonly name: string;
  readonly values: Float64Array;
}

export function codeFactor(factor: FactorVariable, coding: FactorCoding): CodedColumn[] {
  const k = factor.levels.length;
  if (coding !== "indicator" && k < 2) {
    throw new MixwellError(
      `'${factor.name}' has only one category ('${factor.levels[0] ?? ""}') in the rows used, so its effect cannot be estimated`,
    );
  }
  const columns: CodedColumn[] = [];
  if (coding === "indicator") {
    for (let j = 0; j < k; j++) columns.push(indicator(factor, j, factor.name + factor.levels[j]));
  } else if (coding === "treatment") {
    for (let j = 1; j < k; j++) columns.push(indicator(factor, j, factor.name + factor.levels[j]));
  } else {
    for (let j = 0; j < k - 1; j++) {
      const values = new Float64Array(factor.codes.length);
      for (let i = 0; i < values.length; i++) {
        const c = factor.codes[i];
        values[i] = c === j ? 1 : c === k - 1 ? -1 : 0;
      }
      columns.push({ name: `${factor.name}${j + 1}`, values });
    }
  }
  return columns;
}

function indicator(factor: FactorVariable, level: number, name: string): CodedColumn {
  const values = new Float64Array(factor.codes.length);
  for (let i = 0; i < values.length; i++) if (factor.codes[i] === level) values[i] = 1;
  return { name, values };
}
