/**
 * Standardized fixed effects by refitting, as effectsize's `standardize_parameters(method =
 * "refit")` (effectsize 0.8, datawizard's standardize): every numeric column the linear mixed
 * model uses — the outcome, fixed and random-slope predictors, not the grouping factors and not
 * categories — is centred and divided by its SD (n − 1) over the rows the model uses, and the model
 * is refitted. CIs as parameters' Wald intervals for lmer models: estimate ± t(0.975, df.residual) × SE of
 * the refit, df.residual = n − (number of parameters), as lme4's df.residual. A column used inside a function (log(x), I(x^2), poly(x)) is refused, since
 * standardizing before the function is not what the user would expect.
 */
import type { DataTable, Column } from "../data/column";
import { MixwellError } from "../errors";
import { expandFormula, expressionColumns, parseFormula, type Expr } from "../formula";
import { runFitWithFrame, type FitSpec } from "../engine/run-fit";
import type { ModelFrame } from "../engine/model-frame";
import { qt } from "../stats";

export interface StandardizedEffect {
  readonly term: string;
  readonly std_estimate: number;
  readonly std_lower: number;
  readonly std_upper: number;
}

/** The columns to standardize: numeric columns used bare in the outcome, fixed part or random effects. */
function numericColumns(table: DataTable, spec: FitSpec): string[] {
  const expanded = expandFormula(parseFormula(spec.formula));
  if (expanded.response.kind !== "expression") throw new MixwellError("Standardized effects apply to a numeric outcome (a linear mixed model).");
  const categorical = new Set(spec.categorical ?? []);
  const bare = new Set<string>();
  const inside = new Set<string>();
  const visit = (e: Expr) => (e.kind === "column" ? bare.add(e.name) : expressionColumns(e).forEach((c) => inside.add(c)));
  visit(expanded.response.expr);
  expanded.fixed.variables.forEach(visit);
  for (const r of expanded.random) r.effects.variables.forEach(visit);
  const isNumeric = (name: string) => table.columns.find((c) => c.name === name)?.kind === "number" && !categorical.has(name);
  const wrapped = [...inside].filter(isNumeric);
  if (wrapped.length > 0) throw new MixwellError(`Standardized effects by refitting need plain numeric columns; ${wrapped.join(", ")} ${wrapped.length > 1 ? "are" : "is"} used inside a function. Make a computed column and use it instead.`);
  return [...bare].filter(isNumeric);
}

/** The table with the named numeric columns standardized over the model's rows. */
function standardizedTable(table: DataTable, names: readonly string[], rows: Int32Array): DataTable {
  const columns = table.columns.map((c): Column => {
    if (c.kind !== "number" || !names.includes(c.name)) return c;
    let mean = 0;
    for (const r of rows) mean += c.values[r] / rows.length;
    let ss = 0;
    for (const r of rows) ss += (c.values[r] - mean) ** 2;
    const sd = Math.sqrt(ss / (rows.length - 1));
    if (!(sd > 0)) throw new MixwellError(`Column '${c.name}' has the same value in every row the model uses, so it cannot be standardized.`);
    return { ...c, values: c.values.map((v) => (v - mean) / sd) };
  });
  return { nrow: table.nrow, columns };
}

/**
 * effectsize's standardize_parameters(method = "refit") for a gaussian model whose frame is given
 * (the rows it used). Returns one row per fixed effect, in the model's order.
 */
export function standardizedEffects(table: DataTable, spec: FitSpec, frame: ModelFrame, level = 0.95): StandardizedEffect[] {
  if ((spec.family ?? "gaussian") !== "gaussian") throw new MixwellError("Standardized effects (refit) are available for linear mixed models.");
  const names = numericColumns(table, spec);
  const { fit } = runFitWithFrame(standardizedTable(table, names, frame.rowIndex), { ...spec, inference: false, profileCi: false });
  // parameters' Wald CI for merMod: t with df.residual = nobs − all parameters (β, θ, σ).
  const crit = qt((1 + level) / 2, fit.nobs - fit.df);
  return fit.fixef.map((f) => ({ term: f.term, std_estimate: f.estimate, std_lower: f.estimate - crit * f.se, std_upper: f.estimate + crit * f.se }));
}

/** A fit's JSON with std_estimate, std_lower and std_upper added to each fixed-effect row. */
export function withStandardized<T extends { readonly fixef: readonly Readonly<Record<string, unknown>>[] }>(json: T, std: readonly StandardizedEffect[]): T {
  return { ...json, fixef: json.fixef.map((f) => {
    const s = std.find((r) => r.term === f.term);
    return s ? { ...f, std_estimate: s.std_estimate, std_lower: s.std_lower, std_upper: s.std_upper } : f;
  }) };
}

/** The standardized effects as text under a fit's summary. */
export function formatStandardized(std: readonly StandardizedEffect[]): string {
  const width = Math.max(4, ...std.map((r) => r.term.length));
  const lines = std.map((r) => `${r.term.padEnd(width)}  ${r.std_estimate.toFixed(4).padStart(9)}  [${r.std_lower.toFixed(4)}, ${r.std_upper.toFixed(4)}]`);
  return ["", "Standardized fixed effects (refit on standardized numeric columns, as effectsize; 95% CI):", ...lines, ""].join("\n");
}
