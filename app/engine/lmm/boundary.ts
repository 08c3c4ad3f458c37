/**
 * lme4's two steps after the optimiser for parameters at or near their lower bound (lme4 1.1-31,
 * R/lmer.R optimizeLmer and check.boundary; lmerControl(restart_edge = TRUE, boundary.tol = 1e-5)):
 *
 * - restart_edge (LMMs only): for each θᵢ exactly on its lower bound, the one-sided difference
 *   (f(θ with θᵢ = lowerᵢ + 1e-5) − f(θ)) / 1e-5; if any is negative the optimiser can still go
 *   down from the bound, and lme4 runs the optimiser again from θ̂ with the same settings. The
 *   second run's result replaces the first, so the reported evaluations and convergence are the
 *   second run's. (lme4 says "some theta parameters on the boundary, restarting" only when verbose.)
 * - check.boundary (lmer and glmer): each parameter with 0 < xᵢ − lowerᵢ < boundary.tol is tried
 *   on its bound, cumulatively (each trial starts from the parameters kept so far), and kept
 *   there when f is below the optimiser's own optimum f̂ (not below the last accepted value);
 *   if any parameter was near the bound, f̂ becomes f at the returned parameters. Evaluation
 *   count and convergence are left as the optimiser reported them.
 *
 * Parameters without a finite lower bound (off-diagonal θ, β) are never at their bound.
 */

/** lme4's btol in optimizeLmer. */
export const RESTART_EDGE_STEP = 1e-5;
/** lmerControl / glmerControl boundary.tol default. */
export const BOUNDARY_TOL = 1e-5;

export type Objective = (x: Float64Array) => number;

/**
 * restart_edge's test: whether, for some parameter exactly on its lower bound, the one-sided
 * difference quotient into the feasible region is negative (f can still decrease).
 */
export function edgeGradientNegative(f: Objective, x: Float64Array, lower: ArrayLike<number>): boolean {
  const onBound: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] === lower[i]) onBound.push(i);
  if (onBound.length === 0) return false;
  const f0 = f(Float64Array.from(x));
  let negative = false;
  for (const i of onBound) {
    const moved = Float64Array.from(x);
    moved[i] = lower[i] + RESTART_EDGE_STEP;
    if ((f(moved) - f0) / RESTART_EDGE_STEP < 0) negative = true;
  }
  return negative;
}

export interface BoundaryResult {
  readonly x: Float64Array;
  readonly fval: number;
  /** Whether any parameter was within the tolerance of its bound (then fval was re-evaluated). */
  readonly checked: boolean;
}

/** check.boundary: parameters just above their lower bound are set onto it when that lowers f below fval. */
export function checkBoundary(
  f: Objective,
  x: Float64Array,
  fval: number,
  lower: ArrayLike<number>,
  tol: number = BOUNDARY_TOL,
): BoundaryResult {
  const near: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - lower[i];
    if (d > 0 && d < tol) near.push(i);
  }
  if (near.length === 0) return { x, fval, checked: false };
  const kept = Float64Array.from(x);
  for (const i of near) {
    const trial = Float64Array.from(kept);
    trial[i] = lower[i];
    if (f(trial) < fval) kept[i] = lower[i];
  }
  return { x: kept, fval: f(kept), checked: true };
}
