import { test } from "node:test";
import assert from "node:assert/strict";
import { choleskyInPlace, choleskyUnblocked, choleskyWorkspace, backSolveLowerTransposed, forwardSolveLower, invertLower } from "../../../app/linalg";
import { randomSpd } from "./random-spd";

function maxReconstructionError(A: Float64Array, L: Float64Array, n: number): number {
  let err = 0;
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) {
      let v = 0;
      for (let k = 0; k <= j; k++) v += L[i + k * n] * L[j + k * n];
      err = Math.max(err, Math.abs(v - A[i + j * n]));
    }
  }
  return err;
}

for (const n of [1, 5, 63, 64, 65, 130, 200]) {
  test(`blocked Cholesky reproduces A = L·Lᵀ (n = ${n})`, () => {
    const A = randomSpd(n, n + 7);
    const L = Float64Array.from(A);
    assert.equal(choleskyInPlace(L, n, n, choleskyWorkspace(n)), 0);
    assert.ok(maxReconstructionError(A, L, n) < 1e-12);
  });
}

test("blocked and unblocked Cholesky agree", () => {
  const n = 150;
  const A = randomSpd(n, 3);
  const L1 = Float64Array.from(A);
  const L2 = Float64Array.from(A);
  choleskyInPlace(L1, n);
  choleskyUnblocked(L2, n, n, 0);
  let d = 0;
  for (let j = 0; j < n; j++) for (let i = j; i < n; i++) d = Math.max(d, Math.abs(L1[i + j * n] - L2[i + j * n]));
  assert.ok(d < 1e-12, `difference ${d}`);
});

test("Cholesky works on a sub-matrix with a leading dimension and leaves the upper triangle alone", () => {
  const n = 100;
  const ld = 110;
  const A = randomSpd(n, 11);
  const big = new Float64Array(ld * n).fill(7);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) big[i + j * ld] = A[i + j * n];
  assert.equal(choleskyInPlace(big, n, ld), 0);
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = j; i < n; i++) L[i + j * n] = big[i + j * ld];
  assert.ok(maxReconstructionError(A, L, n) < 1e-12);
  assert.equal(big[0 + 5 * ld], A[0 + 5 * n]);
  assert.equal(big[n + 3 * ld], 7);
});

test("a matrix that is not positive definite reports its failing pivot", () => {
  const n = 90;
  const A = randomSpd(n, 5);
  A[70 + 70 * n] = -5;
  assert.equal(choleskyInPlace(Float64Array.from(A), n), 71);
  const B = Float64Array.from([1, 2, 2, 1]);
  assert.equal(choleskyInPlace(B, 2), 2);
});

test("triangular solves and inverse are consistent", () => {
  const n = 40;
  const L = randomSpd(n, 9);
  choleskyInPlace(L, n);
  const b = Float64Array.from({ length: n }, (_, i) => i - 3);
  const x = Float64Array.from(b);
  forwardSolveLower(L, n, n, 0, x);
  backSolveLowerTransposed(L, n, n, 0, x);
  // L Lᵀ x = b, checked against A = L Lᵀ
  const A = randomSpd(n, 9);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += A[i + j * n] * x[j];
    assert.ok(Math.abs(v - b[i]) < 1e-10);
  }
  const inv = new Float64Array(n * n);
  invertLower(L, n, n, 0, inv);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let v = 0;
      for (let k = 0; k <= i; k++) v += L[i + k * n] * inv[k + j * n];
      assert.ok(Math.abs(v - (i === j ? 1 : 0)) < 1e-10);
    }
  }
});
