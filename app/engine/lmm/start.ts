/**
 * Starting values for θ.
 *
 * lme4Start is lme4's own start (lme4 1.1-31, mkLmerDevfun): θ₀ = 1 on the diagonals, 0 off
 * them, except when every random-effect term is a scalar intercept with its own grouping factor:
 * then vᶠ = var(ave(y, f)) for each factor (the variance over the rows of the rows' group means,
 * denominator n − 1), v.e = var(y) − Σ vᶠ and, when v.e > 0, θ₀ = √(vᶠ / v.e). Starting where
 * lme4 starts is what lets BOBYQA follow lme4's evaluations to lme4's optimum.
 *
 * momentStart is an alternative for scalar intercept terms (the idea of lme4 PR #245, refined):
 * from the OLS residuals e, the between-group variance of a factor's group means, less the part
 * that within-group noise contributes (σ²_within · mean(1/n_g)), gives τ²; θ = τ/σ with σ² the
 * OLS variance less Σ τ². It is often closer, but it leads the optimiser along another path, so it
 * stops at a (slightly) different point than lme4 does.
 */
import { smallCholesky, backSolveLowerTransposed, forwardSolveLower } from "../../linalg";
import type { BlockedLayout, TermData } from "./structure";
import { thetaStart, type ThetaLayout } from "./theta";

/**
 * lme4's start for a model with these terms (in θ's order) and raw response y (R's var and mean
 * use long-double sums; compensated sums come close to that).
 */
export function lme4Start(terms: readonly TermData[], tl: ThetaLayout, y: Float64Array): Float64Array {
  const theta = thetaStart(tl);
  const scalarIntercepts = terms.every((t) => t.k === 1 && t.effectNames[0] === "(Intercept)");
  if (!scalarIntercepts || new Set(terms.map((t) => t.group)).size !== terms.length) return theta;
  const v = terms.map((t) => variance(groupMeans(t, y)));
  const ve = variance(y) - v.reduce((a, b) => a + b, 0);
  if (!(ve > 0)) return theta;
  // lme4 also requires v/v.e ≥ lower² (= 0), which holds for variances.
  terms.forEach((_, i) => (theta[tl.offsets[i]] = Math.sqrt(v[i] / ve)));
  return theta;
}

/** R's ave(y, f): each row's group mean. */
function groupMeans(t: TermData, y: Float64Array): Float64Array {
  const sum = new Float64Array(t.nl);
  const comp = new Float64Array(t.nl);
  const cnt = new Float64Array(t.nl);
  for (let r = 0; r < y.length; r++) {
    const g = t.levelOfRow[r];
    neumaierAdd(sum, comp, g, y[r]);
    cnt[g]++;
  }
  const out = new Float64Array(y.length);
  for (let r = 0; r < y.length; r++) {
    const g = t.levelOfRow[r];
    out[r] = (sum[g] + comp[g]) / cnt[g];
  }
  return out;
}

/** R's var(x): two passes, denominator n − 1. */
function variance(x: Float64Array): number {
  const n = x.length;
  const acc = new Float64Array(1);
  const comp = new Float64Array(1);
  for (let i = 0; i < n; i++) neumaierAdd(acc, comp, 0, x[i]);
  const mean = (acc[0] + comp[0]) / n;
  acc[0] = 0;
  comp[0] = 0;
  for (let i = 0; i < n; i++) neumaierAdd(acc, comp, 0, (x[i] - mean) * (x[i] - mean));
  return (acc[0] + comp[0]) / (n - 1);
}

/** Neumaier's compensated summation of v into sum[i] (compensation in comp[i]). */
function neumaierAdd(sum: Float64Array, comp: Float64Array, i: number, v: number): void {
  const s = sum[i];
  const t = s + v;
  comp[i] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
  sum[i] = t;
}

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
