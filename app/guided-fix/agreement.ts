/**
 * lme4's allFit verdict: compare every optimiser's run with the best one (lowest criterion) and
 * say whether they agree — criterion within 1e-4, every β within 1e-3 of its SE, every
 * random-effect SD (and σ) within 1e-3 relative, relative to at least `sdFloor`·σ near zero
 * (LMMs 1e-2; GLMMs, σ = 1 on the link scale, 0.1: allFit's optimisers leave a zero SD anywhere
 * up to ~5e-5 there).
 */
import type { OptimizerComparison, OptimizerRun } from "./types";

const OBJECTIVE_TOL = 1e-4;
const BETA_TOL = 1e-3;
const SD_TOL = 1e-3;

/** One optimiser's end point before it is compared with the others. */
export type RawRun = Omit<OptimizerRun, "objectiveDifference" | "maxBetaDifference" | "maxSdDifference" | "agrees"> & { readonly sds: readonly number[] };

/** The run with the lowest criterion (the reference the others are compared with). */
export function bestRun(runs: readonly RawRun[]): RawRun {
  return runs.reduce((b, r) => (r.objective < b.objective ? r : b));
}

/** Compare the runs with `best`; `se` are the best fit's standard errors of β. */
export function compareRuns(runs: readonly RawRun[], best: RawRun, se: readonly number[], sdFloor = 1e-2): OptimizerComparison {
  const compared: OptimizerRun[] = runs.map(({ sds, ...r }) => {
    const objectiveDifference = r.objective - best.objective;
    const maxBetaDifference = Math.max(0, ...r.beta.map((b, j) => Math.abs(b - best.beta[j]) / se[j]));
    const maxSdDifference = Math.max(0, ...sds.map((s, j) => Math.abs(s - best.sds[j]) / Math.max(Math.abs(best.sds[j]), sdFloor * best.sigma)));
    const agrees = objectiveDifference <= OBJECTIVE_TOL && maxBetaDifference <= BETA_TOL && maxSdDifference <= SD_TOL;
    return { ...r, objectiveDifference, maxBetaDifference, maxSdDifference, agrees };
  });
  const allAgree = compared.every((r) => r.agrees);
  const differing = compared.filter((r) => !r.agrees).map((r) => r.optimizer);
  const message = allAgree
    ? "All optimisers reach the same estimates: the fit can be trusted even if a convergence warning was given."
    : `The optimisers disagree (${differing.join(", ")} ${differing.length === 1 ? "differs" : "differ"} from the best fit): the estimates are not well determined; simplify the random effects or rescale predictors.`;
  return { runs: compared, allAgree, message };
}

/** Random-effect SDs from each term's template Λ: scale times the norm of each row. */
export function templateRowNorms(lambdas: readonly { readonly k: number; readonly lambda: Float64Array }[], scale: number): number[] {
  const out: number[] = [];
  for (const { k, lambda } of lambdas) {
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let c = 0; c <= a; c++) s += lambda[a + c * k] ** 2;
      out.push(scale * Math.sqrt(s));
    }
  }
  return out;
}

/** One optimiser's run with the standard errors of β at its own estimates (one part of a check). */
export interface RunWithSe {
  readonly run: RawRun;
  readonly se: readonly number[];
}

/**
 * Compare runs made separately (in one thread or side by side in workers): the best run's SEs are
 * those it computed itself, so the verdict is the same however the runs were spread.
 */
export function compareRunsWithSe(runs: readonly RunWithSe[], sdFloor?: number): OptimizerComparison {
  const raw = runs.map((r) => r.run);
  const best = bestRun(raw);
  return compareRuns(raw, best, runs[raw.indexOf(best)].se, sdFloor);
}
