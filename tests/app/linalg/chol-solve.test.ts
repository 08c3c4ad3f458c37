import { test } from "node:test";
import assert from "node:assert/strict";
import { cholSolve } from "../../../app/linalg";

test("cholSolve solves R x = g with H = RᵀR, R upper (R's solve(chol(H), g))", () => {
  // H = [[4, 2], [2, 5]]: R = [[2, 1], [0, 2]]; R x = (4, 6) gives x = ((4 − 3)/2, 6/2) = (0.5, 3).
  const H = Float64Array.from([4, 2, 2, 5]);
  const x = cholSolve(H, Float64Array.from([4, 6]), 2);
  assert.ok(x);
  assert.deepEqual(Array.from(x), [0.5, 3]);
  assert.deepEqual(Array.from(H), [4, 2, 2, 5], "H is left unchanged");
});

test("cholSolve returns null when H is not positive definite", () => {
  assert.equal(cholSolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2), null);
  assert.equal(cholSolve(Float64Array.from([0]), Float64Array.from([1]), 1), null);
});
