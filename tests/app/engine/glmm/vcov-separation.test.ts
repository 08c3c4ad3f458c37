// vcov() of a completely separated binomial GLMM (every cond C row a success), against lme4
// 1.1-31. R code: tests/fixtures/glmm-vcov/separation-vcov.R; its output, from which every
// number below is copied: separation-vcov-output.txt next to it. deriv12's Hessian has a zero
// row (the deviance is flat to rounding in β_condC), solve() fails, lme4 warns and falls back to
// R_X (pp$unsc()): SE(condC) = 6.2e6 where we used to report NaN.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../../app/data";
import { runFitWithFrame } from "../../../../app/engine/run-fit";
import type { GlmmFit } from "../../../../app/engine/glmm";
import { makeFamily } from "../../../../app/engine/glmm/family";
import { GlmmProblem } from "../../../../app/engine/glmm/problem";
import { fixedEffectRows } from "../../../../app/engine/glmm/results";
import { HESSIAN_VCOV_FALLBACK_WARNING, hessianVcov } from "../../../../app/engine/glmm/vcov";
import { finiteDerivatives } from "../../../../app/engine/lmm/convergence";
import { fitToJson } from "../../../../app/report";

const table = parseCsv(readFileSync(join(import.meta.dirname, "../../../fixtures/guided-fix/separation.csv"), "utf8"));
const SPEC = { formula: "y ~ cond + (1 | subject)", family: "binomial" as const };

/** R: summary(m)$coefficients (lme4 falls back to R_X), digits = 10. */
const R_COEF = {
  "(Intercept)": { estimate: -0.4054650762, se: 3.227486112e-1, z: -1.256287594, p: 0.20901171822 },
  condB: { estimate: 0.8109302009, se: 4.564354642e-1, z: 1.776659056, p: 0.07562435274 },
  condC: { estimate: 35.5590305947, se: 6.161758017e6, z: 5.770922924e-6, p: 0.99999539547 },
};
/** R: theta and fixef(m) to 17 digits: lme4's optimum. */
const R_PARS = [0, -0.40546507617198657, 0.81093020091795298, 35.559030594651148];

const rel = (a: number | undefined, b: number, what: string, tol = 1e-3) =>
  assert.ok(a !== undefined && Number.isFinite(a) && Math.abs(a - b) <= tol * Math.abs(b), `${what}: ${a} vs R ${b}`);

function separatedFit() {
  const { fit, frame } = runFitWithFrame(table, SPEC);
  assert.notEqual(fit.family, "gaussian");
  return { fit: fit as GlmmFit, frame };
}

test("lme4's Hessian of the separated fit (zero row for condC) is singular: no Hessian vcov, as solve() fails in R", () => {
  // R: m@optinfo$derivs$Hessian, (θ, β) order; solve(): "system is exactly singular: U[4,4] = 0"
  const h = [
    [30.40000916, -1.430511475e-6, 1.907348633e-6, 0],
    [-1.430511475e-6, 38.40001678, 19.20000029, 0],
    [1.907348633e-6, 19.20000029, 19.2000103, 0],
    [0, 0, 0, 0],
  ];
  const H = new Float64Array(16);
  h.forEach((row, i) => row.forEach((v, j) => (H[i + j * 4] = v)));
  assert.equal(hessianVcov(H, 1, 3), null);
  // the same matrix with condC's curvature made positive is positive definite: then it is used
  H[15] = 1;
  const v = hessianVcov(H, 1, 3);
  assert.ok(v !== null && v[8] > 0 && Number.isFinite(v[8]));
  // NA entries (a failed finite-difference point) also fall back, as R's any(is.na(V.hess))
  H[3] = Number.NaN;
  H[12] = Number.NaN;
  assert.equal(hessianVcov(H, 1, 3), null);
  // R: solve(diag(c(30, 1, 1e-14)))[3, 3] = 1e14, but solve(diag(c(30, 1, 6e-15))) stops:
  // "system is computationally singular: reciprocal condition number = 2e-16" (< DBL_EPSILON)
  const diag = (d: number) => Float64Array.from([30, 0, 0, 0, 1, 0, 0, 0, d]);
  const ok = hessianVcov(diag(1e-14), 1, 2);
  assert.ok(ok !== null && Math.abs(ok[3] - 2e14) < 1e2, "2·H⁻¹ where solve() succeeds");
  assert.equal(hessianVcov(diag(6e-15), 1, 2), null);
});

test("at lme4's optimum our deriv12 Hessian is singular too, and R_X gives R's SEs, z and p within 1e-3", () => {
  const { frame } = separatedFit();
  const problem = new GlmmProblem(frame, makeFamily("binomial", "logit"));
  problem.devianceJoint([1]); // glmer's θ₀: its PIRLS η is every later evaluation's start (lp0)
  problem.setStart();
  const x = Float64Array.from(R_PARS);
  const dev = (v: Float64Array) => problem.devianceLaplace(v);
  const d = finiteDerivatives(dev, x, dev(x), true);
  assert.equal(hessianVcov(d.hessian!, 1, 3), null, "the Hessian should be singular in condC as lme4's");
  dev(x); // the final state, as lme4's pp after its last evaluation
  const vcov = problem.unscaledVcovAt(x);
  const rows = fixedEffectRows(["(Intercept)", "condB", "condC"], x.subarray(1), vcov);
  for (const row of rows) {
    const r = R_COEF[row.term as keyof typeof R_COEF];
    rel(row.se, r.se, `${row.term} SE`);
    rel(row.statistic, r.z, `${row.term} z`);
    rel(row.p, r.p, `${row.term} p`);
  }
  // R: vcov(m, use.hessian = FALSE)[3, 3] = 3.796726186e+13, [1, 3] = -1.041666660e-01
  rel(vcov[8], 3.796726186e13, "vcov[condC, condC]");
  rel(vcov[6], -0.104166666, "vcov[(Intercept), condC]");
});

test("elsewhere on the flat plateau R_X is still R's (lme4's own devfun and pp$unsc() at β_condC = 35.9504…)", () => {
  // R's deviance is 107.68186672148096 at both β_condC values: Nelder–Mead's stopping point in
  // that direction is set by rounding, so SE(condC) (∝ e^{β/2}) is compared at a fixed point.
  const { frame } = separatedFit();
  const problem = new GlmmProblem(frame, makeFamily("binomial", "logit"));
  problem.devianceJoint([1]);
  problem.setStart();
  const x = Float64Array.from([0, -0.40546507617198657, 0.81093020091795298, 35.950447709499926]);
  assert.ok(Math.abs(problem.devianceLaplace(x) - 107.68186672148096) < 1e-9);
  const vcov = problem.unscaledVcovAt(x);
  rel(Math.sqrt(vcov[0]), 3.227486112e-1, "SE (Intercept)");
  rel(Math.sqrt(vcov[4]), 4.564354642e-1, "SE condB");
  rel(Math.sqrt(vcov[8]), 9.113704266e6, "SE condC");
});

test("the fit reports finite SEs, R's z and p, and lme4's fallback warning (not NaN)", () => {
  const { fit } = separatedFit();
  assert.equal(fit.singular, true); // R: theta 0, isSingular TRUE
  assert.ok(fit.theta[0] < 1e-4);
  assert.ok(fit.warnings.includes(HESSIAN_VCOV_FALLBACK_WARNING), fit.warnings.join("\n"));
  assert.match(HESSIAN_VCOV_FALLBACK_WARNING, /Hessian.*(singular|not positive definite).*missing values/);
  for (const row of fit.fixef) {
    const r = R_COEF[row.term as keyof typeof R_COEF];
    if (row.term === "condC") {
      // β_condC lies on R's plateau of equal deviance (previous test); at ours, SE is R_X's there
      assert.ok(row.estimate > 30 && row.estimate < 40, `β condC ${row.estimate}`);
      assert.ok(Number.isFinite(row.se) && row.se > 1e6, `SE condC ${row.se}`);
      assert.ok(row.statistic !== undefined && Math.abs(row.statistic) < 1e-5, `z condC ${row.statistic}`);
      rel(row.p, r.p, "p condC");
      continue;
    }
    rel(row.estimate, r.estimate, `${row.term} estimate`);
    rel(row.se, r.se, `${row.term} SE`);
    rel(row.statistic, r.z, `${row.term} z`);
    rel(row.p, r.p, `${row.term} p`);
  }
  const json = JSON.stringify(fitToJson(fit));
  assert.doesNotMatch(json, /NaN|null,"statistic"/);
});
