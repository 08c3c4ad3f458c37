// Fitted values and residuals of models with an offset include it, as lme4's fitted() and
// residuals() do. R (lme4 1.1-31), from tests/fixtures/reference/data:
//   m <- glmer(incidence ~ period + offset(log(size)) + (1|herd), cbpp, family = poisson)
//   fitted(m)[c(1,2,3,4,56)]    # 4.205073550827 1.549707666186 1.028570361510 0.373669334468 0.490199248062
//   residuals(m)[c(1,2,3,4,56)] # -1.198986524399 1.030869147993 2.218588942462 -0.864487518092 -0.990150744142
//   residuals(m, type = "pearson")[c(1, 56)]  # -1.075316430749 -0.700142305579
//   m2 <- lmer(Reaction ~ Days + offset(10 * Days) + (Days | Subject), sleepstudy)
//   fitted(m2)[c(1,2,10,180)]    # 253.663655798 273.329917523 430.660011325 369.481469281
//   residuals(m2)[c(1,2,10,180)] # -4.10365579814 -14.62521752335 35.69348867496 -5.35786928136
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../../app/data";
import { isGlmmFit, runFit } from "../../../../app/engine/run-fit";

const data = fileURLToPath(new URL("../../../fixtures/reference/data/", import.meta.url));

function close(actual: ArrayLike<number>, rows: number[], expected: number[], what: string, tol: number) {
  rows.forEach((r, i) => assert.ok(Math.abs(actual[r - 1] - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])), `${what}[${r}]: Mixwell ${actual[r - 1]}, R ${expected[i]}`));
}

test("Poisson GLMM with offset(log(size)): fitted counts and residuals as lme4", () => {
  const fit = runFit(parseCsv(readFileSync(`${data}cbpp.csv`, "utf8")), {
    formula: "incidence ~ period + offset(log(size)) + (1 | herd)",
    family: "poisson",
    categorical: ["period"],
    inference: false,
  });
  assert.ok(isGlmmFit(fit));
  if (!isGlmmFit(fit)) return;
  const rows = [1, 2, 3, 4, 56];
  close(fit.fitted, rows, [4.205073550827, 1.549707666186, 1.02857036151, 0.373669334468, 0.490199248062], "fitted", 1e-5);
  close(fit.residuals, rows, [-1.198986524399, 1.030869147993, 2.218588942462, -0.864487518092, -0.990150744142], "deviance residual", 1e-5);
  close(fit.pearsonResiduals, [1, 56], [-1.075316430749, -0.700142305579], "Pearson residual", 1e-5);
  assert.deepEqual(fit.fixef.map((r) => r.term), ["(Intercept)", "period2", "period3", "period4"]);
});

test("LMM with offset(10 * Days): fitted values add the offset back; residuals are y − fitted", () => {
  const fit = runFit(parseCsv(readFileSync(`${data}sleepstudy.csv`, "utf8")), {
    formula: "Reaction ~ Days + offset(10 * Days) + (Days | Subject)",
    inference: false,
  });
  assert.ok(!isGlmmFit(fit));
  if (isGlmmFit(fit)) return;
  const rows = [1, 2, 10, 180];
  close(fit.fitted, rows, [253.663655798, 273.329917523, 430.660011325, 369.481469281], "fitted", 1e-6);
  close(fit.residuals, rows, [-4.10365579814, -14.62521752335, 35.69348867496, -5.35786928136], "residual", 1e-5);
  assert.equal(fit.formula, "Reaction ~ Days + offset(10 * Days) + (Days | Subject)");
});

// R: glmer(cbind(incidence, size - incidence) ~ period + offset(log(herd/10)) + (1|herd), cbpp,
//          family = binomial, nAGQ = 5)
//   fixef: -1.0224565411 -0.9272536711 -1.0660254472 -1.5346078237; logLik -56.41020026; theta 1.139710757
test("binomial GLMM with an offset and adaptive quadrature (nAGQ = 5) as glmer", () => {
  const fit = runFit(parseCsv(readFileSync(`${data}cbpp.csv`, "utf8")), {
    formula: "cbind(incidence, size - incidence) ~ period + offset(log(herd/10)) + (1 | herd)",
    family: "binomial",
    nAGQ: 5,
    categorical: ["period"],
    inference: false,
  });
  close(fit.fixef.map((r) => r.estimate), [1, 2, 3, 4], [-1.0224565411, -0.9272536711, -1.0660254472, -1.5346078237], "beta", 1e-6);
  close([fit.logLik], [1], [-56.41020026], "logLik", 1e-8);
  close(fit.theta, [1], [1.139710757], "theta", 1e-5);
});
