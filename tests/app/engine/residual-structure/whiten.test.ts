// The whitening transform W of each correlation group satisfies W Λ Wᵀ = I for the dense Λ built
// from its definition (AR(1) with gaps, CAR(1), compound symmetry, each with unequal SDs), and
// returns log|Λ|.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ResidualLayout } from "../../../../app/engine/residual-structure/layout";
import { whiten } from "../../../../app/engine/residual-structure/whiten";
import type { CorrelationKind } from "../../../../app/engine/residual-structure";

function layoutOf(time: number[], stratum: number[]): ResidualLayout {
  const n = time.length;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; ++i) data[i * n + i] = 1; // rows of the identity: W itself comes out
  return {
    n, q: 0, p: n - 1, m: n, data, time: Float64Array.from(time), stratum: Int32Array.from(stratum), strata: ["a", "b"],
    segmentStart: Int32Array.from([0, n]), groupStart: Int32Array.from([0, n]), order: Int32Array.from(time.keys()),
  };
}

function check(kind: CorrelationKind, cor: number, time: number[], corr: (i: number, j: number) => number): void {
  const stratum = time.map((_, i) => i % 2);
  const sd = Float64Array.from([1, 1.7]);
  const layout = layoutOf(time, stratum);
  const n = time.length;
  const W = new Float64Array(n * n);
  const logDet = whiten(layout, kind, cor, sd, W); // row s of W = W[s, ·]
  const lambda = (i: number, j: number) => sd[stratum[i]] * sd[stratum[j]] * corr(i, j);
  for (let a = 0; a < n; ++a) {
    for (let b = 0; b < n; ++b) {
      let v = 0;
      for (let i = 0; i < n; ++i) for (let j = 0; j < n; ++j) v += W[a * n + i] * lambda(i, j) * W[b * n + j];
      assert.ok(Math.abs(v - (a === b ? 1 : 0)) < 1e-10, `${kind} (${a},${b}) = ${v}`);
    }
  }
  // log|Λ| = −2 log|W| and W is triangular or symmetric-shifted; compare with a dense Cholesky
  const L = new Float64Array(n * n);
  let ld = 0;
  for (let j = 0; j < n; ++j) {
    let d = lambda(j, j);
    for (let k = 0; k < j; ++k) d -= L[j * n + k] ** 2;
    L[j * n + j] = Math.sqrt(d);
    ld += Math.log(d);
    for (let i = j + 1; i < n; ++i) {
      let v = lambda(i, j);
      for (let k = 0; k < j; ++k) v -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = v / L[j * n + j];
    }
  }
  assert.ok(Math.abs(logDet - ld) < 1e-10, `${kind} log|Λ| ${logDet} vs ${ld}`);
}

test("AR(1) with a gap in time: correlation φ^|Δt|, negative φ too", () => {
  const time = [1, 2, 4, 5, 8];
  for (const phi of [0.6, -0.4]) check("ar1", phi, time, (i, j) => phi ** Math.abs(time[i] - time[j]));
});

test("continuous-time AR(1) at irregular times", () => {
  const time = [0, 0.3, 1.25, 1.3, 4.0];
  check("car1", 0.7, time, (i, j) => 0.7 ** Math.abs(time[i] - time[j]));
});

test("compound symmetry, positive and negative ρ", () => {
  for (const rho of [0.35, -0.2]) check("cs", rho, [0, 0, 0, 0, 0], (i, j) => (i === j ? 1 : rho));
});
