// The pieces of lmerTest's Satterthwaite method for sleepstudy (REML): Cov(varpar) = 2·H⁻¹ and the
// Jacobian of Var(β̂). R (lmerTest 3.1-3):
//   m <- lmer(Reaction ~ Days + (Days | Subject), sleepstudy); m@vcov_varpar; m@Jac_list[[1]]; m@Jac_list[[4]]
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { createLmmProblem, type LmmFit } from "../../../app/engine/lmm";
import { buildModelFrame } from "../../../app/engine/model-frame";
import { parseFormula } from "../../../app/formula";
import { runFit } from "../../../app/engine/run-fit";
import { fStatisticDf, satterthwaiteModel } from "../../../app/inference";

const data = parseCsv(readFileSync(join(import.meta.dirname, "../../fixtures/reference/data/sleepstudy.csv")));
const formula = "Reaction ~ Days + (Days | Subject)";
const fit = runFit(data, { formula, inference: false }) as LmmFit;
const frame = buildModelFrame(data, parseFormula(formula), {});
const model = satterthwaiteModel(createLmmProblem(frame, true), fit.theta, fit.sigma, fit.beta, fit.vcovBeta);

function close(actual: ArrayLike<number>, expected: readonly number[], rel: number, abs: number, what: string): void {
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i] - e) <= rel * Math.abs(e) + abs, `${what}[${i}]: ${actual[i]} vs R ${e}`));
}

test("Cov(varpar) = 2·H⁻¹ of lmerTest's devfun_vp", () => {
  // Column-major 4 × 4 (θ₁, θ₂, θ₃, σ).
  const expected = [
    0.05765275101492075, -0.00449704273204491, 0.00181251012879351, -0.11765873985567238,
    -0.00449704273204491, 0.00554159859997567, -0.00115945122779156, 0.00917763489079991,
    0.00181251012879351, -0.00115945122779156, 0.00278818346102556, -0.02587475505137093,
    -0.11765873985567238, 0.00917763489079991, -0.02587475505137093, 2.27409500693394895,
  ];
  close(model.covVarpar, expected, 2e-3, 1e-6, "vcov_varpar");
});

test("Jacobian of Var(β̂) in θ₁ and in σ", () => {
  close(model.jac[0], [70.350873903639339, 0.551934647904475, 0.551934647904475, -2.14083951738188e-9], 1e-3, 1e-5, "Jac[θ₁]");
  close(model.jac[3], [3.6398477508275, -0.113402625779269, -0.113402625779269, 0.186736847165921], 1e-4, 1e-8, "Jac[σ]");
});

test("F denominator df from the t-type df (lmerTest's get_Fstat_ddf)", () => {
  assert.equal(fStatisticDf([7.5]), 7.5);
  assert.equal(fStatisticDf([10, 10 + 5e-9]), 10 + 2.5e-9);
  assert.equal(fStatisticDf([1.5, 30]), 2);
  // E = 10/8 + 20/18; 2E/(E − 2)
  const E = 10 / 8 + 20 / 18;
  assert.ok(Math.abs(fStatisticDf([10, 20]) - (2 * E) / (E - 2)) < 1e-12);
});

test("Satterthwaite reports progress over its factorisations and can be cancelled", () => {
  const problem = createLmmProblem(frame, true);
  const seen: { done: number; total: number }[] = [];
  satterthwaiteModel(problem, fit.theta, fit.sigma, fit.beta, fit.vcovBeta, { onProgress: (p) => seen.push(p) });
  assert.ok(seen.length > 10);
  assert.equal(seen.at(-1)!.done, seen.length - 1);
  assert.ok(seen.every((p) => p.done < p.total), `more factorisations than announced: ${seen.length} vs ${seen[0].total}`);
  const signal = { cancelled: false };
  assert.throws(
    () => satterthwaiteModel(problem, fit.theta, fit.sigma, fit.beta, fit.vcovBeta, { signal, onProgress: (p) => (signal.cancelled = p.done >= 3) }),
    /cancelled/,
  );
});
