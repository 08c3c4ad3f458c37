/**
 * Effect-plot data: the model's predicted outcome over one predictor, one line per level of a
 * second factor, with a 95% confidence band. As emmeans' reference grid (Lenth 2016): the other
 * factors are averaged over with equal weights, other numeric predictors held at their mean; the
 * band is the Wald interval ℓᵀβ̂ ± z₀.₉₇₅·√(ℓᵀVℓ) on the link scale (normal quantile: a plotting
 * band, not a test), mapped through the inverse link for binomial and Poisson models.
 */
import { designRow, gridCombinations, type FactorFrameVariable } from "../emmeans/reference-grid";
import { makeFamily, type GlmmFamilyName, type LinkName } from "../engine/glmm";
import type { FixedDesign, FrameVariable } from "../engine/model-frame";
import type { EffectCurve, EffectLine, EffectsView } from "./fit-view";

const Z975 = 1.959963984540054;
const NUMERIC_POINTS = 25;
/** Limits that keep the message to the UI small on wide designs. */
const MAX_PREDICTORS = 8;
const MAX_LINES = 12;
const MAX_X_LEVELS = 40;
const MAX_AVERAGED = 256;
/** Design rows built for all curves together: keeps wide designs from slowing the fit's reply. */
const MAX_DESIGN_ROWS = 100_000;

export interface EffectModel {
  readonly fixed: FixedDesign;
  readonly beta: Float64Array;
  readonly vcov: Float64Array;
  readonly responseName: string;
  readonly family: "gaussian" | GlmmFamilyName;
  readonly link: LinkName | null;
  /** The model's offset at its mean over the rows (as emmeans holds it); 0 or absent without one. */
  readonly offset?: number;
}

export function effectCurves(model: EffectModel): EffectsView {
  const { fixed } = model;
  const yLabel = model.family === "binomial" ? `probability of ${model.responseName}` : model.family !== "gaussian" ? `expected ${model.responseName}` : model.responseName;
  const none = (why: string): EffectsView => ({ predictors: [], factors: [], curves: [], yLabel, unavailable: why });
  if (!fixed.variables || !fixed.terms) return none("This model's design does not allow effect plots.");
  if (fixed.dropped.length > 0) return none(`Effect plots need every coefficient, but ${fixed.dropped.join(", ")} could not be estimated.`);
  const variables = Object.values(fixed.variables);
  if (variables.length === 0) return none("The model has no fixed-effect predictors to plot.");
  const factors = variables.filter((v): v is FactorFrameVariable => v.kind === "factor" && v.levels.length <= MAX_LINES);
  const predictors = variables.slice(0, MAX_PREDICTORS);
  const inverse = model.link && model.family !== "gaussian" ? makeFamily(model.family, model.link).link.linkinv : (eta: number) => eta;
  const curves: EffectCurve[] = [];
  let budget = MAX_DESIGN_ROWS;
  for (const x of predictors) {
    if (x.kind === "factor" && x.levels.length > MAX_X_LEVELS) continue;
    for (const by of [null, ...factors.filter((f) => f.name !== x.name)]) {
      const cost = rowsNeeded(variables, x, by);
      if (cost > budget) continue;
      const curve = curveOf(model, variables, x, by, inverse);
      if (curve) (curves.push(curve), (budget -= cost));
    }
  }
  return {
    predictors: [...new Set(curves.map((c) => c.x))],
    factors: factors.map((f) => f.name),
    curves,
    yLabel,
    unavailable: curves.length ? null : "The model's factors have too many combinations of levels to average over.",
  };
}

function curveOf(
  model: EffectModel,
  variables: readonly FrameVariable[],
  x: FrameVariable,
  by: FactorFrameVariable | null,
  inverse: (eta: number) => number,
): EffectCurve | null {
  const others = variables.filter((v): v is FactorFrameVariable => v.kind === "factor" && v.name !== x.name && v.name !== by?.name);
  const combos = gridCombinations(others);
  if (combos.length > MAX_AVERAGED) return null;
  const base = new Map<string, number>();
  for (const v of variables) if (v.kind !== "factor") base.set(v.name, mean(v.values));
  const at: (number | string)[] = x.kind !== "factor" ? numericGrid(x.values) : [...x.levels];
  const lines: EffectLine[] = (by ? by.levels : [null]).map((level, b) => {
    const estimate: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    at.forEach((value, i) => {
      const point = new Map(base);
      point.set(x.name, x.kind !== "factor" ? (value as number) : i);
      if (by) point.set(by.name, b);
      const l = averagedRow(model.fixed, point, others, combos);
      const eta = dot(l, model.beta) + (model.offset ?? 0);
      const se = Math.sqrt(Math.max(0, quadratic(l, model.vcov)));
      estimate.push(inverse(eta));
      // a decreasing inverse link (inverse, 1/mu^2) swaps the ends
      const end1 = inverse(eta - Z975 * se);
      const end2 = inverse(eta + Z975 * se);
      lower.push(Math.min(end1, end2));
      upper.push(Math.max(end1, end2));
    });
    return { level, estimate, lower, upper };
  });
  return { x: x.kind === "poly" ? x.source : x.name, xKind: x.kind === "factor" ? "factor" : "numeric", at, by: by?.name ?? null, lines };
}

/** Design rows a curve needs: x points × lines × combinations averaged over. */
function rowsNeeded(variables: readonly FrameVariable[], x: FrameVariable, by: FactorFrameVariable | null): number {
  let combos = 1;
  for (const v of variables) if (v.kind === "factor" && v.name !== x.name && v.name !== by?.name) combos *= v.levels.length;
  const points = x.kind !== "factor" ? NUMERIC_POINTS : x.levels.length;
  return combos * points * (by ? by.levels.length : 1);
}

function averagedRow(fixed: FixedDesign, point: Map<string, number>, others: readonly FactorFrameVariable[], combos: readonly Int32Array[]): Float64Array {
  const sum = new Float64Array(fixed.p);
  for (const combo of combos) {
    others.forEach((f, j) => point.set(f.name, combo[j]));
    const row = designRow(fixed, point);
    for (let k = 0; k < row.length; k++) sum[k] += row[k] / combos.length;
  }
  return sum;
}

function numericGrid(values: Float64Array): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  if (lo === hi) return [lo];
  return Array.from({ length: NUMERIC_POINTS }, (_, i) => lo + ((hi - lo) * i) / (NUMERIC_POINTS - 1));
}

function mean(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** ℓᵀVℓ with V p × p column-major. */
function quadratic(l: Float64Array, v: Float64Array): number {
  const p = l.length;
  let s = 0;
  for (let j = 0; j < p; j++) {
    if (l[j] === 0) continue;
    let col = 0;
    for (let i = 0; i < p; i++) col += v[i + j * p] * l[i];
    s += l[j] * col;
  }
  return s;
}
