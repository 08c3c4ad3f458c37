import { test } from "node:test";
import assert from "node:assert/strict";
import { genD, grad, hessian, jacobian } from "../../../app/numderiv";

const f = (x: ArrayLike<number>): number =>
  Math.exp(x[0]) * Math.sin(x[1]) + x[0] * x[0] * (x[2] * x[2] * x[2]) + Math.log(1 + x[1] * x[1] + x[2] * x[2]);
const g = (x: ArrayLike<number>): number[] => [x[0] * x[1], Math.exp(x[0] - x[2]), Math.sin(x[1]) * (x[2] * x[2]), x[0] * x[0] * x[0]];

function exactGrad(x: number[]): number[] {
  const s = 1 + x[1] ** 2 + x[2] ** 2;
  return [
    Math.exp(x[0]) * Math.sin(x[1]) + 2 * x[0] * x[2] ** 3,
    Math.exp(x[0]) * Math.cos(x[1]) + (2 * x[1]) / s,
    3 * x[0] ** 2 * x[2] ** 2 + (2 * x[2]) / s,
  ];
}

function exactHessian(x: number[]): number[] {
  const s = 1 + x[1] ** 2 + x[2] ** 2;
  const h11 = Math.exp(x[0]) * Math.sin(x[1]) + 2 * x[2] ** 3;
  const h12 = Math.exp(x[0]) * Math.cos(x[1]);
  const h13 = 6 * x[0] * x[2] ** 2;
  const h22 = -Math.exp(x[0]) * Math.sin(x[1]) + 2 / s - (4 * x[1] ** 2) / s ** 2;
  const h23 = (-4 * x[1] * x[2]) / s ** 2;
  const h33 = 6 * x[0] ** 2 * x[2] + 2 / s - (4 * x[2] ** 2) / s ** 2;
  return [h11, h12, h13, h12, h22, h23, h13, h23, h33];
}

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, rel: number, abs = 0): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; ++i) {
    const ok = Math.abs(actual[i] - expected[i]) <= rel * Math.abs(expected[i]) + abs;
    assert.ok(ok, `[${i}] ${actual[i]} vs ${expected[i]}`);
  }
}

// Reference values: R 4.2.2, numDeriv 2016.8-1.1; f and g as above, printed with sprintf("%.17g").
const X1 = [0.5, 1.2, -0.7];
const X2 = [0, 1e-6, 2]; // exercises the zero.tol branch (h = eps where |x| < zero.tol)

test("grad matches numDeriv::grad(f, x) and the exact gradient", () => {
  // R: grad(f, c(0.5, 1.2, -0.7))
  close(grad(f, X1), [1.1936726661045818, 1.4165395653982076, -0.11031569967126573], 1e-12);
  close(grad(f, X1), exactGrad(X1), 1e-9);
  // R: grad(f, c(0, 1e-6, 2))
  close(grad(f, X2), [1.000000082740371e-6, 1.000000400021325, 0.7999999999911761], 1e-10);
  // R: grad(function(x) exp(2*x), 0.3)
  close(grad((x) => Math.exp(2 * x[0]), [0.3]), [3.6442376008200674], 1e-13);
});

test("hessian matches numDeriv::hessian(f, x) (genD with d = 0.1) and the exact Hessian", () => {
  // R: hessian(f, c(0.5, 1.2, -0.7))
  const h = hessian(f, X1);
  close(
    h.data,
    [
      0.85067266616321313, 0.59742693740859543, 1.469999999995349, 0.59742693740859543, -1.5250243068272482, 0.39138487343634315,
      1.469999999995349, 0.39138487343634315, -0.59571398616978954,
    ],
    1e-9,
  );
  close(h.data, exactHessian(X1), 1e-8);
  // R: hessian(f, c(0, 1e-6, 2))
  close(
    hessian(f, X2).data,
    [
      16.000001318692309, 0.99999982043395208, 1.968341149096381e-10, 0.99999982043395208, 0.40000190119938789, -3.1991229256620972e-7,
      1.968341149096381e-10, -3.1991229256620972e-7, -0.24000000000009294,
    ],
    1e-8,
    1e-12,
  );
  // R: hessian(function(x) exp(2*x), 0.3)
  close(hessian((x) => Math.exp(2 * x[0]), [0.3]).data, [7.2884752015672003], 1e-12);
});

test("genD matches numDeriv::genD(f, x)$D (d = 1e-4) where rounding allows", () => {
  // R: genD(f, c(0.5, 1.2, -0.7))$D. With d = 1e-4 the second differences divide rounding
  // errors of f (~1e-16) by h² ~ 1e-9, so those entries agree with R (and the truth) only to
  // ~1e-5; the first derivatives agree to rounding.
  const d = genD(f, X1);
  const r = [
    1.1936726661045818, 1.4165395653982076, -0.11031569967126573, 0.85067313206108031, 0.59742670502367556, -1.5250214435163183,
    1.4699928933016202, 0.39138123649096757, -0.59570485953431085,
  ];
  close(d.subarray(0, 3), r.slice(0, 3), 1e-12);
  close(d.subarray(3), r.slice(3), 2e-5);
  const h = exactHessian(X1);
  close(d.subarray(3), [h[0], h[3], h[4], h[6], h[7], h[8]], 2e-5);
});

test("jacobian matches numDeriv::jacobian(g, x) (column-major, rows = outputs)", () => {
  // R: jacobian(g, c(0.5, 1.2, -0.7))
  const j = jacobian(g, X1);
  assert.equal(j.rows, 4);
  assert.equal(j.cols, 3);
  close(
    j.data,
    [1.199999999986213, 3.320116922742121, 0, 0.74999999999709555, 0.50000000000492173, 0, 0.17755529969612519, 0, 0, -3.3201169226519043, -1.304854720357463, 0],
    1e-10,
    1e-15,
  );
  // R: jacobian(g, c(0, 1e-6, 2))
  close(
    jacobian(g, X2).data,
    [9.9999999999999995e-7, 0.13533528323494495, 0, 0, 0, 0, 3.9999999999979994, 0, 0, -0.13533528323642921, 3.9999999999881888e-6, 0],
    1e-9,
    1e-15,
  );
});

test("Richardson extrapolation is exact for cubics and needs 2·n·r evaluations for grad", () => {
  let calls = 0;
  const cubic = (x: ArrayLike<number>): number => {
    ++calls;
    return 2 * x[0] ** 3 - x[0] * x[1] + 5 * x[1] ** 2;
  };
  const gr = grad(cubic, [1.5, -2]);
  close(gr, [6 * 1.5 ** 2 + 2, -1.5 - 20], 1e-9);
  assert.equal(calls, 2 * 2 * 4);
  const h = hessian(cubic, [1.5, -2]);
  close(h.data, [18, -1, -1, 10], 1e-9);
});
