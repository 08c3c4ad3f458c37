/**
 * Starting values for θ. lme4 starts at θ₀ = 1 (diagonals) / 0 (off-diagonals). For scalar
 * intercept terms a moment estimate is much closer to the optimum and saves a large share of the
 * evaluations on big crossed designs (the idea of lme4 PR #245): from the OLS residuals e,
 * the between-group variance of a factor's group means, less the part that within-group noise
 * contributes (σ²_within · mean(1/n_g)), gives τ²; θ = τ/σ with σ² the OLS variance less Σ τ².
 */
import { smallCholesky, backSolveLowerTransposed, forwardSolveLower } from "../../linalg";
import type { BlockedLayout, TermData } from "./structure";
import { thetaStart, type ThetaLayout } from "./theta";

/** Floor of a moment-start θ (a start on the bound is avoided: the optimiser should see both sides). */
const MIN_START = 0.05;

export interface MomentStart {
  readonly theta: Float64Array;
  /** True when every θ got a moment estimate (all terms are scalar random intercepts). */
  readonly complete: boolean;
}

export function momentStart(layout: BlockedLayout, tl: ThetaLayout): MomentStart {
  const theta = thetaStart(tl);
  const e = olsResiduals(layout);
  if (!e) return { theta, complete: false };
  const { n, p } = layout;
  let rss = 0;
  for (let r = 0; r < n; r++) rss += e[r] * e[r];
  const total = rss / Math.max(1, n - p);
  const tau2 = layout.terms.map((t) => (isIntercept(t, layout.sqrtW) ? betweenVariance(t, e, n) : null));
  const sumTau = tau2.reduce<number>((s, v) => s + (v ?? 0), 0);
  const sigma2 = Math.max(total - sumTau, 0.1 * total);
  tau2.forEach((v, t) => {
    if (v !== null && sigma2 > 0) theta[tl.offsets[t]] = Math.max(MIN_START, Math.sqrt(v / sigma2));
  });
  return { theta, complete: tau2.every((v) => v !== null) };
}

/** Whether the term is a scalar random intercept (Z is the weights' square roots, or all 1). */
function isIntercept(t: TermData, sqrtW: Float64Array | null): boolean {
  if (t.k !== 1) return false;
  for (let r = 0; r < t.rawZ.length; r++) if (t.rawZ[r] !== 1) return false;
  return sqrtW === null;
}

function olsResiduals(layout: BlockedLayout): Float64Array | null {
  const { n, p, xOff, nt, tailA, X, y } = layout;
  const xtx = new Float64Array(p * p);
  const beta = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < p; i++) xtx[i + j * p] = tailA[xOff + i + (xOff + j) * nt];
    beta[j] = tailA[xOff + j + (nt - 1) * nt];
  }
  if (p > 0 && !smallCholesky(xtx, p, 0)) return null;
  forwardSolveLower(xtx, p, p, 0, beta);
  backSolveLowerTransposed(xtx, p, p, 0, beta);
  const e = Float64Array.from(y);
  for (let c = 0; c < p; c++) for (let r = 0; r < n; r++) e[r] -= X[r + c * n] * beta[c];
  return e;
}

function betweenVariance(t: TermData, e: Float64Array, n: number): number {
  const G = t.nl;
  if (G < 2) return 0;
  const sum = new Float64Array(G);
  const cnt = new Float64Array(G);
  for (let r = 0; r < n; r++) {
    sum[t.levelOfRow[r]] += e[r];
    cnt[t.levelOfRow[r]]++;
  }
  let within = 0;
  for (let r = 0; r < n; r++) {
    const g = t.levelOfRow[r];
    const d = e[r] - sum[g] / cnt[g];
    within += d * d;
  }
  within /= Math.max(1, n - G);
  let mean = 0;
  let invN = 0;
  let used = 0;
  for (let g = 0; g < G; g++) {
    if (cnt[g] === 0) continue;
    mean += sum[g] / cnt[g];
    invN += 1 / cnt[g];
    used++;
  }
  mean /= used;
  invN /= used;
  let between = 0;
  for (let g = 0; g < G; g++) if (cnt[g] > 0) between += (sum[g] / cnt[g] - mean) ** 2;
  between /= Math.max(1, used - 1);
  return Math.max(0, between - within * invN);
}
