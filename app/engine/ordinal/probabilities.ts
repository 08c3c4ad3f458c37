/**
 * Marginal probabilities of the outcome's categories, as emmeans(m, ~ A, mode = "prob") and the
 * mean class (mode = "mean.class") for a clmm fit (emmeans' ordinal support, R/ordinal-support.R):
 * on emmeans' reference grid (every combination of factor levels, numbers at their mean, random
 * effects at 0) the probability of category j at a grid point is F(θ_j − xβ) − F(θ_{j−1} − xβ);
 * marginal values average the grid points of each level of A with equal weights; standard errors
 * by the delta method with the covariance of (θ, β), intervals as asymptotic z intervals.
 */
import { MixwellError } from "../../errors";
import { designRow, gridCombinations, referenceGrid, type GridPoint } from "../../emmeans/reference-grid";
import type { ModelFrame } from "../model-frame";
import { cumulativeLink } from "./links";
import type { OrdinalFit } from "./run";

export interface CategoryProbability {
  /** The level of the factor the probabilities are for (empty for the overall average). */
  readonly level: string;
  /** Outcome category, or "mean.class" for the expected class 1…J. */
  readonly category: string;
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
}

const Z975 = 1.959963984540054;

/** P(Y = j) and its gradient over (θ, β) at linear predictor η = xβ for the design row x (no intercept). */
function categoryProbabilities(fit: OrdinalFit, x: Float64Array): { p: number[]; grad: Float64Array[] } {
  const link = cumulativeLink(fit.link);
  const J = fit.levels.length;
  const nt = J - 1;
  const nb = fit.fixef.length;
  let eta = 0;
  for (let k = 0; k < nb; k++) eta += x[k] * fit.fixef[k].estimate;
  const F = (j: number): number => (j < 0 ? 0 : j >= nt ? 1 : link.cdfBoth(fit.thresholds[j].estimate - eta)[0]);
  const f = (j: number): number => (j < 0 || j >= nt ? 0 : link.density(fit.thresholds[j].estimate - eta));
  const p: number[] = [];
  const grad: Float64Array[] = [];
  for (let j = 0; j < J; j++) {
    p.push(F(j) - F(j - 1));
    const g = new Float64Array(nt + nb);
    if (j < nt) g[j] += f(j);
    if (j - 1 >= 0) g[j - 1] -= f(j - 1);
    for (let k = 0; k < nb; k++) g[nt + k] = -x[k] * (f(j) - f(j - 1));
    grad.push(g);
  }
  return { p, grad };
}

function quadraticForm(V: Float64Array, g: Float64Array): number {
  const m = g.length;
  let s = 0;
  for (let c = 0; c < m; c++) for (let r = 0; r < m; r++) s += g[r] * V[c * m + r] * g[c];
  return s;
}

/**
 * Probabilities of each category (and the mean class) for each level of `factor`, or over the
 * whole grid when `factor` is null.
 */
export function ordinalProbabilities(fit: OrdinalFit, frame: ModelFrame, factor: string | null): CategoryProbability[] {
  const grid = referenceGrid(frame.fixed);
  const index = factor === null ? -1 : grid.factors.findIndex((f) => f.name === factor);
  if (factor !== null && index < 0) throw new MixwellError(`'${factor}' is not a categorical predictor of the model.`);
  const intercept = frame.fixed.names.indexOf("(Intercept)");
  const groups = factor === null ? [""] : grid.factors[index].levels;
  const J = fit.levels.length;
  const m = fit.thresholds.length + fit.fixef.length;
  const sums = groups.map(() => ({ count: 0, p: new Float64Array(J), grad: Array.from({ length: J }, () => new Float64Array(m)) }));
  for (const combo of gridCombinations(grid.factors)) {
    const point = new Map<string, number>(grid.covariates);
    grid.factors.forEach((f, i) => point.set(f.name, combo[i]));
    const full = designRow(frame.fixed, point as GridPoint);
    const x = Float64Array.from(full.filter((_, j) => j !== intercept));
    const { p, grad } = categoryProbabilities(fit, x);
    const s = sums[factor === null ? 0 : combo[index]];
    s.count++;
    for (let j = 0; j < J; j++) {
      s.p[j] += p[j];
      for (let k = 0; k < m; k++) s.grad[j][k] += grad[j][k];
    }
  }
  const out: CategoryProbability[] = [];
  groups.forEach((level, gi) => {
    const s = sums[gi];
    const row = (category: string, estimate: number, g: Float64Array): void => {
      const se = Math.sqrt(quadraticForm(fit.vcov, g));
      out.push({ level, category, estimate, se, lower: estimate - Z975 * se, upper: estimate + Z975 * se });
    };
    const meanGrad = new Float64Array(m);
    let mean = 0;
    for (let j = 0; j < J; j++) {
      const g = s.grad[j].map((v) => v / s.count);
      row(fit.levels[j], s.p[j] / s.count, g);
      mean += (j + 1) * (s.p[j] / s.count);
      for (let k = 0; k < m; k++) meanGrad[k] += (j + 1) * g[k];
    }
    row("mean.class", mean, meanGrad);
  });
  return out;
}
