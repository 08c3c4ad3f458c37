/**
 * Steps in the last random-effect term's θ alone refactor only the end of the tail
 * (app/engine/lmm/last-term-update.ts). Every number must equal a fresh factorisation at the
 * same θ (which takes the full path), and the shortcut must really be taken.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createLmmProblem, type LmmProblem } from "../../../../app/engine/lmm";
import { conditionalSds } from "../../../../app/engine/lmm/cond-var";
import { LastTermUpdate } from "../../../../app/engine/lmm/last-term-update";
import type { ModelFrame, RandomTerm } from "../../../../app/engine/model-frame/types";
import { seededRandom } from "../seeded-random";

/** s (150 levels) × d (90) × e (5), crossed: the tail is d, e, X, y; e starts after one block (64). */
function crossedFrame(): ModelFrame {
  const n = 900;
  const p = 2;
  const rnd = seededRandom(11);
  const X = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    X[r] = 1;
    X[r + n] = rnd() * 4 - 2;
  }
  const term = (group: string, nl: number, levelOf: (r: number) => number): RandomTerm => ({
    group,
    effectNames: ["(Intercept)"],
    k: 1,
    levels: Array.from({ length: nl }, (_, l) => `${group}${l}`),
    levelOfRow: Int32Array.from({ length: n }, (_, r) => levelOf(r)),
    Z: new Float64Array(n).fill(1),
  });
  return {
    n,
    responseName: "y",
    y: Float64Array.from({ length: n }, () => rnd() * 10),
    fixed: { X, n, p, names: ["b0", "b1"], assign: new Int32Array(p), termLabels: [], dropped: [], hasIntercept: true, contrasts: "treatment" },
    random: [
      term("s", 150, (r) => (r * 7) % 150),
      term("d", 90, (r) => (r * 13 + Math.floor(r / 90)) % 90),
      term("e", 5, (r) => r % 5),
    ],
    rowIndex: new Int32Array(n),
    droppedRows: 0,
    warnings: [],
  };
}

let shortcuts = 0;
const update = LastTermUpdate.prototype.update;
LastTermUpdate.prototype.update = function (this: LastTermUpdate, ...args: Parameters<typeof update>) {
  shortcuts++;
  return update.apply(this, args);
};

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);

/** Everything the problem reports at θ, against a fresh problem (full factorisation). */
function sameAsFresh(frame: ModelFrame, reml: boolean, problem: LmmProblem, theta: number[]): void {
  const fresh = createLmmProblem(frame, reml);
  close(problem.devianceAt(theta, 1.3), fresh.devianceAt(theta, 1.3), `deviance at θ = ${theta}`);
  const v = problem.vcovBetaAt(theta, 1);
  fresh.vcovBetaAt(theta, 1).forEach((x, i) => close(v[i], x, `Var(β̂)[${i}]`));
  const a = problem.solve(theta);
  const b = fresh.solve(theta);
  b.beta.forEach((x, i) => close(a.beta[i], x, `β[${i}]`));
  b.u.forEach((u, t) => u.forEach((x, i) => close(a.u[t][i], x, `u term ${t} level ${i}`)));
}

for (const reml of [true, false]) {
  test(`steps in the last term's θ take the shortcut and equal a full factorisation (${reml ? "REML" : "ML"})`, () => {
    const frame = crossedFrame();
    const problem = createLmmProblem(frame, reml);
    assert.equal(problem.layout.m, 1);
    problem.devianceAt([0.6, 0.5, 0.4], 1);
    const before = shortcuts;
    for (const e of [0.45, 0.35, 0.8, 0.4001, 2.5]) sameAsFresh(frame, reml, problem, [0.6, 0.5, e]);
    assert.equal(shortcuts - before, 5, "each step in e alone refactors only the end of the tail");
  });
}

test("after a step in another θ, at θ_e = 0 and after conditional SDs the full path is taken again", () => {
  const frame = crossedFrame();
  const problem = createLmmProblem(frame, true);
  problem.devianceAt([0.6, 0.5, 0.4], 1);
  let before = shortcuts;
  sameAsFresh(frame, true, problem, [0.6, 0.55, 0.4]); // d changed
  sameAsFresh(frame, true, problem, [0.6, 0.55, 0]); // e = 0: no ratio to scale by
  sameAsFresh(frame, true, problem, [0.6, 0.55, 0.3]); // from e = 0
  assert.equal(shortcuts - before, 0);
  sameAsFresh(frame, true, problem, [0.6, 0.55, 0.35]);
  assert.equal(shortcuts - before, 1);
  // a NaN step fails and must not spoil the next one
  assert.ok(problem.objective([0.6, 0.55, NaN]) >= 1e15);
  sameAsFresh(frame, true, problem, [0.6, 0.55, 0.36]);
  // conditional SDs overwrite L; the next step must not start from it
  const theta = [0.6, 0.55, 0.35];
  problem.update(theta);
  const sds = conditionalSds(problem.factor, 1);
  before = shortcuts;
  sameAsFresh(frame, true, problem, [0.6, 0.55, 0.5]);
  assert.equal(shortcuts - before, 0);
  // and conditional SDs after a shortcut step equal those of a fresh factorisation
  problem.update([0.6, 0.55, 0.35]);
  assert.equal(shortcuts - before, 1);
  const again = conditionalSds(problem.factor, 1);
  sds.forEach((v, t) => v.forEach((x, i) => close(again[t][i], x, `condsd term ${t} level ${i}`)));
});
