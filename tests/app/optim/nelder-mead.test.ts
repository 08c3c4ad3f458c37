import { test } from "node:test";
import assert from "node:assert/strict";
import { nelderMead } from "../../../app/optim";
import { MixwellError } from "../../../app/errors";

const sq = (v: number): number => v * v;
const rosenbrock = (x: Float64Array): number => 100 * sq(x[1] - sq(x[0])) + sq(1 - x[0]);
const INF = Infinity;

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; ++i) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])), `[${i}] ${actual[i]} vs ${expected[i]}`);
  }
}

// Reference: R 4.2.2, lme4 1.1-31, lme4::Nelder_Mead(fn, par, lower, upper, control) with its
// defaults (xst = 0.02, xt = 1e-5, maxfun = 10000); feval, NM.result, fval and par printed %.17g.

test("reproduces lme4::Nelder_Mead on Rosenbrock exactly", () => {
  // R: Nelder_Mead(rosen, c(-1.2, 1)) → feval 205, NM.result 3, fval 7.064186452286286e-12,
  //    par 0.99999775296720816 0.99999536398771016
  const r = nelderMead(rosenbrock, [-1.2, 1], { lower: [-INF, -INF], upper: [INF, INF] });
  assert.equal(r.evaluations, 205);
  assert.equal(r.status, "xtol");
  close(r.x, [0.99999775296720816, 0.99999536398771016], 1e-14);
  assert.ok(Math.abs(r.fval - 7.064186452286286e-12) < 1e-24);
});

test("bound-active problems as lme4", () => {
  // R: Nelder_Mead(rosen, c(-1.2, 1.5), c(-2, 1.5), c(2, 2)) → 46 evaluations,
  //    par -1.2210255065560336 1.5
  const a = nelderMead(rosenbrock, [-1.2, 1.5], { lower: [-2, 1.5], upper: [2, 2] });
  assert.equal(a.evaluations, 46);
  close(a.x, [-1.2210255065560336, 1.5], 1e-14);
  // R: Nelder_Mead(function(x) (x[1]+2)^2 + (x[2]-0.5)^2 + x[1]*x[2], c(1, 0), c(0, -Inf), c(Inf, Inf))
  //    → 69 evaluations, par 0 0.49999662484042351
  const b = nelderMead((x) => sq(x[0] + 2) + sq(x[1] - 0.5) + x[0] * x[1], [1, 0], { lower: [0, -INF], upper: [INF, INF] });
  assert.equal(b.evaluations, 69);
  assert.equal(b.x[0], 0);
  close(b.x, [0, 0.49999662484042351], 1e-14);
});

test("one dimension", () => {
  // R: Nelder_Mead(function(x) (x-2)^2+1, 1, 0, Inf) → 44 evaluations, par 2.0000000000000009
  const r = nelderMead((x) => sq(x[0] - 2) + 1, [1], { lower: [0], upper: [INF] });
  assert.equal(r.evaluations, 44);
  close(r.x, [2.0000000000000009], 1e-15);
});

test("quadratic in 6 dimensions to 1e-6 with tight xt", () => {
  // R: Nelder_Mead(function(x) sum((x - (1:6)/3)^2 * (1:6)), rep(0, 6), control = list(xst = rep(0.1, 6), xt = rep(1e-8, 6)))
  //    → 894 evaluations
  const r = nelderMead(
    (x) => {
      let s = 0;
      for (let i = 0; i < 6; ++i) s += sq(x[i] - (i + 1) / 3) * (i + 1);
      return s;
    },
    new Float64Array(6),
    { lower: Array(6).fill(-INF), upper: Array(6).fill(INF), xst: 0.1, xt: 1e-8 },
  );
  assert.equal(r.evaluations, 894);
  close(r.x, [1 / 3, 2 / 3, 1, 4 / 3, 5 / 3, 2], 1e-6);
});

test("maxEval stops after maxEval + 1 evaluations, like lme4's maxfun", () => {
  // R: Nelder_Mead(rosen, c(-1.2, 1), control = list(maxfun = 50)) → feval 51, NM.result 4 (warning),
  //    par -0.63338027954100851 0.36513748168946414
  const r = nelderMead(rosenbrock, [-1.2, 1], { lower: [-INF, -INF], upper: [INF, INF], maxEval: 50 });
  assert.equal(r.evaluations, 51);
  assert.equal(r.converged, false);
  close(r.x, [-0.63338027954100851, 0.36513748168946414], 1e-14);
});

test("onEval sees each evaluation and can cancel", () => {
  let count = 0;
  nelderMead(rosenbrock, [-1.2, 1], { lower: [-INF, -INF], upper: [INF, INF], onEval: (_x, _f, k) => assert.equal(k, ++count) });
  assert.equal(count, 205);
  assert.throws(
    () =>
      nelderMead(rosenbrock, [-1.2, 1], {
        lower: [-INF, -INF],
        upper: [INF, INF],
        onEval: (_x, _f, k) => {
          if (k === 7) throw new Error("cancelled");
        },
      }),
    /cancelled/,
  );
});

test("refuses infeasible starts and impossible bounds", () => {
  assert.throws(() => nelderMead(rosenbrock, [-1.2, 1], { lower: [-2, 1.5], upper: [2, 2] }), MixwellError);
  assert.throws(() => nelderMead(rosenbrock, [0, 0], { lower: [0, 0], upper: [0, 1] }), MixwellError);
});
