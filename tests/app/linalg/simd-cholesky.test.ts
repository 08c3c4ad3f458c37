import { test } from "node:test";
import assert from "node:assert/strict";
import { choleskyInPlace, DenseCholesky } from "../../../app/linalg";
import { randomSpd } from "./random-spd";

test("the WebAssembly SIMD kernels compile under Node (otherwise every test here checks the fallback)", () => {
  assert.notEqual(new DenseCholesky(8).kernels, null);
});

// 333: trailing blocks beyond one row block of the update (256 rows), 3-strip groups and a
// partial last strip in the panel solve.
for (const n of [3, 64, 65, 66, 67, 131, 258, 333]) {
  test(`SIMD Cholesky agrees with the plain blocked Cholesky (n = ${n})`, () => {
    const A = randomSpd(n, 2 * n + 1);
    const dc = new DenseCholesky(n);
    dc.a.set(A);
    assert.equal(dc.factor(), 0);
    const ref = Float64Array.from(A);
    assert.equal(choleskyInPlace(ref, n), 0);
    let d = 0;
    for (let j = 0; j < n; j++) for (let i = j; i < n; i++) d = Math.max(d, Math.abs(dc.a[i + j * n] - ref[i + j * n]));
    assert.ok(d < 1e-12, `max difference ${d}`);
    // the strict upper triangle is untouched
    for (let j = 1; j < n; j += 7) assert.equal(dc.a[0 + j * n], A[0 + j * n]);
  });
}

test("SIMD Cholesky is reusable and reports a failing pivot", () => {
  const n = 150;
  const A = randomSpd(n, 4);
  const dc = new DenseCholesky(n);
  dc.a.set(A);
  dc.a[120 + 120 * n] = -1;
  assert.equal(dc.factor(), 121);
  dc.a.set(A);
  assert.equal(dc.factor(), 0);
});

for (const [n, m] of [[40, 40], [150, 137], [300, 300]] as const) {
  test(`in-place inverse of the leading ${m} × ${m} factor (n = ${n})`, () => {
    const A = randomSpd(n, m);
    const dc = new DenseCholesky(n);
    dc.a.set(A);
    assert.equal(dc.factor(), 0);
    const L = Float64Array.from(dc.a);
    dc.invertLeading(m);
    let err = 0;
    for (let j = 0; j < m; j++) {
      for (let i = j; i < m; i++) {
        let v = 0;
        for (let c = j; c <= i; c++) v += L[i + c * n] * dc.a[c + j * n];
        err = Math.max(err, Math.abs(v - (i === j ? 1 : 0)));
      }
    }
    assert.ok(err < 1e-10, `L·L⁻¹ − I = ${err}`);
  });
}
