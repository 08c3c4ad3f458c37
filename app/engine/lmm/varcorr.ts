/**
 * lme4's as.data.frame(VarCorr(fit)) rows for the random-effect terms (VarCorr.merMod): per term
 * the variances σ²·(ΛΛᵀ)ₐₐ, then the correlations of its lower triangle, column by column. The LMM
 * passes its residual σ (and adds the Residual row itself); a GLMM passes σ = 1.
 */
import { fillLambda, type ThetaLayout } from "./theta";
import type { VarCorrRow } from "./types";

/** What VarCorr needs to know about one random-effect term. */
export interface VarCorrTerm {
  readonly group: string;
  readonly k: number;
  readonly effectNames: readonly string[];
}

export function randomEffectVarCorr(
  terms: readonly VarCorrTerm[],
  layout: ThetaLayout,
  theta: ArrayLike<number>,
  sigma: number,
): VarCorrRow[] {
  const rows: VarCorrRow[] = [];
  terms.forEach((t, ti) => {
    const k = t.k;
    const lam = new Float64Array(k * k);
    fillLambda(theta, layout, ti, lam);
    const cov = (a: number, c: number) => {
      let s = 0;
      for (let e = 0; e <= Math.min(a, c); e++) s += lam[a + e * k] * lam[c + e * k];
      return s * sigma * sigma;
    };
    for (let a = 0; a < k; a++) {
      const v = cov(a, a);
      rows.push({ group: t.group, name1: t.effectNames[a], name2: null, kind: "variance", value: v, sd: Math.sqrt(v) });
    }
    for (let c = 0; c < k; c++) {
      for (let a = c + 1; a < k; a++) {
        const value = cov(a, c) / Math.sqrt(cov(a, a) * cov(c, c));
        rows.push({ group: t.group, name1: t.effectNames[c], name2: t.effectNames[a], kind: "correlation", value, sd: null });
      }
    }
  });
  return rows;
}
