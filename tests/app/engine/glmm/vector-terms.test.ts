// Correlated random slopes and nested terms against glmer (lme4 1.1-31) on simulated data
// (simulated-counts.csv: 30 groups g × 20 rows, 5 subgroups sub per group; R's set.seed(42),
// y ~ Poisson, yb = y > 2). Values printed by R with 8 decimals.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../../app/data";
import { runFit } from "../../../../app/engine/run-fit";

const table = parseCsv(readFileSync(join(import.meta.dirname, "simulated-counts.csv")));

const cases: [string, "binomial" | "poisson", { theta: number[]; m2ll: number; beta: number[]; se: number[] }][] = [
  ["y ~ x + (x | g)", "poisson", { theta: [0.50875171, 0.02131908, 0.26984294], m2ll: 2153.17161784, beta: [0.58147389, 0.2545899], se: [0.09885593, 0.06041887] }],
  ["y ~ x + (1 | g/sub)", "poisson", { theta: [0.38369227, 0.48400669], m2ll: 2142.31300043, beta: [0.55363195, 0.23733484], se: [0.09993063, 0.03024952] }],
  ["yb ~ x + (x | g)", "binomial", { theta: [0.98699967, -0.00899368, 0.65037567], m2ll: 677.54833987, beta: [-0.87062616, 0.65905985], se: [0.21002306, 0.16862959] }],
];

for (const [formula, family, e] of cases) {
  test(`${family} ${formula} matches glmer`, () => {
    const fit = runFit(table, { formula, family, categorical: ["g", "sub"] });
    assert.ok(-2 * fit.logLik <= e.m2ll + 1e-4, `objective ${-2 * fit.logLik} vs ${e.m2ll}`);
    fit.theta.forEach((t, i) => assert.ok(Math.abs(t - e.theta[i]) < 1e-3 * Math.max(0.1, Math.abs(e.theta[i])), `theta[${i}] ${t} vs ${e.theta[i]}`));
    fit.fixef.forEach((r, i) => {
      assert.ok(Math.abs(r.estimate - e.beta[i]) < 1e-3 * e.se[i], `${r.term} ${r.estimate} vs ${e.beta[i]}`);
      assert.ok(Math.abs(r.se - e.se[i]) < 1e-3 * e.se[i], `${r.term} se ${r.se} vs ${e.se[i]}`);
    });
  });
}

test("Nakagawa R² with a random slope (performance::r2_nakagawa: 0.083 / 0.355)", () => {
  const fit = runFit(table, { formula: "yb ~ x + (x | g)", family: "binomial", categorical: ["g"] });
  assert.ok(Math.abs((fit.r2_marginal ?? NaN) - 0.083) < 1e-3);
  assert.ok(Math.abs((fit.r2_conditional ?? NaN) - 0.355) < 1e-3);
});
