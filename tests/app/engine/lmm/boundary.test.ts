// lme4's start, restart_edge and check.boundary (app/engine/lmm/start.ts, boundary.ts), against
// lme4 1.1-31: data and numbers from tests/fixtures/lmm-boundary/make.R, whose printed output is
// lme4-output.txt next to it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../../app/data";
import { parseFormula } from "../../../../app/formula";
import { buildModelFrame } from "../../../../app/engine/model-frame";
import { createLmmProblem, fitLmm } from "../../../../app/engine/lmm";
import { checkBoundary, edgeGradientNegative } from "../../../../app/engine/lmm/boundary";
import { lme4Start } from "../../../../app/engine/lmm/start";
import { runFit } from "../../../../app/engine/run-fit";
import { bobyqa, LME4_BOBYQA } from "../../../../app/optim";

const FIXTURES = join(import.meta.dirname, "../../../fixtures");
const table = (file: string) => parseCsv(readFileSync(join(FIXTURES, file), "utf8"));
const frameOf = (file: string, formula: string, categorical: string[]) =>
  buildModelFrame(table(file), parseFormula(formula), { categorical });

function near(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: Mixwell ${actual}, lme4 ${expected}`);
}

test("lme4's start: var(ave(y, f)) for scalar intercepts with their own factors, else 1/0", () => {
  // lme4-output.txt: "start penicillin ...", "start pastes ...", "start sleepstudy ...".
  const cases: [string, string, number[], number][] = [
    ["penicillin.csv", "diameter ~ 1 + (1 | plate) + (1 | sample)", [1.7449150221442946, 3.5940134817983642], 1e-13],
    // v.e = var(y) − Σ var(ave(y, f)) ≤ 0 here, so lme4 keeps θ₀ = 1.
    ["pastes.csv", "strength ~ 1 + (1 | batch/cask)", [1, 1], 0],
    // Two terms on one factor.
    ["sleepstudy.csv", "Reaction ~ Days + (1 | Subject) + (0 + Days | Subject)", [1, 1], 0],
  ];
  for (const [data, formula, expected, tol] of cases) {
    const frame = frameOf(`reference/data/${data}`, formula, []);
    const problem = createLmmProblem(frame, true);
    const start = lme4Start(problem.terms, problem.theta, frame.y);
    expected.forEach((v, i) => near(start[i], v, tol * v, `${formula} θ₀[${i}]`));
  }
});

test("restart_edge: BOBYQA stops on the bound with a negative one-sided slope, lme4 runs it again", () => {
  const frame = frameOf("lmm-boundary/restart-edge.csv", "y ~ x + (x | g)", ["g"]);
  const problem = createLmmProblem(frame, true);
  const f = (x: Float64Array) => problem.objective(x);
  // The first run stops where lme4's does (restart_edge = FALSE: θ = (0, −3.46e-5, 0), 46 evaluations) …
  const first = bobyqa(f, lme4Start(problem.terms, problem.theta, frame.y), { lower: problem.theta.lower, upper: problem.theta.upper, ...LME4_BOBYQA });
  near(first.x[1], -3.4620636155599516e-5, 1e-9, "first run θ₂");
  near(first.fval, 73.232594139550272, 1e-9, "first run REML criterion");
  // … where θ₁'s one-sided slope is −0.00100743733355557 (θ₃'s 0.000205541539344267): restart.
  assert.equal(edgeGradientNegative(f, first.x, problem.theta.lower), true);
  assert.equal(edgeGradientNegative(f, Float64Array.from([0, 0, 0]), problem.theta.lower), false);
  const fit = fitLmm(frame, { reml: true, formula: "y ~ x + (x | g)" });
  // lme4 (default control): θ = (0, −0, 0), REMLcrit 73.232594114914278, feval 27 (the second run's).
  fit.theta.forEach((v, i) => near(v, 0, 1e-8, `θ[${i}]`));
  near(fit.REMLcrit!, 73.232594114914278, 1e-9, "REML criterion");
  assert.ok(Math.abs(fit.optimizer.evaluations - 27) <= 2, `evaluations ${fit.optimizer.evaluations}, lme4's feval 27`);
  assert.equal(fit.converged, true);
});

test("check.boundary (lmer): θ₃ = 9.35e-6 after BOBYQA goes to 0 because the criterion is lower there", () => {
  const fit = fitLmm(frameOf("lmm-boundary/check-boundary.csv", "y ~ x + (x | g)", ["g"]), { reml: true, formula: "f" });
  // lme4: θ = (0.87642328036681039, −0.33869463755466978, 0), REMLcrit 120.23457193637381, feval 49;
  // with boundary.tol = 0: θ₃ = 9.3513837940669387e-06, REMLcrit 120.2345719525778.
  near(fit.theta[0], 0.87642328036681039, 1e-7, "θ₁");
  near(fit.theta[1], -0.33869463755466978, 1e-7, "θ₂");
  assert.equal(fit.theta[2], 0);
  near(fit.REMLcrit!, 120.23457193637381, 1e-9, "REML criterion");
  assert.ok(Math.abs(fit.optimizer.evaluations - 49) <= 2, `evaluations ${fit.optimizer.evaluations}, lme4's feval 49`);
});

test("check.boundary (glmer, after Nelder–Mead): θ₃ = 5.66e-6 goes to 0", () => {
  const fit = runFit(table("lmm-boundary/check-boundary-poisson.csv"), {
    formula: "y ~ x + (x | g)",
    family: "poisson",
    categorical: ["g"],
    inference: false,
  });
  // lme4: θ = (0.43216785040603339, −0.97897295568179465, 0), −2logLik 171.55922805031241;
  // with boundary.tol = 0: θ₃ = 5.6640753160927132e-06, −2logLik 171.55922805038745.
  near(fit.theta[0], 0.43216785040603339, 1e-6, "θ₁");
  near(fit.theta[1], -0.97897295568179465, 1e-6, "θ₂");
  assert.equal(fit.theta[2], 0);
  near(-2 * fit.logLik, 171.55922805031241, 1e-7, "−2 logLik");
});

test("check.boundary's rule: cumulative trials, each compared with the optimiser's optimum", () => {
  // lme4:::check.boundary on f(x) = x₁ − x₂/2 + (x₄ − 1)², lower (0, 0, −∞, 0), x̂ = (4e-6, 6e-6, −3, 2e-5):
  // par (0, 0, −3, 2e-5), fval 0.99996000039999999. Setting x₂ to 0 raises f above the value after
  // x₁ = 0 but not above f(x̂), so it is kept; x₄ is 2e-5 from its bound, outside the tolerance.
  const f = (x: Float64Array) => x[0] - 0.5 * x[1] + (x[3] - 1) ** 2;
  const x = Float64Array.from([4e-6, 6e-6, -3, 2e-5]);
  const r = checkBoundary(f, x, f(x), [0, 0, -Infinity, 0]);
  assert.deepEqual(Array.from(r.x), [0, 0, -3, 2e-5]);
  near(r.fval, 0.99996000039999999, 1e-15, "fval");
  assert.equal(r.checked, true);
  const none = checkBoundary(f, Float64Array.from([0, 1e-3, -3, 1]), 7, [0, 0, -Infinity, 0]);
  assert.equal(none.checked, false);
  assert.equal(none.fval, 7);
});
