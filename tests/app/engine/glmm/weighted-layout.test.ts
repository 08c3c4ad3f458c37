// The in-place reweighting of the blocked A against buildLayout's own accumulation with the same
// weights and response (buildLayout scales rows by √w, so both must give [Z X z]ᵀW[Z X z]), on
// designs that reach every block kind: a nested prefix chain with vector terms, a crossed dense
// tail with a vector term, zero weights.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildLayout } from "../../../../app/engine/lmm/structure";
import type { ModelFrame, RandomTerm } from "../../../../app/engine/model-frame/types";
import { createWeightedLayout } from "../../../../app/engine/glmm/weighted-layout";
import { seededRandom } from "../seeded-random";

function frame(n: number, p: number, specs: { group: string; nl: number; k: number; levelOf: (r: number) => number }[], seed: number): ModelFrame {
  const rnd = seededRandom(seed);
  const X = Float64Array.from({ length: n * p }, (_, i) => (i < n ? 1 : rnd() * 4 - 2));
  const random: RandomTerm[] = specs.map((s) => ({
    group: s.group,
    effectNames: Array.from({ length: s.k }, (_, b) => (b === 0 ? "(Intercept)" : `x${b}`)),
    k: s.k,
    levels: Array.from({ length: s.nl }, (_, l) => `${s.group}${l}`),
    levelOfRow: Int32Array.from({ length: n }, (_, r) => s.levelOf(r)),
    Z: Float64Array.from({ length: n * s.k }, (_, i) => (i < n ? 1 : rnd() * 2)),
  }));
  return {
    n,
    responseName: "y",
    y: new Float64Array(n),
    fixed: { X, n, p, names: [], assign: new Int32Array(p), termLabels: [], dropped: [], hasIntercept: true, contrasts: "treatment" },
    random,
    rowIndex: new Int32Array(n),
    droppedRows: 0,
    warnings: [],
  };
}

function same(a: ArrayLike<number>, b: ArrayLike<number>, what: string) {
  assert.equal(a.length, b.length, `${what} length`);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= 1e-10 * (1 + Math.abs(b[i])), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

const designs = {
  "nested chain with vector terms": frame(
    240,
    3,
    [
      { group: "unit", nl: 60, k: 2, levelOf: (r) => r % 60 },
      { group: "site", nl: 12, k: 1, levelOf: (r) => (r % 60) % 12 },
      { group: "region", nl: 3, k: 2, levelOf: (r) => ((r % 60) % 12) % 3 },
    ],
    1,
  ),
  "crossed with a vector tail term": frame(
    300,
    2,
    [
      { group: "subject", nl: 30, k: 1, levelOf: (r) => r % 30 },
      { group: "item", nl: 7, k: 2, levelOf: (r) => Math.floor(r / 30) % 7 },
      { group: "batch", nl: 5, k: 1, levelOf: (r) => (r * 7) % 5 },
    ],
    2,
  ),
};

for (const [name, f] of Object.entries(designs)) {
  for (const withX of [true, false]) {
    test(`refresh equals buildLayout with the same weights: ${name}, ${withX ? "with" : "without"} X`, () => {
      const rnd = seededRandom(99);
      const wl = createWeightedLayout(f, withX);
      for (let round = 0; round < 2; round++) {
        const w = Float64Array.from({ length: f.n }, (_, r) => (r % 17 === 0 ? 0 : 0.1 + rnd()));
        const z = Float64Array.from({ length: f.n }, () => rnd() * 6 - 3);
        wl.refresh(w, z);
        const fixed = withX ? f.fixed : { ...f.fixed, X: new Float64Array(0), p: 0 };
        const ref = buildLayout({ ...f, fixed, weights: w, y: z });
        assert.equal(wl.layout.m, ref.m);
        ref.prefix.forEach((b, j) => {
          same(wl.layout.prefix[j].diagA, b.diagA, `diagA ${j}`);
          b.offA.forEach((o, q) => same(wl.layout.prefix[j].offA[q], o, `offA ${j}.${q}`));
          same(wl.layout.prefix[j].panelA, b.panelA, `panelA ${j}`);
        });
        same(wl.layout.tailA, ref.tailA, "tailA");
      }
    });
  }
}

test("refreshBase(z) after setBaseWeights(w0) equals refresh(w0, z)", () => {
  const f = designs["crossed with a vector tail term"];
  const rnd = seededRandom(7);
  const w0 = Float64Array.from({ length: f.n }, () => 0.1 + rnd());
  const a = createWeightedLayout(f, true);
  const b = createWeightedLayout(f, true);
  a.setBaseWeights(w0);
  a.refresh(Float64Array.from({ length: f.n }, () => rnd()), Float64Array.from({ length: f.n }, () => rnd())); // unrelated refresh in between
  const z = Float64Array.from({ length: f.n }, () => rnd() * 4 - 2);
  a.refreshBase(z);
  b.refresh(w0, z);
  b.layout.prefix.forEach((blk, j) => {
    same(a.layout.prefix[j].diagA, blk.diagA, "diagA");
    same(a.layout.prefix[j].panelA, blk.panelA, "panelA");
  });
  same(a.layout.tailA, b.layout.tailA, "tailA");
});
