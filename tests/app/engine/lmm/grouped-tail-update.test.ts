/**
 * The first prefix term's tail update by groups of levels (app/engine/lmm/grouped-tail-update.ts)
 * must give the factor the sparse scatter gives: log |L|, the penalised RSS, β̂, û and the
 * conditional SDs, at several θ (λ = 0 included), with scalar and with vector-valued tail terms,
 * and be used where it applies (and not in the GLMM, whose A changes).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { BlockedFactor } from "../../../../app/engine/lmm/blocked-factor";
import { conditionalSds } from "../../../../app/engine/lmm/cond-var";
import { GroupedTailUpdate } from "../../../../app/engine/lmm/grouped-tail-update";
import { buildLayout } from "../../../../app/engine/lmm/structure";
import { thetaLayout } from "../../../../app/engine/lmm/theta";
import type { ModelFrame, RandomTerm } from "../../../../app/engine/model-frame/types";
import { seededRandom } from "../seeded-random";

/** s (300 levels, 3–12 rows each) crossed with d (25 levels), d with a random slope when `slope`. */
function crossedFrame(slope: boolean): ModelFrame {
  const rnd = seededRandom(21);
  const sOf: number[] = [];
  for (let l = 0; l < 300; l++) for (let r = 3 + Math.floor(rnd() * 10); r > 0; r--) sOf.push(l);
  const n = sOf.length;
  const x = Float64Array.from({ length: n }, () => rnd() * 4 - 2);
  const X = new Float64Array(n * 2);
  X.fill(1, 0, n);
  X.set(x, n);
  const dOf = Int32Array.from({ length: n }, () => Math.floor(rnd() * 25));
  const term = (group: string, nl: number, levelOfRow: Int32Array, withSlope: boolean): RandomTerm => ({
    group,
    effectNames: withSlope ? ["(Intercept)", "x"] : ["(Intercept)"],
    k: withSlope ? 2 : 1,
    levels: Array.from({ length: nl }, (_, l) => `${group}${l}`),
    levelOfRow,
    Z: withSlope ? Float64Array.from([...new Float64Array(n).fill(1), ...x]) : new Float64Array(n).fill(1),
  });
  return {
    n,
    responseName: "y",
    y: Float64Array.from({ length: n }, (_, r) => 2 + x[r] + (sOf[r] % 7) * 0.3 + (dOf[r] % 5) * 0.2 + rnd()),
    fixed: { X, n, p: 2, names: ["b0", "b1"], assign: new Int32Array(2), termLabels: [], dropped: [], hasIntercept: true, contrasts: "treatment" },
    random: [term("s", 300, Int32Array.from(sOf), false), term("d", 25, dOf, slope)],
    rowIndex: new Int32Array(n),
    droppedRows: 0,
    warnings: [],
  };
}

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-10 * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);

for (const slope of [false, true]) {
  test(`grouped tail update equals the sparse scatter (${slope ? "random slope" : "random intercept"} in the tail)`, () => {
    const layout = buildLayout(crossedFrame(slope));
    assert.equal(layout.m, 1);
    assert.ok(GroupedTailUpdate.forLayout(layout, true), "the grouped update applies to this layout");
    assert.equal(GroupedTailUpdate.forLayout(layout, false), null, "not where A changes (GLMM)");
    const tl = thetaLayout(layout.terms.map((t) => t.k));
    const grouped = new BlockedFactor(layout, tl, true, true);
    const scatter = new BlockedFactor(layout, tl, true, false);
    const thetas = slope ? [[0.8, 0.5, 0.1, 0.3], [0, 0.5, -0.2, 0.3], [2.5, 0.1, 0, 0.05]] : [[0.8, 0.5], [0, 0.5], [2.5, 0.1], [0.3, 0]];
    for (const theta of thetas) {
      assert.equal(grouped.update(theta), true);
      assert.equal(scatter.update(theta), true);
      close(grouped.ldL2(), scatter.ldL2(), `log|L_Z|² at ${theta}`);
      close(grouped.ldRX2(), scatter.ldRX2(), `log|R_X|² at ${theta}`);
      close(grouped.pwrss(), scatter.pwrss(), `pwrss at ${theta}`);
      const a = grouped.solve();
      const b = scatter.solve();
      b.beta.forEach((v, i) => close(a.beta[i], v, `β[${i}] at ${theta}`));
      b.u.forEach((u, t) => u.forEach((v, i) => close(a.u[t][i], v, `u term ${t} level ${i} at ${theta}`)));
      // The grouped factor's conditional SDs by the quadratic form (cond-var.ts, where it pays:
      // the random-intercept layout), the scatter's by the triangular solves.
      const sa = conditionalSds(grouped, 1.1);
      const sb = conditionalSds(scatter, 1.1, "solve");
      sb.forEach((s, t) => s.forEach((v, i) => close(sa[t][i], v, `condsd term ${t} level ${i} at ${theta}`)));
    }
  });
}
