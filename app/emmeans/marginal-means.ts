/**
 * Estimated marginal means (emmeans::emmeans) and marginal trends (emmeans::emtrends) of a
 * linear mixed model: for each cell of the spec (and by) factors, the average of the reference
 * grid's predictions over the levels of the other factors with equal weights, covariates at
 * their means; ℓ = that average of design rows, estimate ℓᵀβ̂, SE √(ℓᵀVℓ), df from the chosen
 * method, interval estimate ± qt(1 − α/2, df)·SE (Searle, Speed & Milliken 1980; Lenth 2016,
 * J. Stat. Softw. 69(1)).
 */
import { MixwellError } from "../errors";
import type { FixedDesign } from "../engine/model-frame";
import { qt } from "../stats";
import { designRow, gridCombinations, referenceGrid, requireVariables, type FactorFrameVariable } from "./reference-grid";
import type { LinearInference, MarginalMeanRow, MarginalMeans } from "./types";

export interface MarginalMeansRequest {
  /** Factors whose cells get a mean: ["attitude"], or ["attitude", "gender"]. */
  readonly specs: readonly string[];
  /** Factors to condition on (one family of comparisons per level). */
  readonly by?: readonly string[];
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /** For emtrends: the numeric predictor whose slope is wanted. */
  readonly trendOf?: string;
  /** Values of numeric model variables other than their mean (see covariates.ts). */
  readonly at?: ReadonlyMap<string, number>;
  /**
   * The model's offset held at its mean over the model rows (emmeans 1.8's `.offset.` in the
   * reference grid), added to every mean; absent or 0 without an offset.
   */
  readonly offset?: number;
}

export function marginalMeans(fixed: FixedDesign, inference: LinearInference, request: MarginalMeansRequest): MarginalMeans {
  if (fixed.dropped.length > 0) {
    // emmeans marks the means of such designs non-estimable cell by cell; rather than risk a
    // wrong number we refuse them all.
    throw new MixwellError(
      `Marginal means need every combination of the factors to be estimable, but ${fixed.dropped.join(", ")} could not be estimated (some combinations of levels have no data); use a model without that interaction.`,
    );
  }
  const grid = referenceGrid(fixed, request.at);
  const by = request.by ?? [];
  const cellFactors = [...request.specs, ...by].map((name) => requireFactor(grid.factors, name));
  if (new Set(cellFactors.map((f) => f.name)).size !== cellFactors.length) {
    throw new MixwellError("A factor is listed twice among the specs and by factors.");
  }
  const trendOf = request.trendOf === undefined ? null : trendVariable(fixed, request.trendOf);
  if (trendOf !== null && request.offset !== undefined) {
    throw new MixwellError("Trends (slopes) are not available for a model with an offset (emmeans' emtrends refuses them too); use marginal means instead.");
  }
  const others = grid.factors.filter((f) => !cellFactors.includes(f));
  const level = request.level ?? 0.95;
  const L = gridCombinations(cellFactors).map((cell) => averagedRow(fixed, grid.covariates, cellFactors, cell, others, trendOf));
  const offset = request.offset ?? 0;
  // Order rows by the by factors slowest, then the specs with the first varying fastest (emmeans).
  const cells = gridCombinations(cellFactors);
  const rows: MarginalMeanRow[] = L.map((l, i) => {
    const levels: Record<string, string> = {};
    cellFactors.forEach((f, j) => (levels[f.name] = f.levels[cells[i][j]]));
    const e = estimate(inference, l, level);
    return { levels, ...e, estimate: e.estimate + offset, lower: e.lower + offset, upper: e.upper + offset };
  });
  const covariates = covariatesShown(fixed, grid.covariates);
  if (request.trendOf !== undefined) delete covariates[request.trendOf];
  return {
    kind: request.trendOf === undefined ? "emmeans" : "emtrends",
    ...(request.trendOf !== undefined ? { trendOf: request.trendOf } : {}),
    specs: [...request.specs],
    by: [...by],
    dfMethod: inference.method,
    level,
    rows,
    averagedOver: others.map((f) => f.name),
    covariates,
    L,
  };
}

/** Estimate, SE, df and interval of ℓᵀβ. */
export function estimate(inference: LinearInference, l: Float64Array, level: number): Omit<MarginalMeanRow, "levels"> {
  const { p, beta, vcov } = inference;
  let est = 0;
  let v = 0;
  for (let j = 0; j < p; j++) {
    est += l[j] * beta[j];
    if (l[j] === 0) continue;
    let c = 0;
    for (let i = 0; i < p; i++) c += vcov[i + j * p] * l[i];
    v += c * l[j];
  }
  const se = Math.sqrt(v);
  const df = inference.df(l);
  const half = qt(1 - (1 - level) / 2, df) * se;
  return { estimate: est, se, df, lower: est - half, upper: est + half };
}

function averagedRow(
  fixed: FixedDesign,
  covariates: ReadonlyMap<string, number>,
  cellFactors: readonly FactorFrameVariable[],
  cell: Int32Array,
  others: readonly FactorFrameVariable[],
  trendOf: string | null,
): Float64Array {
  const sum = new Float64Array(fixed.p);
  const combos = gridCombinations(others);
  for (const combo of combos) {
    const point = new Map<string, number>(covariates);
    cellFactors.forEach((f, j) => point.set(f.name, cell[j]));
    others.forEach((f, j) => point.set(f.name, combo[j]));
    const x = designRow(fixed, point, trendOf);
    for (let j = 0; j < x.length; j++) sum[j] += x[j];
  }
  for (let j = 0; j < sum.length; j++) sum[j] /= combos.length;
  return sum;
}

function requireFactor(factors: readonly FactorFrameVariable[], name: string): FactorFrameVariable {
  const f = factors.find((x) => x.name === name);
  if (f) return f;
  const names = factors.map((x) => `'${x.name}'`).join(", ");
  throw new MixwellError(
    `'${name}' is not a categorical fixed effect of the model; marginal means are for ${names || "categorical predictors (the model has none)"}.`,
  );
}

/** The model variable whose slope is wanted: a numeric variable, or the poly(x, d) term of x. */
function trendVariable(fixed: FixedDesign, name: string): string {
  const variables = Object.values(requireVariables(fixed));
  const v = variables.find((x) => x.name === name) ?? variables.find((x) => x.kind === "poly" && x.source === name);
  if (!v || v.kind === "factor") {
    throw new MixwellError(`'${name}' is not a numeric fixed effect of the model, so it has no slope to estimate.`);
  }
  if (variables.some((x) => x !== v && x.kind === "poly" && x.source === name)) {
    throw new MixwellError(`'${name}' enters the model in more than one way, so its slope cannot be estimated here.`);
  }
  return v.name;
}

/** The covariates' values by the names emmeans prints: x for a poly(x, d) term. */
function covariatesShown(fixed: FixedDesign, covariates: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of covariates) {
    const v = fixed.variables?.[name];
    out[v?.kind === "poly" ? v.source : name] = value;
  }
  return out;
}
