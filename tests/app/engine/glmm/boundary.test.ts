// glmer's check.boundary and what comes before it, in lme4 1.1-31's order (optimizeGlmer, optwrap):
// stage 2's deriv12 is taken at Nelder–Mead's optimum BEFORE check.boundary moves θ, and vcov()
// uses that Hessian; nAGQ = 0's check.boundary after BOBYQA; optinfo$feval counts the last
// stage's optimiser evaluations only. Data and lme4's numbers: tests/fixtures/lmm-boundary/
// glmm-boundary.R, whose printed output is glmm-boundary-output.txt next to it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../../app/data";
import { parseFormula } from "../../../../app/formula";
import { buildModelFrame } from "../../../../app/engine/model-frame";
import { GlmmProblem, makeFamily, type GlmmFit } from "../../../../app/engine/glmm";
import { optimise } from "../../../../app/engine/glmm/optimise";
import { runFit } from "../../../../app/engine/run-fit";
import { TOL } from "../../../reference/tolerance";

const DIR = join(import.meta.dirname, "../../../fixtures/lmm-boundary");
const table = (file: string) => parseCsv(readFileSync(join(DIR, file), "utf8"));
const FORMULA = "y ~ x + (x | g)";

function near(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: Mixwell ${actual}, lme4 ${expected}`);
}

function fitPoisson(file: string, nAGQ: number): GlmmFit {
  const fit = runFit(table(file), { formula: FORMULA, family: "poisson", categorical: ["g"], nAGQ, inference: false });
  assert.notEqual(fit.family, "gaussian");
  return fit as GlmmFit;
}

test("glmer stage 2: deriv12 at Nelder–Mead's optimum (θ₃ = 5.66e-6), before check.boundary sets θ₃ to 0", () => {
  const frame = buildModelFrame(table("check-boundary-poisson.csv"), parseFormula(FORMULA), { categorical: ["g"], family: "poisson" });
  const opt = optimise(new GlmmProblem(frame, makeFamily("poisson")), 1, () => {}, { derivatives: true });
  // boundary.tol = 0: θ = (0.43216785040603339, −0.97897295568179465, 5.6640753160927132e-06).
  near(opt.optimiserX[2], 5.6640753160927132e-6, 1e-10, "θ₃ where the derivatives were taken");
  assert.equal(opt.x[2], 0);
  // lme4's optinfo$derivs$Hessian (5 × 5 over θ₁, θ₂, θ₃, β₁, β₂, column-major). At the moved
  // θ₃ = 0 the deviance is even in θ₃, so deriv12 there gives exactly 0 off the diagonal of
  // θ₃'s row; at Nelder–Mead's optimum those entries are −2.97e-4, −1.86e-4, 2.72e-4, 1.60e-4.
  const lme4 = [
    113.86916542053223, 47.857602596282959, -0.00029706954956054688, 2.0278472900390625, -7.9963545799255371,
    47.857602596282959, 29.101865768432617, -0.00018644332885742188, -11.65899133682251, -8.3607397079467773,
    -0.00029706954956054688, -0.00018644332885742188, 4.6754512786865234, 0.00027227401733398438, 0.00015974044799804688,
    2.0278472900390625, -11.65899133682251, 0.00027227401733398438, 198.05142021179199, 83.812427043914795,
    -7.9963545799255371, -8.3607397079467773, 0.00015974044799804688, 83.812427043914795, 44.751594543457031,
  ];
  const H = opt.derivs!.hessian;
  lme4.forEach((h, k) => {
    const tol = Math.abs(h) > 1 ? 1e-5 * Math.abs(h) : 1e-5;
    near(H[k], h, tol, `Hessian[${k % 5}, ${Math.floor(k / 5)}]`);
  });
  for (const k of [2, 7, 17, 22]) assert.ok(Math.abs(H[k]) > 1e-4, `Hessian[${k % 5}, 2] = ${H[k]} (lme4 ${lme4[k]})`);
});

test("glmer fit where check.boundary fires: SEs from the pre-boundary Hessian and lme4's feval (stage 2 only)", () => {
  const fit = fitPoisson("check-boundary-poisson.csv", 1);
  // lme4: θ = (0.43216785040603339, −0.97897295568179465, 0), β = (0.62059589984880248,
  // 0.13238872502823681), SE = (0.23113776376643008, 0.48270762144112933), feval 395.
  // (deriv12 at the moved θ would give SE 0.23113761642400776, 0.48270729627039793.)
  assert.equal(fit.theta[2], 0);
  near(fit.beta[0], 0.62059589984880248, 1e-6, "β₁");
  near(fit.beta[1], 0.13238872502823681, 1e-6, "β₂");
  const se = [0.23113776376643008, 0.48270762144112933];
  fit.fixef.forEach((r, j) => near(r.se, se[j], TOL.scaleRel * se[j], `SE ${r.term}`));
  // Closer than the moved point's SEs are to lme4's (6.4e-7 relative for the intercept).
  near(fit.fixef[0].se, se[0], 3e-7 * se[0], "SE (Intercept), tight");
  near(-2 * fit.logLik, 171.55922805031241, 1e-7, "−2 logLik");
  assert.ok(Math.abs(fit.optimizer.evaluations - 395) <= 2, `evaluations ${fit.optimizer.evaluations}, lme4's feval 395`);
});

test("glmer nAGQ = 0: check.boundary after BOBYQA sets θ₃ = 4.32e-6 to 0; feval is BOBYQA's", () => {
  const fit = fitPoisson("check-boundary-poisson-nagq0.csv", 0);
  // lme4 (nAGQ = 0): θ = (0.1530224747197059, −0.99200878443429319, 0), β = (0.48467411693681006,
  // 0.51210419553160114), −2logLik 160.8569058043569, SE = (0.20094821977487681,
  // 0.49809998807756989), feval 186. boundary.tol = 0: θ₃ = 4.3246218122914691e-06.
  near(fit.theta[0], 0.1530224747197059, 1e-6, "θ₁");
  near(fit.theta[1], -0.99200878443429319, 1e-6, "θ₂");
  assert.equal(fit.theta[2], 0);
  near(fit.beta[0], 0.48467411693681006, 1e-6, "β₁");
  near(fit.beta[1], 0.51210419553160114, 1e-6, "β₂");
  const se = [0.20094821977487681, 0.49809998807756989];
  fit.fixef.forEach((r, j) => near(r.se, se[j], TOL.scaleRel * se[j], `SE ${r.term}`));
  near(-2 * fit.logLik, 160.8569058043569, 1e-7, "−2 logLik");
  assert.ok(Math.abs(fit.optimizer.evaluations - 186) <= 2, `evaluations ${fit.optimizer.evaluations}, lme4's feval 186`);
});
