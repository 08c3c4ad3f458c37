import { test } from "node:test";
import assert from "node:assert/strict";
import { pseudoInverseSymmetric, symmetricEigen, type DenseMatrix } from "../../../app/numderiv";

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; ++i) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])), `[${i}] ${actual[i]} vs ${expected[i]}`);
  }
}

const mat = (n: number, values: number[]): DenseMatrix => ({ rows: n, cols: n, data: Float64Array.from(values) });

// An indefinite matrix with one negative eigenvalue (like a Hessian at a non-converged fit).
const A = mat(4, [4, 1, 0.5, 0, 1, 3, 0.3, 0.1, 0.5, 0.3, 2, 0.4, 0, 0.1, 0.4, 1e-9]);

test("eigenvalues match R's eigen(A, symmetric = TRUE), sorted decreasing; A·V = V·Λ", () => {
  const e = symmetricEigen(A);
  // R: eigen(A, symmetric = TRUE)$values
  close(e.values, [4.7458688992674984, 2.3850766811480968, 1.9497748161638082, -0.080720395579385595], 1e-13);
  const n = 4;
  for (let k = 0; k < n; ++k) {
    for (let i = 0; i < n; ++i) {
      let av = 0;
      for (let j = 0; j < n; ++j) av += A.data[i + j * n] * e.vectors.data[j + k * n];
      assert.ok(Math.abs(av - e.values[k] * e.vectors.data[i + k * n]) < 1e-13);
    }
    let norm = 0;
    for (let i = 0; i < n; ++i) norm += e.vectors.data[i + k * n] ** 2;
    assert.ok(Math.abs(norm - 1) < 1e-14);
  }
});

test("lmerTest's rule: inverse over eigenvalues > 1e-8 only (negative ones dropped)", () => {
  // R: e <- eigen(A, TRUE); pos <- e$values > 1e-8;
  //    e$vectors[, pos] %*% diag(1/e$values[pos]) %*% t(e$vectors[, pos])
  const p = pseudoInverseSymmetric(A);
  assert.equal(p.rank, 3);
  close(
    p.inverse.data,
    [
      0.27766901340100242, -0.086710130517074172, -0.049623494430368106, -0.019957470305907447, -0.086710130517074172, 0.36554744776102399,
      -0.036102198405297506, 0.0038993869732626644, -0.04962349443036812, -0.036102198405297499, 0.48037533337809935, 0.094820166813109757,
      -0.01995747030590745, 0.0038993869732626652, 0.094820166813109757, 0.019271247600707059,
    ],
    1e-12,
  );
});

test("MASS::ginv's rule keeps negative eigenvalues", () => {
  // R: MASS::ginv(A)
  const p = pseudoInverseSymmetric(A, { tol: Math.sqrt(2.220446049250313e-16), relative: true, keep: "nonzero" });
  assert.equal(p.rank, 4);
  close(
    p.inverse.data,
    [
      0.26719056960525861, -0.078585461585869196, 0.019646366329669623, -0.3732809474655196, -0.078585461585869168, 0.3592478247894817,
      -0.089811956892009701, 0.27785574285027387, 0.019646366329669571, -0.089811956892009714, 0.022452983146662529, 2.4305360940236094,
      -0.37328094746551926, 0.27785574285027365, 2.4305360940236094, -11.894471092923853,
    ],
    1e-11,
  );
});

test("a positive-definite matrix gets its ordinary inverse", () => {
  // R: solve(matrix(c(2,-1,0,-1,2,-1,0,-1,2), 3))
  const p = pseudoInverseSymmetric(mat(3, [2, -1, 0, -1, 2, -1, 0, -1, 2]));
  close(p.inverse.data, [0.75, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.75], 1e-14);
  const one = pseudoInverseSymmetric(mat(1, [4]));
  close(one.inverse.data, [0.25], 0);
  const zero = pseudoInverseSymmetric(mat(2, [0, 0, 0, 0]));
  assert.equal(zero.rank, 0);
});
