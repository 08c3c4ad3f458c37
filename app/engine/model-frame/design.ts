/**
 * Model matrix from R terms, as R's model.matrix (src/library/stats/src/model.c):
 *
 * - A factor in a term is coded by contrasts when the term without that factor is contained in
 *   an earlier term (or is empty); otherwise by indicators for every level (R's TermCode, the
 *   rule of Chambers & Hastie, Statistical Models in S, p. 38). So `y ~ a + a:b` codes `a` in
 *   `a:b` with all levels.
 * - Without an intercept, the first factor of the first term that has one is coded by
 *   indicators (`y ~ 0 + a` gives a column per level).
 * - The columns of an interaction vary the first variable fastest: recipeB:t185, recipeC:t185, …
 */
import { MixwellError } from "../../errors";
import type { ModelTerms, Term } from "../../formula";
import { termLabel } from "../../formula";
import { codeFactor } from "./contrasts";
import { polyColumnNames } from "./poly";
import type { CodedColumn, ContrastKind, FactorCoding } from "./contrasts";
import type { FixedTermInfo } from "./types";
import type { Variable } from "./variables";

export interface Design {
  readonly columns: readonly CodedColumn[];
  /** Per term (without the intercept): its variables and how each is coded. */
  readonly terms: readonly FixedTermInfo[];
  /** Index into `termLabels` of each column. */
  readonly assign: readonly number[];
  /** "(Intercept)" first if present, then the term labels. */
  readonly termLabels: readonly string[];
  readonly hasIntercept: boolean;
}

/** Build the design of `terms`; `variables[i]` is the evaluated `terms.variables[i]` on the model rows. */
/**
 * Most fixed-effect columns a model may have: X'X and its rank check grow with the cube of this,
 * and a factor with thousands of levels is nearly always a grouping factor meant as (1 | f).
 */
export const MAX_FIXED_COLUMNS = 200;

function tooManyColumns(count: number, why: string): MixwellError {
  return new MixwellError(
    `The fixed effects would have ${count.toLocaleString("en-US")} or more columns (${why}); Mixwell fits models with up to ${MAX_FIXED_COLUMNS} fixed-effect columns. A factor with this many levels is usually a grouping factor: use it as a random effect, as in (1 | factor).`,
  );
}

export function buildDesign(
  terms: ModelTerms,
  variables: readonly Variable[],
  n: number,
  contrasts: ContrastKind,
): Design {
  const columns: CodedColumn[] = [];
  const assign: number[] = [];
  const termLabels: string[] = [];
  const termInfo: FixedTermInfo[] = [];
  if (terms.intercept) {
    termLabels.push("(Intercept)");
    columns.push({ name: "(Intercept)", values: new Float64Array(n).fill(1) });
    assign.push(0);
  }
  const forcedIndicator = terms.intercept ? null : firstFactorInFirstFactorTerm(terms, variables);
  terms.terms.forEach((term, t) => {
    const info: FixedTermInfo["variables"][number][] = [];
    const parts = term.map((v): CodedColumn[] => {
      const variable = variables[v];
      if (variable.kind === "numeric") {
        info.push({ name: variable.name, coding: "numeric" });
        return [{ name: variable.name, values: variable.values }];
      }
      if (variable.kind === "poly") {
        // A matrix variable: R's terms() marks it 1 like a number; model.matrix names its columns.
        info.push({ name: variable.name, coding: "numeric" });
        const names = polyColumnNames(variable.name, variable.basis.degree);
        return variable.columns.map((values, j) => ({ name: names[j], values }));
      }
      const indicatorCoded =
        (forcedIndicator?.term === t && forcedIndicator.variable === v) || !marginIsEarlier(terms.terms, t, v);
      if (variable.levels.length > MAX_FIXED_COLUMNS) throw tooManyColumns(variable.levels.length, `'${variable.name}' has ${variable.levels.length.toLocaleString("en-US")} levels`);
      const coding: FactorCoding = indicatorCoded ? "indicator" : contrasts;
      info.push({ name: variable.name, coding: indicatorCoded ? "indicator" : "contrast" });
      return codeFactor(variable, coding);
    });
    const width = parts.reduce((w, part) => w * part.length, 1);
    if (columns.length + width > MAX_FIXED_COLUMNS) throw tooManyColumns(columns.length + width, `the term ${termLabel(terms, term)} adds ${width.toLocaleString("en-US")}`);
    const termIndex = termLabels.length;
    termLabels.push(termLabel(terms, term));
    termInfo.push({ label: termLabel(terms, term), variables: info });
    for (const column of interact(parts, n)) {
      columns.push(column);
      assign.push(termIndex);
    }
  });
  return { columns, terms: termInfo, assign, termLabels, hasIntercept: terms.intercept };
}

/** R's TermCode: is the term without variable `v` empty or inside one of the earlier terms? */
function marginIsEarlier(terms: readonly Term[], t: number, v: number): boolean {
  const margin = terms[t].filter((x) => x !== v);
  if (margin.length === 0) return true;
  for (let s = 0; s < t; s++) if (margin.every((x) => terms[s].includes(x))) return true;
  return false;
}

function firstFactorInFirstFactorTerm(
  terms: ModelTerms,
  variables: readonly Variable[],
): { term: number; variable: number } | null {
  for (let t = 0; t < terms.terms.length; t++) {
    const v = terms.terms[t].find((x) => variables[x].kind === "factor");
    if (v !== undefined) return { term: t, variable: v };
  }
  return null;
}

/** Elementwise products of one column from each part, the first part varying fastest. */
function interact(parts: readonly CodedColumn[][], n: number): CodedColumn[] {
  let result: CodedColumn[] = [{ name: "", values: new Float64Array(n).fill(1) }];
  for (const part of parts) {
    const next: CodedColumn[] = [];
    for (const column of part) {
      for (const prefix of result) {
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) values[i] = prefix.values[i] * column.values[i];
        next.push({ name: prefix.name ? `${prefix.name}:${column.name}` : column.name, values });
      }
    }
    result = next;
  }
  return result;
}
