/**
 * buildModelFrame: data table + parsed formula → the numeric model frame that the LMM and GLMM
 * engines fit (see types.ts). Follows lme4's lFormula/glFormula: one model frame over every
 * variable of the formula (fixed, offsets, random, grouping, weights), rows with a missing value dropped
 * (na.omit), unused factor levels dropped, X from the fixed terms, Z blocks from the bars.
 */
import { MixwellError } from "../../errors";
import type { DataTable } from "../../data/column";
import type { Expr, Formula } from "../../formula";
import { expandFormula, formatExpression, formatFormula, requireColumn } from "../../formula";
import type { ContrastKind } from "./contrasts";
import { buildFixedDesign } from "./fixed";
import { buildRandomTerms } from "./random";
import type { Family } from "./random";
import { buildResponse, checkBinomialProportions } from "./response";
import type { ModelFrame } from "./types";
import { evaluateVariable, isMissing, subsetVariable } from "./variables";
import type { Variable } from "./variables";

export interface ModelFrameOptions {
  /** Number columns to treat as categories (levels in numeric order). */
  readonly categorical?: readonly string[];
  /** Coding of factors, in fixed and random terms alike (R's options(contrasts=)). Default treatment. */
  readonly contrasts?: ContrastKind;
  readonly family?: Family;
  /** Column of prior weights. */
  readonly weights?: string;
}

export function buildModelFrame(table: DataTable, formula: Formula, options: ModelFrameOptions = {}): ModelFrame {
  const family = options.family ?? "gaussian";
  const contrasts = options.contrasts ?? "treatment";
  const expanded = expandFormula(formula);
  if (expanded.random.length === 0) {
    throw new MixwellError("The formula has no random-effect term such as (1 | group); a mixed model needs at least one");
  }
  const categorical = new Set(options.categorical ?? []);
  for (const name of categorical) requireColumn(table, name);
  const weightsExpr: Expr | null = options.weights
    ? { kind: "column", name: options.weights, span: { start: 0, end: 0 } }
    : null;

  const exprs = modelExpressions(expanded, weightsExpr);
  const full = new Map<string, Variable>();
  for (const [name, expr] of exprs) full.set(name, evaluateVariable(table, expr, categorical));

  const { rows, missingCounts } = completeRows(table.nrow, full);
  const n = rows.length;
  if (n === 0) {
    throw new MixwellError(
      `No row has values for all the model's variables (${[...full.keys()].join(", ")}), so there is nothing to fit`,
    );
  }
  const model = new Map<string, Variable>();
  for (const [name, variable] of full) model.set(name, subsetVariable(variable, rows));
  const variableOf = (expr: Expr): Variable => model.get(formatExpression(expr))!;

  const response = buildResponse(expanded.response, variableOf, family, rows);
  const { fixed, warnings: fixedWarnings } = buildFixedDesign(
    expanded.fixed,
    expanded.fixed.variables.map(variableOf),
    n,
    contrasts,
  );
  const random = buildRandomTerms(expanded.random, variableOf, n, contrasts, family);
  const weights = priorWeights(weightsExpr ? variableOf(weightsExpr) : null, response.trials, rows);
  const offset = offsetOf(expanded.offsets.map(variableOf), n);
  if (family === "binomial" && !response.trials && expanded.response.kind === "expression" && variableOf(expanded.response.expr).kind !== "factor") {
    checkBinomialProportions(response.name, response.y, weights, rows, options.weights);
  }
  const droppedRows = table.nrow - n;
  const warnings = [...missingRowsWarning(droppedRows, table.nrow, missingCounts), ...fixedWarnings];
  return {
    n,
    responseName: response.name,
    y: response.y,
    fixed,
    random,
    ...(weights ? { weights } : {}),
    ...(response.trials ? { trials: response.trials } : {}),
    ...(offset ? { offset, offsetNames: expanded.offsets.map((e) => `offset(${formatExpression(e)})`) } : {}),
    rowIndex: rows,
    droppedRows,
    warnings,
    family,
    formula: formatFormula(formula),
  };
}

/** The sum of the offset terms (R adds several offsets up), or null without any. */
function offsetOf(variables: readonly Variable[], n: number): Float64Array | null {
  if (variables.length === 0) return null;
  const sum = new Float64Array(n);
  for (const v of variables) {
    if (v.kind !== "numeric") throw new MixwellError(`offset(${v.name}) needs numbers, but '${v.name}' holds categories`);
    for (let i = 0; i < n; i++) sum[i] += v.values[i];
  }
  return sum;
}

/** Every expression the model evaluates, by printed name: response, fixed, offsets, random, grouping, weights. */
function modelExpressions(expanded: ReturnType<typeof expandFormula>, weights: Expr | null): Map<string, Expr> {
  const exprs = new Map<string, Expr>();
  const add = (e: Expr): void => {
    const name = formatExpression(e);
    if (!exprs.has(name)) exprs.set(name, e);
  };
  const r = expanded.response;
  if (r.kind === "expression") add(r.expr);
  else {
    add(r.successes);
    add(r.failures);
  }
  expanded.fixed.variables.forEach(add);
  expanded.offsets.forEach(add);
  for (const spec of expanded.random) {
    spec.effects.variables.forEach(add);
    spec.grouping.forEach(add);
  }
  if (weights) add(weights);
  return exprs;
}

function completeRows(nrow: number, variables: ReadonlyMap<string, Variable>) {
  const missingCounts = new Map<string, number>();
  const incomplete = new Uint8Array(nrow);
  for (const [name, v] of variables) {
    let count = 0;
    for (let i = 0; i < nrow; i++) {
      if (isMissing(v, i)) {
        incomplete[i] = 1;
        count++;
      }
    }
    if (count > 0) missingCounts.set(name, count);
  }
  let kept = 0;
  for (let i = 0; i < nrow; i++) kept += 1 - incomplete[i];
  const rows = new Int32Array(kept);
  for (let i = 0, r = 0; i < nrow; i++) if (!incomplete[i]) rows[r++] = i;
  return { rows, missingCounts };
}

function missingRowsWarning(dropped: number, nrow: number, missing: ReadonlyMap<string, number>): string[] {
  if (dropped === 0) return [];
  const detail = [...missing].map(([name, count]) => `${name}: ${count}`).join(", ");
  const rows = dropped === 1 ? "1 row was" : `${dropped} rows were`;
  return [`${rows} left out because of missing values (${detail}); ${nrow - dropped} of ${nrow} rows were used`];
}

function priorWeights(weights: Variable | null, trials: Float64Array | undefined, rows: Int32Array) {
  if (!weights) return trials;
  if (weights.kind === "factor") throw new MixwellError(`The weights column '${weights.name}' must hold numbers`);
  weights.values.forEach((w, i) => {
    if (w < 0) throw new MixwellError(`Weights cannot be negative, but data row ${rows[i] + 1} of '${weights.name}' has ${w}`);
  });
  return trials ? weights.values.map((w, i) => w * trials[i]) : weights.values;
}
