import { test } from "node:test";
import assert from "node:assert/strict";
import { centralDerivatives, centralPoints } from "../../../app/numderiv";

// f₀ has every kind of second derivative (mixed, curved, a log); f₁, f₂ only need first derivatives.
const f = (x: Float64Array): Float64Array =>
  Float64Array.of(
    Math.exp(x[0]) * Math.sin(x[1]) + x[0] * x[0] * x[2] ** 3 + Math.log(1 + x[1] ** 2 + x[2] ** 2),
    x[0] * x[1],
    Math.sin(x[1]) * x[2] ** 2,
  );

function exact(x: number[]) {
  const s = 1 + x[1] ** 2 + x[2] ** 2;
  const grad = [
    [Math.exp(x[0]) * Math.sin(x[1]) + 2 * x[0] * x[2] ** 3, x[1], 0],
    [Math.exp(x[0]) * Math.cos(x[1]) + (2 * x[1]) / s, x[0], Math.cos(x[1]) * x[2] ** 2],
    [3 * x[0] ** 2 * x[2] ** 2 + (2 * x[2]) / s, 0, 2 * Math.sin(x[1]) * x[2]],
  ];
  const h = [
    [Math.exp(x[0]) * Math.sin(x[1]) + 2 * x[2] ** 3, Math.exp(x[0]) * Math.cos(x[1]), 6 * x[0] * x[2] ** 2],
    [0, -Math.exp(x[0]) * Math.sin(x[1]) + 2 / s - (4 * x[1] ** 2) / s ** 2, (-4 * x[1] * x[2]) / s ** 2],
    [0, 0, 6 * x[0] ** 2 * x[2] + 2 / s - (4 * x[2] ** 2) / s ** 2],
  ];
  return { grad, h };
}

for (const x of [[0.3, -1.2, 0.8], [1.5, 0.4, 0], [2e-9, 0.7, -2.5]]) {
  test(`central differences with one Richardson step give the Jacobian and the Hessian of f₀ to ~1e-9 at (${x})`, () => {
    const points = centralPoints(x);
    assert.equal(points.length, 1 + 4 * 3 + 2 * 3 * 2);
    const d = centralDerivatives(x, points.map(f));
    const e = exact(x);
    for (let i = 0; i < 3; i++) {
      for (let a = 0; a < 3; a++) {
        const want = e.grad[i][a];
        assert.ok(Math.abs(d.jacobian[a + i * 3] - want) < 1e-9 * Math.max(1, Math.abs(want)), `∂f${a}/∂x${i}: ${d.jacobian[a + i * 3]} vs ${want}`);
      }
      for (let j = 0; j < 3; j++) {
        const want = j >= i ? e.h[i][j] : e.h[j][i];
        assert.ok(Math.abs(d.hessian[i + j * 3] - want) < 1e-7 * Math.max(1, Math.abs(want)), `H${i}${j}: ${d.hessian[i + j * 3]} vs ${want}`);
      }
    }
  });
}
