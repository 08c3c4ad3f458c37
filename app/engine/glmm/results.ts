/**
 * What lme4 reports about a glmer fit, from the problem's state at the optimum: Wald z tests
 * (summary.merMod: z = β̂/se, p = 2Φ(−|z|)), VarCorr with σ = 1, conditional modes b = Λû with
 * conditional SDs from the PIRLS factor (ranef(condVar = TRUE)), fitted values on the response
 * scale, deviance and Pearson residuals (residuals.glmResp), and for Poisson fits the Pearson χ²
 * overdispersion ratio as performance::check_overdispersion computes it.
 */
import { pchisq, pnorm } from "../../stats";
import type { BlockedFactor } from "../lmm/blocked-factor";
import { conditionalSds } from "../lmm/cond-var";
import { fillLambda } from "../lmm/theta";
import { randomEffectVarCorr } from "../lmm/varcorr";
import type { FixedEffectRow, RanefBlock, VarCorrRow } from "../lmm/types";
import type { GlmmProblem } from "./problem";
import type { OverdispersionCheck } from "./types";

export function fixedEffectRows(names: readonly string[], beta: Float64Array, vcov: Float64Array): FixedEffectRow[] {
  const p = beta.length;
  return names.map((term, i) => {
    const se = Math.sqrt(vcov[i + i * p]);
    const z = beta[i] / se;
    return { term, estimate: beta[i], se, statistic: z, p: 2 * pnorm(-Math.abs(z)) };
  });
}

/**
 * lme4's as.data.frame(VarCorr(fit)) for a GLMM: per term variances, then correlations; no
 * Residual row. σ is 1 for binomial and Poisson (multiplying by 1 leaves every value bit for bit);
 * lme4 scales by sigma() for families with a dispersion.
 */
export function varCorrRows(problem: GlmmProblem, theta: ArrayLike<number>, sigma = 1): VarCorrRow[] {
  return randomEffectVarCorr(problem.terms, problem.theta, theta, sigma);
}

/**
 * Conditional modes b = Λû and their conditional SDs (σ = 1), merged per grouping factor as
 * ranef() does; the SDs from the Z part of `factor` (the joint factor for an nAGQ = 0 fit).
 */
export function ranefRows(problem: GlmmProblem, theta: ArrayLike<number>, factor: BlockedFactor = problem.factorU, sigma = 1): RanefBlock[] {
  const condsd = conditionalSds(factor, sigma);
  const blocks = new Map<string, { levels: readonly string[]; terms: string[]; values: number[][]; condsd: number[][] }>();
  problem.terms.forEach((t, ti) => {
    const { k, nl } = t;
    const lam = new Float64Array(k * k);
    fillLambda(theta, problem.theta, ti, lam);
    const off = problem.uOff[ti];
    let blk = blocks.get(t.group);
    if (!blk) {
      blk = { levels: t.levels, terms: [], values: [], condsd: [] };
      blocks.set(t.group, blk);
    }
    for (let a = 0; a < k; a++) {
      blk.terms.push(t.effectNames[a]);
      blk.values.push(
        Array.from({ length: nl }, (_, l) => {
          let s = 0;
          for (let e = 0; e <= a; e++) s += lam[a + e * k] * problem.u[off + l * k + e];
          return s;
        }),
      );
      blk.condsd.push(Array.from({ length: nl }, (_, l) => condsd[ti][l * k + a]));
    }
  });
  return [...blocks].map(([group, v]) => ({ group, terms: v.terms, levels: v.levels, values: v.values, condsd: v.condsd }));
}

export interface Residuals {
  readonly deviance: Float64Array;
  readonly pearson: Float64Array;
}

/** Deviance residuals sign(y − μ)√dᵢ and Pearson residuals (y − μ)√a / √V(μ). */
export function residualsAt(problem: GlmmProblem): Residuals {
  const { n, y, mu, wt, family } = problem;
  const deviance = new Float64Array(n);
  const pearson = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const d = y[r] - mu[r];
    deviance[r] = Math.sign(d) * Math.sqrt(Math.max(0, family.devResid(y[r], mu[r], wt[r])));
    pearson[r] = (d * Math.sqrt(wt[r])) / Math.sqrt(family.variance(mu[r]));
  }
  return { deviance, pearson };
}

/** performance::check_overdispersion for a Poisson GLMM: Σ Pearson², nobs − npar, ratio, χ² p-value. */
export function overdispersion(pearson: Float64Array, npar: number): OverdispersionCheck {
  let chisq = 0;
  for (let r = 0; r < pearson.length; r++) chisq += pearson[r] * pearson[r];
  const rdf = pearson.length - npar;
  return { chisq, rdf, ratio: chisq / rdf, p: pchisq(chisq, rdf, false) };
}
