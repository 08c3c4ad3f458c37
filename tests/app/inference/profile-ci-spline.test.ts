// The spline steps of lme4's confint.thpr against R's splines package. R:
//   x <- c(0, 0.7, 2.5, 4, 6.5, 9); y <- c(-2.6, -1.9, -0.6, 0, 1.3, 2.1); isp <- interpSpline(x, y)
//   predict(isp, x, deriv = 1)$y; predict(backSpline(isp), v)$y
//   x2 <- c(0, 0.2, 1, 3, 5); y2 <- c(-3, -2.9, -1, 0, 0.5); coef(backSpline(interpSpline(x2, y2)))
//   approxfun(c(-1, 0, 0, 1, 2), c(0, 1, 3, 4, 6))(c(-0.5, 0, 0.5, 1.5, 3))
import { test } from "node:test";
import assert from "node:assert/strict";
import { approxLinear, backSpline, evalPolySpline, naturalSplineSlopes } from "../../../app/inference/profile/spline";

const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test("interpSpline: slopes of the natural cubic spline at the knots", () => {
  const x = Float64Array.from([0, 0.7, 2.5, 4, 6.5, 9]);
  const y = Float64Array.from([-2.6, -1.9, -0.6, 0, 1.3, 2.1]);
  const r = naturalSplineSlopes(x, y);
  assert.ok(r.ok);
  const expected = [1.0274289647665249, 0.94514207046695176, 0.48797739678880714, 0.42868670860746949, 0.46037522611215165, 0.24981238694392421];
  expected.forEach((e, i) => assert.ok(close(r.slope[i], e), `slope ${i}: ${r.slope[i]} vs ${e}`));
});

test("backSpline: the inverse spline as R evaluates it, NA (NaN) outside the range of y", () => {
  const x = Float64Array.from([0, 0.7, 2.5, 4, 6.5, 9]);
  const y = Float64Array.from([-2.6, -1.9, -0.6, 0, 1.3, 2.1]);
  const fwd = naturalSplineSlopes(x, y);
  assert.ok(fwd.ok);
  const back = backSpline(x, y, fwd.slope);
  assert.ok(back.ok);
  const v = [-2.6, -2.2, -1.959963984540054, -1, 0, 0.5, 1.959963984540054, 2.1];
  const expected = [0, 0.3999999999999998, 0.64003601545994582, 1.79090156001866196, 4, 5.00962627501255398, 8.45230995634072357, 9];
  v.forEach((vv, i) => assert.ok(close(evalPolySpline(back.spline, vv), expected[i]), `at ${vv}: ${evalPolySpline(back.spline, vv)} vs ${expected[i]}`));
  assert.ok(Number.isNaN(evalPolySpline(back.spline, 2.2)));
  assert.ok(Number.isNaN(evalPolySpline(back.spline, -2.7)));
});

test("backSpline: quadratic end pieces have R's coefficients", () => {
  const x = Float64Array.from([0, 0.2, 1, 3, 5]);
  const y = Float64Array.from([-3, -2.9, -1, 0, 0.5]);
  const fwd = naturalSplineSlopes(x, y);
  assert.ok(fwd.ok);
  const back = backSpline(x, y, fwd.slope);
  assert.ok(back.ok);
  const [c0, c1, c2, c3] = back.spline.coef;
  const expected = [
    [0, 2.9591725639629809, -9.5917256396298178, 0],
    [0.2, 1.0408274360370158, -0.64659654450188087, 0.16863119947243912],
    [1, 0.41003645721638443, 11.387719293359444, -9.7977557505758295],
    [3, -6.2077922077922141, 20.415584415584426, 0],
  ];
  expected.forEach((row, i) => {
    [c0[i], c1[i], c2[i], c3[i]].forEach((c, k) => assert.ok(close(c, row[k], 1e-10), `row ${i} col ${k}: ${c} vs ${row[k]}`));
  });
});

test("backSpline refuses a profile that is not strictly monotone; interpSpline needs 4 distinct points", () => {
  const x = Float64Array.from([0, 1, 2, 3, 4]);
  const y = Float64Array.from([-2, -1, -1, 0, 1]);
  const fwd = naturalSplineSlopes(x, y);
  assert.ok(fwd.ok);
  assert.equal(backSpline(x, y, fwd.slope).ok, false);
  assert.equal(naturalSplineSlopes(Float64Array.from([0, 1, 2]), Float64Array.from([0, 1, 2])).ok, false);
  assert.equal(naturalSplineSlopes(Float64Array.from([0, 1, 1, 2]), Float64Array.from([0, 1, 2, 3])).ok, false);
});

test("approxfun: ties collapse to their mean, NA outside the range", () => {
  const got = [-0.5, 0, 0.5, 1.5, 3].map((v) => approxLinear([-1, 0, 0, 1, 2], [0, 1, 3, 4, 6], v));
  assert.deepEqual(got.slice(0, 4), [1, 2, 3, 5]);
  assert.ok(Number.isNaN(got[4]));
});
