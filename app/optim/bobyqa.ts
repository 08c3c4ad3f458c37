/**
 * Bound-constrained derivative-free minimisation by Powell's BOBYQA (M. J. D. Powell, "The
 * BOBYQA algorithm for bound constrained optimization without derivatives", DAMTP 2009/NA06),
 * wrapped the way NLopt's NLOPT_LN_BOBYQA wraps it, because lme4 reaches BOBYQA through
 * nloptr (lme4::nloptwrap) and Mixwell's iterates should follow the same path:
 *
 * - NPT = 2N+1 interpolation points (also for N = 1, where NPT = 3 works as in NLopt).
 * - Initial step per coordinate: NLopt's heuristic (nlopt_set_default_initial_step): a quarter
 *   of a finite bound range, else 3/4 of the distance to a finite bound, else |x| (1 if x = 0).
 *   The variables are rescaled so that all steps equal the first one (nlopt_compute_rescaling),
 *   and RHOBEG is that step. If `rhobeg` is given, every coordinate uses it, unscaled.
 * - RHOEND = max(xtolRel·RHOBEG, xtolAbs / scale_j) as in NLopt; if neither tolerance nor
 *   `rhoend` is given, RHOEND = 1e-6·RHOBEG.
 * - ftolAbs/ftolRel are tested whenever the best value improves (NLopt's relstop); maxEval is
 *   checked before every evaluation (default 100 000, lme4's maxeval).
 *
 * lme4's settings (nloptwrap defaults plus nloptr's xtol_rel default) are {@link LME4_BOBYQA}.
 * The starting point is moved into the bounds; variables with lower = upper are held fixed.
 */
import { MixwellError } from "../errors";
import { bobyqb } from "./bobyqa/bobyqb";
import { createWorkspace, type BobyqaStatus, type Evaluator, type Workspace } from "./bobyqa/workspace";
import type { BoundedMinimizeOptions, MinimizeResult, Objective } from "./types";

/** The stopping rules lme4 gets through nloptwrap + nloptr defaults (xtol_rel 1e-4 from nloptr). */
export const LME4_BOBYQA = Object.freeze({ xtolAbs: 1e-8, xtolRel: 1e-4, ftolAbs: 1e-8, maxEval: 100_000 });

export interface BobyqaOptions extends BoundedMinimizeOptions {
  /** Number of interpolation points, in [N+2, (N+1)(N+2)/2]; default 2N+1. */
  readonly npt?: number;
}

export interface BobyqaResult extends MinimizeResult {
  readonly status: BobyqaStatus;
}

const DEFAULT_MAX_EVAL = 100_000;

const MESSAGES: Record<BobyqaStatus, string> = {
  rhoend: "Converged: the trust region shrank to its final radius.",
  ftol: "Converged: the objective improved by less than the function tolerance.",
  maxeval: "Stopped at the maximum number of evaluations before converging.",
  roundoff: "Stopped because rounding errors prevented further progress.",
};

/** NLopt's default initial step for one coordinate (nlopt_set_default_initial_step). */
export function defaultInitialStep(x: number, lb: number, ub: number): number {
  let step = Infinity;
  if (Number.isFinite(ub) && Number.isFinite(lb) && (ub - lb) * 0.25 < step && ub > lb) step = (ub - lb) * 0.25;
  if (Number.isFinite(ub) && ub - x < step && ub > x) step = (ub - x) * 0.75;
  if (Number.isFinite(lb) && x - lb < step && x > lb) step = (x - lb) * 0.75;
  if (!Number.isFinite(step)) {
    if (Number.isFinite(ub) && Math.abs(ub - x) < Math.abs(step)) step = (ub - x) * 1.1;
    if (Number.isFinite(lb) && Math.abs(x - lb) < Math.abs(step)) step = (x - lb) * 1.1;
  }
  if (!Number.isFinite(step) || Math.abs(step) < 2.2250738585072014e-308) step = x;
  if (!Number.isFinite(step) || step === 0) step = 1;
  return step;
}

function checkBounds(x0: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): void {
  const n = x0.length;
  if (lower.length !== n || upper.length !== n) {
    throw new MixwellError(`The optimiser needs ${n} lower and upper bounds, got ${lower.length} and ${upper.length}.`);
  }
  for (let j = 0; j < n; ++j) {
    if (Number.isNaN(lower[j]) || Number.isNaN(upper[j]) || lower[j] > upper[j]) {
      throw new MixwellError(`Parameter ${j + 1} has impossible bounds [${lower[j]}, ${upper[j]}].`);
    }
    if (!Number.isFinite(x0[j])) throw new MixwellError(`Parameter ${j + 1} has no finite starting value.`);
  }
}

/**
 * Minimises f over lower ≤ x ≤ upper by BOBYQA. Every evaluation is reported to `onEval`;
 * an exception thrown by f or onEval stops the run and propagates (cancellation).
 */
export function bobyqa(f: Objective, x0: ArrayLike<number>, options: BobyqaOptions): BobyqaResult {
  checkBounds(x0, options.lower, options.upper);
  const nAll = x0.length;
  const xFull = new Float64Array(nAll);
  const free: number[] = [];
  for (let j = 0; j < nAll; ++j) {
    xFull[j] = Math.min(Math.max(x0[j], options.lower[j]), options.upper[j]);
    if (options.lower[j] < options.upper[j]) free.push(j);
  }
  const n = free.length;
  const maxEval = options.maxEval ?? DEFAULT_MAX_EVAL;
  let evaluations = 0;

  const evaluateFull = (): number => {
    const fx = f(xFull.slice());
    ++evaluations;
    if (Number.isNaN(fx)) {
      throw new MixwellError(`The objective could not be computed (NaN) at (${Array.from(xFull).join(", ")}).`);
    }
    options.onEval?.(xFull.slice(), fx, evaluations);
    return fx;
  };

  if (n === 0) {
    const fx = evaluateFull();
    return result(xFull, fx, evaluations, "rhoend");
  }

  // Initial steps and NLopt's rescaling to equal steps (s_j = dx_j / dx_1).
  const dx = free.map((j) =>
    options.rhobeg !== undefined ? options.rhobeg : defaultInitialStep(xFull[j], options.lower[j], options.upper[j]),
  );
  const s = new Float64Array(n + 1).fill(1);
  if (n > 1 && dx.some((v) => v !== dx[0])) for (let i = 1; i <= n; ++i) s[i] = dx[i - 1] / dx[0];

  const xl = new Float64Array(n + 1);
  const xu = new Float64Array(n + 1);
  const x = new Float64Array(n + 1);
  for (let i = 1; i <= n; ++i) {
    const j = free[i - 1];
    const a = options.lower[j] / s[i];
    const b = options.upper[j] / s[i];
    xl[i] = Math.min(a, b);
    xu[i] = Math.max(a, b);
    x[i] = xFull[j] / s[i];
  }
  let rhobeg = Math.abs(dx[0] / s[1]);
  // Powell requires XU − XL ≥ 2·RHOBEG for every variable.
  for (let i = 1; i <= n; ++i) rhobeg = Math.min(rhobeg, 0.5 * (xu[i] - xl[i]));
  let rhoend = options.rhoend ?? rhoendFromTolerances(options, rhobeg, s);
  rhoend = Math.min(rhoend, rhobeg);

  const npt = options.npt ?? 2 * n + 1;
  if (!Number.isInteger(npt) || npt < n + 2 || npt > ((n + 2) * (n + 1)) / 2) {
    throw new MixwellError(`BOBYQA needs between ${n + 2} and ${((n + 2) * (n + 1)) / 2} interpolation points.`);
  }
  const ws = createWorkspace(n, npt, xl, xu);
  placeStart(x, ws, rhobeg);
  const ev = makeEvaluator(n, free, s, xFull, evaluateFull, () => evaluations, maxEval, options);
  const r = bobyqb(ws, x, rhobeg, rhoend, ev);
  for (let i = 1; i <= n; ++i) xFull[free[i - 1]] = r.x[i] * s[i];
  return result(xFull, r.f, evaluations, r.status);
}

function rhoendFromTolerances(options: BoundedMinimizeOptions, rhobeg: number, s: Float64Array): number {
  if (options.xtolRel === undefined && options.xtolAbs === undefined) return 1e-6 * rhobeg;
  let rhoend = (options.xtolRel ?? 0) * rhobeg;
  const xtolAbs = options.xtolAbs ?? 0;
  for (let i = 1; i < s.length; ++i) rhoend = Math.max(rhoend, xtolAbs / Math.abs(s[i]));
  return rhoend;
}

/**
 * BOBYQA's adjustment of the start (Powell's driver routine): a coordinate within RHOBEG of a
 * bound is moved onto the bound or to exactly RHOBEG from it, so that the first model fits in
 * the box; SL and SU (bounds relative to the start) are set exactly for those coordinates.
 */
function placeStart(x: Float64Array, ws: Workspace, rhobeg: number): void {
  const { xl, xu, sl, su } = ws;
  for (let j = 1; j < x.length; ++j) {
    const range = xu[j] - xl[j];
    sl[j] = xl[j] - x[j];
    su[j] = xu[j] - x[j];
    if (sl[j] >= -rhobeg) {
      if (sl[j] >= 0) {
        x[j] = xl[j];
        sl[j] = 0;
        su[j] = range;
      } else {
        x[j] = xl[j] + rhobeg;
        sl[j] = -rhobeg;
        su[j] = Math.max(xu[j] - x[j], rhobeg);
      }
    } else if (su[j] <= rhobeg) {
      if (su[j] <= 0) {
        x[j] = xu[j];
        sl[j] = -range;
        su[j] = 0;
      } else {
        x[j] = xu[j] - rhobeg;
        sl[j] = Math.min(xl[j] - x[j], -rhobeg);
        su[j] = rhobeg;
      }
    }
  }
}

function makeEvaluator(
  n: number,
  free: readonly number[],
  s: Float64Array,
  xFull: Float64Array,
  evaluateFull: () => number,
  count: () => number,
  maxEval: number,
  options: BoundedMinimizeOptions,
): Evaluator {
  const ftolAbs = options.ftolAbs ?? 0;
  const ftolRel = options.ftolRel ?? 0;
  return {
    evaluate(xs: Float64Array): number {
      for (let i = 1; i <= n; ++i) xFull[free[i - 1]] = xs[i] * s[i];
      return evaluateFull();
    },
    get nevals(): number {
      return count();
    },
    evalsExhausted: () => count() >= maxEval,
    ftolReached(fnew: number, fold: number): boolean {
      if (!Number.isFinite(fold)) return false;
      const change = Math.abs(fnew - fold);
      return change < ftolAbs || change < ftolRel * (Math.abs(fnew) + Math.abs(fold)) * 0.5 || (ftolRel > 0 && fnew === fold);
    },
  };
}

function result(x: Float64Array, fval: number, evaluations: number, status: BobyqaStatus): BobyqaResult {
  return {
    x: x.slice(),
    fval,
    evaluations,
    converged: status === "rhoend" || status === "ftol",
    message: MESSAGES[status],
    status,
  };
}
