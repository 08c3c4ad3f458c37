/**
 * Plain-words warnings for (quasi-)complete separation in binomial fits, which lme4 fits without
 * complaint but with meaningless, huge estimates: fitted probabilities numerically 0 or 1 (R's
 * glm.fit warns at 10·ε; we use 1e-8 on the response scale, since the Laplace fit stops earlier),
 * and fixed effects whose effect over their column's range exceeds 15 on the link scale (an odds
 * ratio above 3 million for logit) together with |z| < 2.
 */
import type { GlmmProblem } from "./problem";

const PROB_EPS = 1e-8;
const HUGE_EFFECT = 15;

/**
 * The fixed effects (their column indices) whose effect over their column's range — 1 for the
 * intercept — exceeds 15 on the link scale while |z| < 2: estimates that ran off with separation.
 */
export function hugeEffects(X: Float64Array, n: number, names: readonly string[], estimates: ArrayLike<number>, ses: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let j = 0; j < names.length; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = 0; r < n; r++) {
      const v = X[r + j * n];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const range = names[j] === "(Intercept)" ? 1 : hi - lo;
    const z = estimates[j] / ses[j];
    if (Math.abs(estimates[j]) * range > HUGE_EFFECT && !(Math.abs(z) >= 2)) out.push(j);
  }
  return out;
}

export function separationWarnings(problem: GlmmProblem, names: readonly string[], beta: Float64Array, vcov: Float64Array): string[] {
  if (problem.family.name !== "binomial") return [];
  const { n, p, mu, wt, X } = problem;
  let extreme = 0;
  for (let r = 0; r < n; r++) if (wt[r] > 0 && (mu[r] < PROB_EPS || mu[r] > 1 - PROB_EPS)) extreme++;
  const huge = hugeEffects(X, n, names, beta, Array.from({ length: p }, (_, j) => Math.sqrt(vcov[j + j * p]))).map((j) => names[j]);
  const out: string[] = [];
  if (extreme > 0 || huge.length > 0) {
    const rows = extreme > 0 ? `fitted probabilities are practically 0 or 1 in ${extreme} row${extreme > 1 ? "s" : ""}` : "";
    const terms = huge.length > 0 ? `the estimate${huge.length > 1 ? "s" : ""} for ${huge.map((t) => `'${t}'`).join(", ")} ${huge.length > 1 ? "are" : "is"} extremely large with a huge standard error` : "";
    out.push(
      `Possible perfect separation: ${[rows, terms].filter(Boolean).join(", and ")}. Some predictor (or combination) seems to predict the outcome perfectly, so those estimates and their tests are not meaningful; consider removing or merging categories, or a penalized (bias-reduced) model.`,
    );
  }
  return out;
}
