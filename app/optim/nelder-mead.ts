/**
 * Bound-constrained Nelder–Mead simplex minimisation, reproducing lme4's Nelder_Mead
 * (lme4 src/optimizer.cpp: D. Bates, M. Maechler, B. Bolker's port of S. G. Johnson's NLopt
 * nldrmd.c), which glmer uses for its second stage and for "refit with another optimiser".
 *
 * - Simplex: x0 and x0 + xst_i·e_i (moved inside the bounds as lme4 does); reflection 1,
 *   expansion 2, contraction ½, shrink ½ (toward the best point, after which every vertex is
 *   re-evaluated, as in lme4). Trial points are "pinned" to the bounds (Richardson & Kuester 1973).
 * - Stops when every coordinate of the simplex lies within xt_i of its centroid (lme4's x
 *   convergence, xt = 5e-4·xst by default), when a reflection gives a point coinciding with the
 *   centroid or the worst vertex, or after maxEval + 1 evaluations (lme4's maxfun, default 10 000).
 *   lme4 never tests an f tolerance, so ftolAbs/ftolRel are not used here either.
 * Returns the best point evaluated.
 */
import { MixwellError } from "../errors";
import type { BoundedMinimizeOptions, MinimizeResult, Objective } from "./types";

export interface NelderMeadOptions extends BoundedMinimizeOptions {
  /** Initial simplex steps per coordinate (lme4's xst); default `rhobeg` or 0.02. */
  readonly xst?: ArrayLike<number> | number;
  /** Convergence tolerance per coordinate (lme4's xt); default `xtolAbs` or 5e-4·xst. */
  readonly xt?: ArrayLike<number> | number;
}

export type NelderMeadStatus = "xtol" | "maxeval";

export interface NelderMeadResult extends MinimizeResult {
  readonly status: NelderMeadStatus;
}

const ALPHA = 1;
const BETA = 0.5;
const GAMMA = 2;
const DELTA = 0.5;

/** |a − b| ≤ 1e-13 (|a| + |b|): lme4's test for coincident points. */
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-13 * (Math.abs(a) + Math.abs(b));

function perCoordinate(v: ArrayLike<number> | number | undefined, n: number, fallback: (i: number) => number): Float64Array {
  if (v === undefined) return Float64Array.from({ length: n }, (_, i) => fallback(i));
  if (typeof v === "number") return new Float64Array(n).fill(v);
  if (v.length !== n) throw new MixwellError(`Nelder–Mead needs ${n} step sizes, got ${v.length}.`);
  return Float64Array.from(v);
}

/** lme4's initial simplex: columns x0 and x0 + xst_i e_i, moved to stay within the bounds. */
function initialSimplex(x: Float64Array, lb: ArrayLike<number>, ub: ArrayLike<number>, xst: Float64Array): Float64Array[] {
  const n = x.length;
  const pts = Array.from({ length: n + 1 }, () => Float64Array.from(x));
  for (let i = 0; i < n; ++i) {
    const p = pts[i + 1];
    const step = Math.abs(xst[i]);
    p[i] += xst[i];
    if (p[i] > ub[i]) p[i] = ub[i] - x[i] > step * 0.1 ? ub[i] : x[i] - step;
    if (p[i] < lb[i]) {
      if (x[i] - lb[i] > step * 0.1) p[i] = lb[i];
      else {
        p[i] = x[i] + step;
        if (p[i] > ub[i]) p[i] = 0.5 * ((ub[i] - x[i] > x[i] - lb[i] ? ub[i] : lb[i]) + x[i]);
      }
    }
    if (close(p[i], x[i])) throw new MixwellError(`Nelder–Mead cannot build a starting simplex: parameter ${i + 1} has no room within its bounds.`);
  }
  return pts;
}

/**
 * Minimises f over lower ≤ x ≤ upper by lme4's Nelder–Mead. Every evaluation is reported to
 * onEval; an exception thrown by f or onEval stops the run (cancellation).
 */
export function nelderMead(f: Objective, x0: ArrayLike<number>, options: NelderMeadOptions): NelderMeadResult {
  const n = x0.length;
  const lb = options.lower;
  const ub = options.upper;
  if (n === 0) throw new MixwellError("Nelder–Mead needs at least one parameter.");
  if (lb.length !== n || ub.length !== n) throw new MixwellError(`Nelder–Mead needs ${n} lower and upper bounds.`);
  for (let i = 0; i < n; ++i) {
    if (!(lb[i] < ub[i])) throw new MixwellError(`Parameter ${i + 1} has bounds [${lb[i]}, ${ub[i]}] with no room to move.`);
    if (!(x0[i] >= lb[i] && x0[i] <= ub[i] && Number.isFinite(x0[i]))) {
      throw new MixwellError(`The starting value of parameter ${i + 1} (${x0[i]}) is outside its bounds.`);
    }
  }
  const xst = perCoordinate(options.xst, n, () => options.rhobeg ?? 0.02);
  if (xst.some((s) => s === 0)) throw new MixwellError("Nelder–Mead step sizes must be nonzero.");
  const xt = perCoordinate(options.xt, n, (i) => options.xtolAbs ?? xst[i] * 5e-4);
  const xtolRel = options.xtolRel ?? 1e-7;
  const maxEval = options.maxEval ?? 10_000;

  const x = Float64Array.from(x0);
  const pts = initialSimplex(x, lb, ub, xst);
  const vals = new Float64Array(n + 1);
  let evaluations = 0;
  let bestF = Infinity;
  let bestX = Float64Array.from(x);

  /** Evaluates f; returns false when lme4 would stop for the evaluation limit. */
  const evaluate = (p: Float64Array): number => {
    const fx = f(p.slice());
    ++evaluations;
    if (Number.isNaN(fx)) throw new MixwellError(`The objective could not be computed (NaN) at (${Array.from(p).join(", ")}).`);
    options.onEval?.(p.slice(), fx, evaluations);
    if (fx < bestF) {
      bestF = fx;
      bestX = p.slice();
    }
    return fx;
  };
  const exhausted = (): boolean => maxEval > 0 && evaluations > maxEval;
  const finish = (status: NelderMeadStatus): NelderMeadResult => ({
    x: bestX,
    fval: bestF,
    evaluations,
    converged: status === "xtol",
    message:
      status === "xtol"
        ? "Converged: the simplex shrank below the parameter tolerance."
        : `Stopped after ${evaluations} evaluations before converging.`,
    status,
  });

  /** xnew = c + scale·(c − xold), pinned to the bounds; false if it coincides with c or xold. */
  const reflect = (xnew: Float64Array, c: Float64Array, scale: number, xold: Float64Array): boolean => {
    let equalc = true;
    let equalold = true;
    for (let i = 0; i < n; ++i) {
      const v = Math.min(Math.max(c[i] + scale * (c[i] - xold[i]), lb[i]), ub[i]);
      equalc = equalc && close(v, c[i]);
      equalold = equalold && close(v, xold[i]);
      xnew[i] = v;
    }
    return !(equalc || equalold);
  };

  const c = new Float64Array(n);
  const xcur = new Float64Array(n);
  const xeval = new Float64Array(n);
  for (;;) {
    // (Re)initialise the vertex values (start, and after every shrink).
    for (let k = 0; k <= n; ++k) {
      vals[k] = evaluate(pts[k]);
      if (exhausted()) return finish("maxeval");
    }
    // Reflect / expand / contract until a shrink is needed or the run ends.
    let shrink = false;
    while (!shrink) {
      // Restart: best, worst, centroid of the face opposite the worst, x convergence.
      let il = 0;
      let ih = 0;
      for (let k = 1; k <= n; ++k) {
        if (vals[k] < vals[il]) il = k;
        if (vals[k] > vals[ih]) ih = k;
      }
      const fl = vals[il];
      const fh = vals[ih];
      for (let i = 0; i < n; ++i) {
        let s = 0;
        for (let k = 0; k <= n; ++k) s += pts[k][i];
        c[i] = (s - pts[ih][i]) / n;
      }
      let within = true;
      for (let i = 0; i < n && within; ++i) {
        let dev = 0;
        for (let k = 0; k <= n; ++k) dev = Math.max(dev, Math.abs(pts[k][i] - c[i]));
        within = Number.isFinite(dev) && (dev < xt[i] || (xtolRel > 0 && dev === 0));
      }
      if (within) return finish("xtol");
      if (!reflect(xcur, c, ALPHA, pts[ih])) return finish("xtol");
      const fr = evaluate(xcur);
      if (exhausted()) return finish("maxeval");

      if (fr < fl) {
        // New best point: try to expand.
        if (!reflect(xeval, c, GAMMA, pts[ih])) return finish("xtol");
        const fe = evaluate(xeval);
        if (exhausted()) return finish("maxeval");
        if (fe < vals[ih]) {
          pts[ih].set(xeval);
          vals[ih] = fe;
        } else {
          pts[ih].set(xcur);
          vals[ih] = fr;
        }
      } else if (fr < fh) {
        pts[ih].set(xcur);
        vals[ih] = fr;
      } else {
        // No better than the worst vertex: contract towards the centroid (scale −½, as lme4).
        if (!reflect(xeval, c, fh <= fr ? -BETA : BETA, pts[ih])) return finish("xtol");
        const fc = evaluate(xeval);
        if (exhausted()) return finish("maxeval");
        if (fc < fr && fc < fh) {
          pts[ih].set(xeval);
          vals[ih] = fc;
        } else {
          for (let k = 0; k <= n; ++k) {
            if (k === il) continue;
            if (!reflect(xeval, pts[il], -DELTA, pts[k])) return finish("xtol");
            pts[k].set(xeval);
          }
          shrink = true;
        }
      }
    }
  }
}
