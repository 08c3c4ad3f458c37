/**
 * What the plots of a residual-structure fit read, at the optimum (Pinheiro & Bates 2000, §2.2 and
 * §5.1; nlme's ranef, fitted, residuals): with the rows whitened by W_i (whiten.ts, W_iᵀW_i = Λ_i⁻¹),
 * per random-effects group j
 *   M_j = ΛθᵀZ̃_jᵀZ̃_jΛθ + I,   b_j = Λθ M_j⁻¹ ΛθᵀZ̃_jᵀ(ỹ_j − X̃_jβ)   (the BLUP, nlme's ranef(m)),
 *   Var(b_j | y) = σ² Λθ M_j⁻¹ Λθᵀ = (D⁻¹ + Z_jᵀR_j⁻¹Z_j)⁻¹          (lme4's condVar for this model),
 * and per row (model-frame order) the level-1 fitted value Xβ + Zb (fitted(m)), the raw residual,
 * and the Pearson residual (raw / (σ · the row's varIdent SD ratio); residuals(m, type = "pearson")).
 * Not the normalized residual: nlme whitens a group's rows in their data order, so its
 * "normalized" residuals change with the row order of the data (checked on simlong, whose rows are
 * shuffled; they agree where the rows are in time order).
 */
import { backSolveLowerTransposed, forwardSolveLower } from "../../linalg";
import type { ModelFrame } from "../model-frame";
import type { ResidualLayout } from "./layout";
import { cholesky, type ResidualObjective } from "./objective";
import { whiten } from "./whiten";
import type { NlmeRanef, NlmeRows } from "./types";

export function conditionalResults(
  frame: ModelFrame,
  layout: ResidualLayout,
  objective: ResidualObjective,
  x: Float64Array,
  beta: Float64Array,
  sigma: number,
): { ranef: NlmeRanef; rows: NlmeRows } {
  const { n, q, p, m, groupStart, order } = layout;
  const sd = new Float64Array(layout.strata.length).fill(1);
  const ratioStart = objective.nTheta + (objective.hasCor ? 1 : 0);
  for (let k = 0; k < objective.nRatios; ++k) sd[k + 1] = Math.exp(x[ratioStart + k]);
  const cor = objective.hasCor ? objective.correlationOf(x[objective.nTheta]) : 0;
  const white = new Float64Array(n * m);
  whiten(layout, objective.kind, cor, sd, white);
  const lambda = lambdaOf(objective, x);
  const nGroups = groupStart.length - 1;
  const b = new Float64Array(nGroups * q);
  const condsd = new Float64Array(nGroups * q);
  for (let g = 0; g < nGroups; ++g) groupModes(white, layout, lambda, beta, sigma, g, b, condsd);
  const terms = frame.random.flatMap((t) => t.effectNames);
  const term0 = frame.random[0];
  const levels = Array.from({ length: nGroups }, (_, g) => term0.levels[term0.levelOfRow[order[groupStart[g]]]]);
  const values = terms.map((_, i) => Array.from({ length: nGroups }, (_, g) => b[g * q + i]));
  const sds = terms.map((_, i) => Array.from({ length: nGroups }, (_, g) => condsd[g * q + i]));
  const rows = { observed: Float64Array.from(frame.y), fitted: new Float64Array(n), residuals: new Float64Array(n), pearson: new Float64Array(n) };
  let g = 0;
  for (let s = 0; s < n; ++s) {
    while (groupStart[g + 1] <= s) ++g;
    const r = order[s];
    const base = s * m;
    let eta = 0;
    for (let j = 0; j < p; ++j) eta += layout.data[base + q + j] * beta[j];
    for (let i = 0; i < q; ++i) eta += layout.data[base + i] * b[g * q + i];
    const offset = frame.offset ? frame.offset[r] : 0;
    rows.fitted[r] = eta + offset;
    rows.residuals[r] = frame.y[r] - rows.fitted[r];
    rows.pearson[r] = rows.residuals[r] / (sigma * sd[layout.stratum[s]]);
  }
  return { ranef: { group: term0.group, terms, levels, values, condsd: sds }, rows };
}

function lambdaOf(objective: ResidualObjective, x: Float64Array): Float64Array {
  const { q, rows, cols } = objective.template;
  const lambda = new Float64Array(q * q);
  for (let t = 0; t < objective.nTheta; ++t) lambda[rows[t] + cols[t] * q] = x[t];
  return lambda;
}

/** b_j and the SDs of Var(b_j | y) for random-effects group g, into b and condsd at g·q. */
function groupModes(
  white: Float64Array,
  layout: ResidualLayout,
  lambda: Float64Array,
  beta: Float64Array,
  sigma: number,
  g: number,
  b: Float64Array,
  condsd: Float64Array,
): void {
  const { q, p, m, groupStart } = layout;
  const ZtZ = new Float64Array(q * q);
  const Ztr = new Float64Array(q);
  for (let s = groupStart[g]; s < groupStart[g + 1]; ++s) {
    const base = s * m;
    let r = white[base + q + p];
    for (let j = 0; j < p; ++j) r -= white[base + q + j] * beta[j];
    for (let i = 0; i < q; ++i) {
      Ztr[i] += white[base + i] * r;
      for (let k = 0; k < q; ++k) ZtZ[i + k * q] += white[base + i] * white[base + k];
    }
  }
  // M = ΛᵀZtZΛ + I, c = ΛᵀZtr
  const ZL = new Float64Array(q * q);
  for (let i = 0; i < q; ++i) for (let j = 0; j < q; ++j) {
    let v = 0;
    for (let k = 0; k < q; ++k) v += ZtZ[i + k * q] * lambda[k + j * q];
    ZL[i + j * q] = v;
  }
  const M = new Float64Array(q * q);
  const c = new Float64Array(q);
  for (let i = 0; i < q; ++i) {
    for (let j = 0; j < q; ++j) {
      let v = i === j ? 1 : 0;
      for (let k = 0; k < q; ++k) v += lambda[k + i * q] * ZL[k + j * q];
      M[i + j * q] = v;
    }
    for (let k = 0; k < q; ++k) c[i] += lambda[k + i * q] * Ztr[k];
  }
  if (!cholesky(M, q)) {
    b.fill(NaN, g * q, (g + 1) * q);
    condsd.fill(NaN, g * q, (g + 1) * q);
    return;
  }
  // u = M⁻¹ c with M = L Lᵀ (c becomes u)
  forwardSolveLower(M, q, q, 0, c);
  backSolveLowerTransposed(M, q, q, 0, c);
  const w = new Float64Array(q);
  for (let i = 0; i < q; ++i) {
    let v = 0;
    for (let k = 0; k < q; ++k) v += lambda[i + k * q] * c[k];
    b[g * q + i] = v;
    // Var(b_i | y) = σ² ‖L⁻¹ (row i of Λ)ᵀ‖²
    for (let a = 0; a < q; ++a) w[a] = lambda[i + a * q];
    forwardSolveLower(M, q, q, 0, w);
    let ss = 0;
    for (let a = 0; a < q; ++a) ss += w[a] * w[a];
    condsd[g * q + i] = sigma * Math.sqrt(ss);
  }
}
