import { test } from "node:test";
import assert from "node:assert/strict";
import { bobyqa, LME4_BOBYQA, defaultInitialStep } from "../../../app/optim";
import { MixwellError } from "../../../app/errors";

const sq = (v: number): number => v * v;
const rosenbrock = (x: Float64Array): number => 100 * sq(x[1] - sq(x[0])) + sq(1 - x[0]);
const INF = Infinity;

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what = "x"): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; ++i) {
    const err = Math.abs(actual[i] - expected[i]);
    assert.ok(err <= tol * Math.max(1, Math.abs(expected[i])), `${what}[${i}] = ${actual[i]}, expected ${expected[i]} (±${tol})`);
  }
}

/** Deterministic pseudo-random numbers (LCG) for reproducible test problems. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** f(x) = (x − c)ᵀ A (x − c) with A = MᵀM + I (positive definite). */
function quadratic(n: number, seed: number): { f: (x: Float64Array) => number; grad: (x: ArrayLike<number>) => number[]; c: number[] } {
  const r = rng(seed);
  const m = Array.from({ length: n * n }, () => r() - 0.5);
  const a: number[] = new Array(n * n).fill(0);
  for (let i = 0; i < n; ++i) {
    for (let j = 0; j < n; ++j) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < n; ++k) s += m[k * n + i] * m[k * n + j];
      a[i * n + j] = s;
    }
  }
  const c = Array.from({ length: n }, () => 4 * r() - 2);
  const grad = (x: ArrayLike<number>): number[] =>
    Array.from({ length: n }, (_, i) => {
      let g = 0;
      for (let j = 0; j < n; ++j) g += 2 * a[i * n + j] * (x[j] - c[j]);
      return g;
    });
  const f = (x: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; ++i) for (let j = 0; j < n; ++j) s += (x[i] - c[i]) * a[i * n + j] * (x[j] - c[j]);
    return s;
  };
  return { f, grad, c };
}

/** First-order (KKT) optimality for lower ≤ x ≤ upper: projected gradient ≈ 0. */
function assertKkt(x: ArrayLike<number>, g: number[], lower: number[], upper: number[], tol: number): void {
  for (let i = 0; i < g.length; ++i) {
    if (x[i] <= lower[i]) assert.ok(g[i] >= -tol, `at lower bound ${i}: gradient ${g[i]} should be ≥ 0`);
    else if (x[i] >= upper[i]) assert.ok(g[i] <= tol, `at upper bound ${i}: gradient ${g[i]} should be ≤ 0`);
    else assert.ok(Math.abs(g[i]) <= tol, `free ${i}: gradient ${g[i]} should be 0`);
  }
}

test("follows nloptr's BOBYQA path exactly on Rosenbrock with lme4's settings", () => {
  // R: nloptr(c(-1.2,1), function(x) 100*(x[2]-x[1]^2)^2+(1-x[1])^2, lb=c(-Inf,-Inf), ub=c(Inf,Inf),
  //    opts=list(algorithm="NLOPT_LN_BOBYQA", xtol_abs=1e-8, ftol_abs=1e-8, maxeval=1e5))
  // → iterations 169, solution 1.000007912941713 1.0000159180447032, objective 6.3462862920128123e-11
  const r = bobyqa(rosenbrock, [-1.2, 1], { lower: [-INF, -INF], upper: [INF, INF], ...LME4_BOBYQA });
  assert.equal(r.evaluations, 169);
  close(r.x, [1.000007912941713, 1.0000159180447032], 1e-13);
  assert.ok(Math.abs(r.fval - 6.3462862920128123e-11) < 1e-20);
  assert.equal(r.converged, true);
});

test("reaches the Rosenbrock minimum to 1e-10 in a box, as nloptr does", () => {
  // R: nloptr(c(-1.2,1), rosen, lb=c(-2,-2), ub=c(2,2), opts=list(algorithm="NLOPT_LN_BOBYQA",
  //    xtol_rel=0, xtol_abs=1e-10, maxeval=10000)) → 213 iterations, 1.0000000000001155 1.0000000000002247
  const r = bobyqa(rosenbrock, [-1.2, 1], { lower: [-2, -2], upper: [2, 2], xtolRel: 0, xtolAbs: 1e-10 });
  assert.equal(r.evaluations, 213);
  close(r.x, [1, 1], 1e-10);
  assert.equal(r.status, "rhoend");
});

test("stops on an active bound where the constrained minimum lies", () => {
  // R (nloptr, same options): solution -1.2210262421282929 1.5 after 41 evaluations.
  const r = bobyqa(rosenbrock, [-1.2, 1], { lower: [-2, 1.5], upper: [2, 2], xtolAbs: 1e-10 });
  close(r.x, [-1.2210262421282929, 1.5], 1e-9);
  assert.equal(r.x[1], 1.5, "the bound is met exactly");
  assert.equal(r.evaluations, 41);
});

test("matches nloptr on an lme4-like problem (diagonals ≥ 0, off-diagonals free, start 1/0)", () => {
  // R: A <- matrix(c(4,1,.5,0,.2, 1,3,.3,.1,0, .5,.3,2,.4,.1, 0,.1,.4,5,1, .2,0,.1,1,3),5);
  //    c0 <- c(.3,-.2,.5,.1,-1); q <- function(x) { d <- x-c0; sum(d * (A %*% d)) }
  //    nloptr(c(1,0,1,0,1), q, lb=c(0,-Inf,0,-Inf,0), ub=rep(Inf,5), opts=<lme4's>)
  //    → 45 iterations, objective 2.7882165926059814,
  //      solution 0.24359030171870505 -0.17456989091039238 0.50039595134166748 -0.10053399815060167 0
  const a = [4, 1, 0.5, 0, 0.2, 1, 3, 0.3, 0.1, 0, 0.5, 0.3, 2, 0.4, 0.1, 0, 0.1, 0.4, 5, 1, 0.2, 0, 0.1, 1, 3];
  const c0 = [0.3, -0.2, 0.5, 0.1, -1];
  const q = (x: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < 5; ++i) {
      let ad = 0;
      for (let j = 0; j < 5; ++j) ad += a[i + 5 * j] * (x[j] - c0[j]);
      s += (x[i] - c0[i]) * ad;
    }
    return s;
  };
  const r = bobyqa(q, [1, 0, 1, 0, 1], { lower: [0, -INF, 0, -INF, 0], upper: Array(5).fill(INF), ...LME4_BOBYQA });
  assert.equal(r.evaluations, 45);
  close(r.x, [0.24359030171870505, -0.17456989091039238, 0.50039595134166748, -0.10053399815060167, 0], 1e-9);
  assert.ok(Math.abs(r.fval - 2.7882165926059814) < 1e-12);
  assert.equal(r.x[4], 0);
});

for (const n of [1, 2, 3, 5, 8, 10]) {
  test(`quadratic in ${n} dimension(s): unconstrained minimum to 1e-6`, () => {
    const { f, c } = quadratic(n, 17 + n);
    const r = bobyqa(f, new Float64Array(n), { lower: Array(n).fill(-10), upper: Array(n).fill(10), rhoend: 1e-9 });
    close(r.x, c, 1e-6);
    assert.ok(r.fval < 1e-10, `fval ${r.fval}`);
    assert.ok(r.evaluations < 60 * (n + 1) * (n + 1), `${r.evaluations} evaluations`);
  });

  test(`quadratic in ${n} dimension(s) with active bounds satisfies KKT`, () => {
    const { f, grad, c } = quadratic(n, 101 + n);
    // Box that cuts off the unconstrained minimum in every other coordinate.
    const lower = c.map((ci, i) => (i % 2 === 0 ? ci + 0.5 : -5));
    const upper = c.map((ci, i) => (i % 2 === 0 ? 5 : ci + 3));
    const x0 = lower.map((l, i) => (i % 2 === 0 ? l : 0)); // starts on the lower bounds
    const r = bobyqa(f, x0, { lower, upper, rhoend: 1e-10 });
    for (let i = 0; i < n; ++i) assert.ok(r.x[i] >= lower[i] && r.x[i] <= upper[i]);
    assertKkt(r.x, grad(r.x), lower, upper, 1e-6);
    assert.equal(r.x[0], lower[0], "first coordinate sits exactly on its bound");
  });
}

test("one dimension: NPT = 3 works as in NLopt", () => {
  // R: nloptr(1, function(x) (x-2)^2+1, lb=0, ub=Inf, opts=<lme4's>) → 9 iterations, solution 2
  const r = bobyqa((x) => sq(x[0] - 2) + 1, [1], { lower: [0], upper: [INF], ...LME4_BOBYQA });
  assert.equal(r.evaluations, 9);
  close(r.x, [2], 1e-12);
  const atBound = bobyqa((x) => sq(x[0] + 1), [1], { lower: [0], upper: [INF], ...LME4_BOBYQA });
  assert.equal(atBound.x[0], 0);
  const nonQuadratic = bobyqa((x) => Math.cosh(x[0] - 0.7) + 0.1 * x[0] ** 4, [0], { lower: [-INF], upper: [INF], rhoend: 1e-10 });
  // d/dx: sinh(x − 0.7) + 0.4x³ = 0
  const x = nonQuadratic.x[0];
  assert.ok(Math.abs(Math.sinh(x - 0.7) + 0.4 * x ** 3) < 1e-7, `x = ${x}`);
});

test("a start on the lower bound 0 (a singular θ) finds interior and boundary minima", () => {
  // f = (x − 0.8)² + (y − b)² + 0.5xy; stationary point x = (1.6 − 0.5b)/1.875, y = b − x/4.
  const make = (b: number) => (x: Float64Array): number => sq(x[0] - 0.8) + sq(x[1] - b) + 0.5 * x[0] * x[1];
  const opts = { lower: [0, 0], upper: [INF, INF], rhoend: 1e-10 };
  const interior = bobyqa(make(0.3), [0, 0], opts);
  const xs = (1.6 - 0.5 * 0.3) / 1.875;
  close(interior.x, [xs, 0.3 - xs / 4], 1e-8);
  // With b = 0.1 the stationary point has y < 0, so the minimum is (0.8, 0) on the bound.
  const boundary = bobyqa(make(0.1), [0, 0], opts);
  close(boundary.x, [0.8, 0], 1e-8);
  assert.equal(boundary.x[1], 0);
});

test("fixed variables (lower = upper) are held and the rest optimised", () => {
  const r = bobyqa((x) => sq(x[0] - 1) + sq(x[1] - 2) + sq(x[2] + 1), [0, 5, 0], {
    lower: [-INF, 5, -INF],
    upper: [INF, 5, INF],
    rhoend: 1e-9,
  });
  close(r.x, [1, 5, -1], 1e-7);
});

test("onEval sees every evaluation, and throwing from it cancels the run", () => {
  const seen: number[] = [];
  const r = bobyqa(rosenbrock, [-1.2, 1], {
    lower: [-INF, -INF],
    upper: [INF, INF],
    onEval: (x, f, k) => {
      assert.equal(f, rosenbrock(x));
      seen.push(k);
    },
  });
  assert.deepEqual(seen, Array.from({ length: r.evaluations }, (_, i) => i + 1));
  let calls = 0;
  assert.throws(
    () =>
      bobyqa(rosenbrock, [-1.2, 1], {
        lower: [-INF, -INF],
        upper: [INF, INF],
        onEval: () => {
          if (++calls === 20) throw new Error("cancelled");
        },
      }),
    /cancelled/,
  );
  assert.equal(calls, 20);
});

test("maxEval stops the run and reports non-convergence", () => {
  const r = bobyqa(rosenbrock, [-1.2, 1], { lower: [-INF, -INF], upper: [INF, INF], maxEval: 30 });
  assert.equal(r.evaluations, 30);
  assert.equal(r.converged, false);
  assert.equal(r.status, "maxeval");
  assert.ok(r.fval <= 24.2, "returns the best point so far");
  assert.equal(r.fval, rosenbrock(r.x));
});

test("ftolAbs stops when an improvement is tiny", () => {
  const r = bobyqa(rosenbrock, [-1.2, 1], { lower: [-INF, -INF], upper: [INF, INF], ftolAbs: 1e-3, rhoend: 1e-12 });
  assert.equal(r.status, "ftol");
  assert.ok(r.converged);
});

test("NLopt's default initial steps", () => {
  assert.equal(defaultInitialStep(1, 0, INF), 0.75); // lme4's θ diagonal start
  assert.equal(defaultInitialStep(0, -INF, INF), 1); // θ off-diagonal start
  assert.equal(defaultInitialStep(0, 0, INF), 1); // start on the bound
  assert.equal(defaultInitialStep(-1.2, -INF, INF), -1.2);
  assert.equal(defaultInitialStep(0, -2, 2), 1);
});

test("bad input is refused with a readable error", () => {
  assert.throws(() => bobyqa(rosenbrock, [0, 0], { lower: [1, 0], upper: [0, 1] }), MixwellError);
  assert.throws(() => bobyqa(rosenbrock, [0, 0], { lower: [0], upper: [1, 1] }), MixwellError);
  assert.throws(() => bobyqa(() => NaN, [0, 0], { lower: [-1, -1], upper: [1, 1] }), MixwellError);
});
