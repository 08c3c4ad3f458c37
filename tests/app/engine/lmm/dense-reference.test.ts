/**
 * The blocked engine against a plain dense implementation of the same formulas (Bates et al.
 * 2015, eqs. 34 and 41): M = [ZΛ X y]ᵀ[ZΛ X y] + diag(I_q, 0), one dense Cholesky. Random data
 * and θ; designs chosen to hit every code path: nested prefix chains, vector terms in the prefix
 * and in the dense tail, several terms on one factor, prior weights.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createLmmProblem } from "../../../../app/engine/lmm";
import { conditionalSds } from "../../../../app/engine/lmm/cond-var";
import { choleskyInPlace, invertLower } from "../../../../app/linalg";
import type { ModelFrame, RandomTerm } from "../../../../app/engine/model-frame/types";
import { fillLambda } from "../../../../app/engine/lmm/theta";
import { seededRandom } from "../seeded-random";

interface TermSpec {
  readonly group: string;
  readonly levelOf: (r: number) => number;
  readonly nl: number;
  readonly k: number;
}

function makeFrame(n: number, p: number, specs: TermSpec[], seed: number, weighted: boolean): ModelFrame {
  const rnd = seededRandom(seed);
  const X = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    X[r] = 1;
    for (let c = 1; c < p; c++) X[r + c * n] = rnd() * 4 - 2;
  }
  const random: RandomTerm[] = specs.map((s) => {
    const Z = new Float64Array(n * s.k);
    for (let r = 0; r < n; r++) {
      Z[r] = 1;
      for (let b = 1; b < s.k; b++) Z[r + b * n] = rnd() * 2;
    }
    return {
      group: s.group,
      effectNames: Array.from({ length: s.k }, (_, b) => (b === 0 ? "(Intercept)" : `x${b}`)),
      k: s.k,
      levels: Array.from({ length: s.nl }, (_, l) => `${s.group}${l}`),
      levelOfRow: Int32Array.from({ length: n }, (_, r) => s.levelOf(r)),
      Z,
    };
  });
  const y = Float64Array.from({ length: n }, () => rnd() * 10);
  return {
    n,
    responseName: "y",
    y,
    fixed: { X, n, p, names: Array.from({ length: p }, (_, i) => `b${i}`), assign: new Int32Array(p), termLabels: [], dropped: [], hasIntercept: true, contrasts: "treatment" },
    random,
    weights: weighted ? Float64Array.from({ length: n }, () => 0.5 + rnd()) : undefined,
    rowIndex: new Int32Array(n),
    droppedRows: 0,
    warnings: [],
  };
}

/** Dense objective, β and conditional SDs; terms and θ in the problem's (lme4's) order. */
function denseReference(frame: ModelFrame, problem: ReturnType<typeof createLmmProblem>, theta: Float64Array, reml: boolean) {
  const { n } = frame;
  const p = frame.fixed.p;
  const terms = problem.terms;
  const q = terms.reduce((s, t) => s + t.nl * t.k, 0);
  const N = q + p + 1;
  const W = new Float64Array(n * N); // rows of [ZΛ X y], √w scaled
  let col = 0;
  terms.forEach((t, ti) => {
    const lam = new Float64Array(t.k * t.k);
    fillLambda(theta, problem.theta, ti, lam);
    for (let r = 0; r < n; r++) {
      const l = t.levelOfRow[r];
      for (let b = 0; b < t.k; b++) {
        let v = 0;
        for (let e = b; e < t.k; e++) v += t.rawZ[r + e * n] * lam[e + b * t.k];
        W[r + (col + l * t.k + b) * n] = v;
      }
    }
    col += t.nl * t.k;
  });
  for (let c = 0; c < p; c++) for (let r = 0; r < n; r++) W[r + (q + c) * n] = frame.fixed.X[r + c * n];
  for (let r = 0; r < n; r++) W[r + (q + p) * n] = frame.y[r];
  let sumLogW = 0;
  if (frame.weights) {
    for (let r = 0; r < n; r++) {
      const s = Math.sqrt(frame.weights[r]);
      sumLogW += Math.log(frame.weights[r]);
      for (let c = 0; c < N; c++) W[r + c * n] *= s;
    }
  }
  const M = new Float64Array(N * N);
  for (let j = 0; j < N; j++) {
    for (let i = j; i < N; i++) {
      let v = 0;
      for (let r = 0; r < n; r++) v += W[r + i * n] * W[r + j * n];
      M[i + j * N] = v + (i === j && i < q ? 1 : 0);
    }
  }
  assert.equal(choleskyInPlace(M, N), 0);
  let ldL2 = 0;
  let ldRX2 = 0;
  for (let i = 0; i < q; i++) ldL2 += 2 * Math.log(M[i + i * N]);
  for (let i = q; i < q + p; i++) ldRX2 += 2 * Math.log(M[i + i * N]);
  const pwrss = M[N * N - 1] ** 2;
  const dof = reml ? n - p : n;
  const objective = ldL2 - sumLogW + dof * (1 + Math.log((2 * Math.PI * pwrss) / dof)) + (reml ? ldRX2 : 0);
  // β from the X block: R_X β = r_Xy, i.e. L_XXᵀ β = L_yX
  const beta = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = M[N - 1 + (q + i) * N];
    for (let c = i + 1; c < p; c++) s -= M[q + c + (q + i) * N] * beta[c];
    beta[i] = s / M[q + i + (q + i) * N];
  }
  // (L_Z L_Zᵀ)⁻¹ diagonal blocks → condsd of b = Λu
  const Linv = new Float64Array(q * q);
  invertLower(M, q, N, 0, Linv);
  const sigma = Math.sqrt(pwrss / dof);
  const condsd: number[][] = [];
  col = 0;
  terms.forEach((t, ti) => {
    const lam = new Float64Array(t.k * t.k);
    fillLambda(theta, problem.theta, ti, lam);
    const sds: number[] = [];
    for (let l = 0; l < t.nl; l++) {
      const base = col + l * t.k;
      for (let a = 0; a < t.k; a++) {
        let v = 0;
        for (let e = 0; e <= a; e++) {
          for (let g = 0; g <= a; g++) {
            let c = 0;
            for (let r = 0; r < q; r++) c += Linv[r + (base + e) * q] * Linv[r + (base + g) * q];
            v += lam[a + e * t.k] * c * lam[a + g * t.k];
          }
        }
        sds.push(sigma * Math.sqrt(v));
      }
    }
    condsd.push(sds);
    col += t.nl * t.k;
  });
  return { objective, beta, condsd, sigma };
}

/**
 * `prefix`: how many leading terms the engine keeps block-diagonal (the nested chain);
 * `dense`: whether the first prefix term's tail update takes the dense SIMD path.
 */
const designs: Record<string, { n: number; p: number; specs: TermSpec[]; weighted?: boolean; prefix: number; dense: boolean }> = {
  "nested chain of three scalar terms": {
    n: 120,
    p: 2,
    prefix: 3,
    dense: true, // the tail is only X and y: every panel is full
    specs: [
      { group: "a", nl: 4, k: 1, levelOf: (r) => r % 4 },
      { group: "b:a", nl: 12, k: 1, levelOf: (r) => r % 12 },
      { group: "c:b:a", nl: 24, k: 1, levelOf: (r) => r % 24 },
    ],
  },
  "vector term in the prefix, crossed vector terms in the tail": {
    n: 150,
    p: 3,
    prefix: 1,
    dense: true,
    specs: [
      { group: "s", nl: 15, k: 2, levelOf: (r) => r % 15 },
      { group: "g", nl: 5, k: 2, levelOf: (r) => r % 5 },
      { group: "item", nl: 7, k: 2, levelOf: (r) => Math.floor(r / 3) % 7 },
      { group: "h", nl: 3, k: 1, levelOf: (r) => (r * 7) % 3 },
    ],
    weighted: true,
  },
  "several terms on one factor, crossed with a second factor": {
    n: 90,
    p: 2,
    prefix: 2,
    dense: true,
    specs: [
      { group: "subj", nl: 9, k: 1, levelOf: (r) => r % 9 },
      { group: "subj", nl: 9, k: 2, levelOf: (r) => r % 9 },
      { group: "item", nl: 6, k: 3, levelOf: (r) => Math.floor(r / 15) },
    ],
  },
  "large crossed design (dense tail above one SIMD panel)": {
    n: 900,
    p: 2,
    prefix: 1,
    dense: false,
    specs: [
      { group: "s", nl: 150, k: 1, levelOf: (r) => (r * 7) % 150 },
      { group: "d", nl: 90, k: 1, levelOf: (r) => (r * 13 + Math.floor(r / 90)) % 90 },
      { group: "e", nl: 5, k: 1, levelOf: (r) => r % 5 },
    ],
  },
  "fully crossed subjects × items (dense SIMD prefix update, 78-row tail)": {
    n: 90 * 75,
    p: 2,
    prefix: 1,
    dense: true,
    specs: [
      { group: "subj", nl: 90, k: 1, levelOf: (r) => r % 90 },
      { group: "item", nl: 75, k: 1, levelOf: (r) => Math.floor(r / 90) },
    ],
  },
};

for (const [name, d] of Object.entries(designs)) {
  for (const [reml, simd] of [[true, true], [false, true], [true, false]]) {
    test(`${name} (${reml ? "REML" : "ML"}${simd ? "" : ", plain TypeScript kernels"}): blocked engine equals dense formulas`, () => {
      const frame = makeFrame(d.n, d.p, d.specs, name.length, d.weighted ?? false);
      const problem = createLmmProblem(frame, reml, { simd });
      assert.equal(problem.layout.m, d.prefix, "prefix length");
      assert.equal(problem.factor.denseUpdate[0], simd && d.dense, "dense prefix update");
      const rnd = seededRandom(17);
      const theta = Float64Array.from(problem.theta.isDiagonal, (diag) => (diag ? 0.3 + rnd() : rnd() - 0.5));
      const ref = denseReference(frame, problem, theta, reml);
      const obj = problem.objective(theta);
      assert.ok(Math.abs(obj - ref.objective) < 1e-8 * Math.abs(ref.objective), `objective ${obj} vs dense ${ref.objective}`);
      const sol = problem.solve(theta);
      ref.beta.forEach((b, i) => assert.ok(Math.abs(sol.beta[i] - b) < 1e-8 * (1 + Math.abs(b)), `beta[${i}]`));
      const sigma = problem.sigmaAt(theta);
      assert.ok(Math.abs(sigma - ref.sigma) < 1e-10 * ref.sigma);
      problem.objective(theta);
      const sds = conditionalSds(problem.factor, sigma);
      ref.condsd.forEach((v, t) => v.forEach((s, i) => assert.ok(Math.abs(sds[t][i] - s) < 1e-8 * (1 + s), `condsd term ${t} entry ${i}: ${sds[t][i]} vs ${s}`)));
      // σ explicit: the profiled objective is devianceAt at σ̂, and σ̂ minimises it
      const dev = problem.devianceAt(theta, sigma);
      assert.ok(Math.abs(dev - obj) < 1e-8 * Math.abs(obj));
      assert.ok(problem.devianceAt(theta, sigma * 1.01) > dev && problem.devianceAt(theta, sigma * 0.99) > dev);
    });
  }
}

test("a θ where L is not positive definite gives a large finite objective", () => {
  const d = designs["nested chain of three scalar terms"];
  const frame = makeFrame(d.n, d.p, d.specs, 3, false);
  const problem = createLmmProblem(frame, true);
  const v = problem.objective(Float64Array.from([NaN, 1, 1]));
  assert.ok(Number.isFinite(v) && v >= 1e15);
});
