/**
 * Shared state of Powell's BOBYQA (DAMTP 2009/NA06) between its subroutines.
 *
 * Index convention: every array is indexed exactly as in Powell's Fortran (1-based), so that
 * each line of the subroutines can be checked against the reference (Powell's code and NLopt's
 * C port, src/algs/bobyqa/bobyqa.c). Element 0 of a vector is unused. Matrices are column-major
 * with the Fortran leading dimension: XPT(K,J) is xpt[k + j * npt], BMAT(K,J) is
 * bmat[k + j * ndim], ZMAT(K,J) is zmat[k + j * npt]; HQ is the packed upper triangle,
 * HQ(IH) with IH = I + J(J-1)/2 for I ≤ J.
 */

export interface Workspace {
  readonly n: number;
  readonly npt: number;
  /** NPT + N, the leading dimension of BMAT. */
  readonly ndim: number;
  /** Bounds in the (scaled) variables of the algorithm. */
  readonly xl: Float64Array;
  readonly xu: Float64Array;
  /** Shift of origin; interpolation points are stored relative to it. */
  readonly xbase: Float64Array;
  readonly xpt: Float64Array;
  readonly fval: Float64Array;
  /** Displacement from XBASE of the trust-region centre (the best point so far). */
  readonly xopt: Float64Array;
  /** Gradient of the quadratic model at XBASE + XOPT. */
  readonly gopt: Float64Array;
  /** Explicit second derivatives of the model (packed). */
  readonly hq: Float64Array;
  /** Parameters of the implicit second derivatives of the model. */
  readonly pq: Float64Array;
  /** Last N columns of the H matrix. */
  readonly bmat: Float64Array;
  /** ZMAT · ZMATᵀ is the leading NPT×NPT block of H. */
  readonly zmat: Float64Array;
  /** XL − XBASE and XU − XBASE. */
  readonly sl: Float64Array;
  readonly su: Float64Array;
  readonly xnew: Float64Array;
  readonly xalt: Float64Array;
  readonly d: Float64Array;
  readonly vlag: Float64Array;
  /** General work space of BOBYQB (length 3·NDIM). */
  readonly w: Float64Array;
}

export function createWorkspace(n: number, npt: number, xl: Float64Array, xu: Float64Array): Workspace {
  const ndim = npt + n;
  const np = n + 1;
  const vec = (len: number): Float64Array => new Float64Array(len + 1);
  return {
    n,
    npt,
    ndim,
    xl,
    xu,
    xbase: vec(n),
    xpt: vec(npt * np),
    fval: vec(npt),
    xopt: vec(n),
    gopt: vec(n),
    hq: vec((n * np) / 2),
    pq: vec(npt),
    bmat: vec(ndim * np),
    zmat: vec(npt * Math.max(npt - np + 1, 1)),
    sl: vec(n),
    su: vec(n),
    xnew: vec(n),
    xalt: vec(n),
    d: vec(n),
    vlag: vec(ndim),
    w: vec(3 * ndim + npt),
  };
}

/** How the calculation of the objective is counted and when the caller's limits stop it. */
export interface Evaluator {
  /** Evaluates F at X(1..N) (scaled, 1-based); counts the evaluation. */
  evaluate(x: Float64Array): number;
  readonly nevals: number;
  /** True when no further evaluation is allowed (maxEval reached). */
  evalsExhausted(): boolean;
  /** NLopt's ftol test on an accepted improvement from fold to f. */
  ftolReached(f: number, fold: number): boolean;
}

export type BobyqaStatus = "rhoend" | "ftol" | "maxeval" | "roundoff";
