/**
 * Everything lme4 reports about a fitted LMM, computed from the problem at θ̂: fixed effects and
 * their covariance, VarCorr, conditional modes with conditional SDs, fitted values, information
 * criteria (lme4's logLik.merMod, VarCorr.merMod, ranef.merMod).
 */
import type { ModelFrame } from "../model-frame/types";
import type { FixedEffectRow, RanefBlock, VarCorrRow } from "./types";
import { conditionalSds } from "./cond-var";
import type { LmmProblem, LmmSolveResult } from "./problem";
import { fillLambda } from "./theta";
import { randomEffectVarCorr } from "./varcorr";

export interface FitPieces {
  readonly sigma: number;
  readonly solution: LmmSolveResult;
  readonly vcovBeta: Float64Array;
  readonly fixef: FixedEffectRow[];
  readonly varcorr: VarCorrRow[];
  readonly ranef: RanefBlock[];
  readonly fitted: Float64Array;
  readonly residuals: Float64Array;
  /** Random effects b = Λu per term (lme4 order), level-major. */
  readonly b: Float64Array[];
}

export function computePieces(frame: ModelFrame, problem: LmmProblem, theta: Float64Array): FitPieces {
  const solution = problem.solve(theta);
  const sigma = problem.sigmaAt(theta);
  const vcovBeta = problem.vcovBetaAt(theta, sigma);
  const { p } = problem;
  const fixef: FixedEffectRow[] = frame.fixed.names.map((term, i) => {
    const se = Math.sqrt(vcovBeta[i + i * p]);
    return { term, estimate: solution.beta[i], se, statistic: solution.beta[i] / se };
  });
  problem.update(theta);
  const b = problem.terms.map((t, ti) => lambdaTimes(problem, theta, ti, solution.u[ti]));
  const condsd = conditionalSds(problem.factor, sigma);
  const { fitted, residuals } = fittedValues(frame, problem, solution.beta, b);
  return {
    sigma,
    solution,
    vcovBeta,
    fixef,
    varcorr: varCorr(problem, theta, sigma),
    ranef: ranefBlocks(problem, b, condsd),
    fitted,
    residuals,
    b,
  };
}

function lambdaTimes(problem: LmmProblem, theta: Float64Array, t: number, u: Float64Array): Float64Array {
  const { k, nl } = problem.terms[t];
  const lam = new Float64Array(k * k);
  fillLambda(theta, problem.theta, t, lam);
  const out = new Float64Array(nl * k);
  for (let l = 0; l < nl; l++) {
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let e = 0; e <= a; e++) s += lam[a + e * k] * u[l * k + e];
      out[l * k + a] = s;
    }
  }
  return out;
}

function fittedValues(frame: ModelFrame, problem: LmmProblem, beta: Float64Array, b: Float64Array[]) {
  const { n, p } = problem;
  const { X } = frame.fixed;
  // Fitted values include the offset (lme4's fitted(), predict()); y − fitted is then the residual.
  const fitted = frame.offset ? Float64Array.from(frame.offset) : new Float64Array(n);
  for (let c = 0; c < p; c++) {
    const bc = beta[c];
    for (let r = 0; r < n; r++) fitted[r] += X[r + c * n] * bc;
  }
  problem.terms.forEach((t, ti) => {
    const Z = t.rawZ;
    for (let r = 0; r < n; r++) {
      const l = t.levelOfRow[r];
      for (let a = 0; a < t.k; a++) fitted[r] += Z[r + a * n] * b[ti][l * t.k + a];
    }
  });
  const residuals = new Float64Array(n);
  for (let r = 0; r < n; r++) residuals[r] = frame.y[r] - fitted[r];
  return { fitted, residuals };
}

/** lme4's as.data.frame(VarCorr(fit)) order: per term variances, then correlations (lower triangle by column); Residual last. */
function varCorr(problem: LmmProblem, theta: Float64Array, sigma: number): VarCorrRow[] {
  const rows = randomEffectVarCorr(problem.terms, problem.theta, theta, sigma);
  rows.push({ group: "Residual", name1: "", name2: null, kind: "variance", value: sigma * sigma, sd: sigma });
  return rows;
}

/** Conditional modes per grouping factor; terms sharing a factor ((x || g)) merge as lme4's ranef() does. */
function ranefBlocks(problem: LmmProblem, b: Float64Array[], condsd: Float64Array[]): RanefBlock[] {
  const blocks = new Map<string, { levels: readonly string[]; terms: string[]; values: number[][]; condsd: number[][] }>();
  problem.terms.forEach((t, ti) => {
    let blk = blocks.get(t.group);
    if (!blk) {
      blk = { levels: t.levels, terms: [], values: [], condsd: [] };
      blocks.set(t.group, blk);
    }
    for (let a = 0; a < t.k; a++) {
      blk.terms.push(t.effectNames[a]);
      blk.values.push(Array.from({ length: t.nl }, (_, l) => b[ti][l * t.k + a]));
      blk.condsd.push(Array.from({ length: t.nl }, (_, l) => condsd[ti][l * t.k + a]));
    }
  });
  return [...blocks].map(([group, v]) => ({ group, terms: v.terms, levels: v.levels, values: v.values, condsd: v.condsd }));
}
