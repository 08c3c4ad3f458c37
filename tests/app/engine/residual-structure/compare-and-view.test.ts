// A model with a residual structure against the same model without it: the likelihood-ratio
// table as nlme's anova(m0, m1) on ML fits (numbers from tests/fixtures/nlme-residual/cases and
// the R lines below), and the FitView the UI shows for such a fit.
//   m0 <- lme(y ~ week + x + arm, random = ~ 1 | subject, data = d, method = "ML")
//   m1 <- update(m0, correlation = corAR1(form = ~ week | subject)); anova(m0, m1)
//   → m0 df 7, logLik -841.9647; m1 df 8, logLik -759.3967, L.Ratio 165.1361
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../../app/data";
import { runComparison } from "../../../../app/inference/run-compare";
import { runResidualFit } from "../../../../app/engine/residual-structure";
import { residualFitView } from "../../../../app/model-spec/residual-fit-view";
import { fitOptionsOf, type ModelSpec } from "../../../../app/model-spec";
import { runFit, type FitSpec } from "../../../../app/engine/run-fit";

const table = parseCsv(readFileSync(join(import.meta.dirname, "../../../fixtures/nlme-residual/data/simlong.csv")));
const formula = "y ~ week + x + arm + (1 | subject)";

test("likelihood-ratio test of AR(1) against independent residuals matches nlme's anova", () => {
  const result = runComparison(table, [{ formula }, { formula, residual: { correlation: "ar1", time: "week" } }]);
  const [without, withAr1] = result.rows;
  assert.equal(without.npar, 7);
  assert.ok(Math.abs(without.logLik - -841.9647) < 1e-3);
  assert.equal(withAr1.npar, 8);
  assert.ok(Math.abs(withAr1.logLik - -759.3967) < 1e-3);
  assert.ok(Math.abs((withAr1.Chisq ?? NaN) - 165.1361) < 1e-3);
  assert.match(withAr1.formula, /AR\(1\) over week within subject/);
});

test("the FitView of a residual-structure fit carries Phi, the ratios and containment df", () => {
  const fit = runResidualFit(table, { formula: "y ~ week + x + arm + (week | subject)", residual: { correlation: "car1", time: "hours", varianceBy: "arm" } });
  const view = residualFitView(fit, 0, 1);
  assert.equal(view.residualStructure?.description, "Continuous-time AR(1) over hours within subject; variances differ by arm");
  assert.equal(view.residualStructure?.varianceReference, "A");
  assert.deepEqual(view.residualStructure?.varianceRatios.map((r) => r.level), ["B", "C"]);
  assert.deepEqual(view.fixef.map((r) => r.df), [326, 326, 326, 57, 57]);
  const phi = view.residualStructure?.correlation;
  assert.ok(phi && phi.lower! < phi.parameter! && phi.parameter! < phi.upper!);
  assert.ok(view.varcorr.every((r) => r.kind !== "variance" || Math.abs(r.value - r.sd! ** 2) < 1e-12));
});

test("fitOptionsOf sends the residual structure of a linear model only", () => {
  const spec: ModelSpec = { name: "m", formula, family: "gaussian", method: "REML", contrasts: "treatment", categorical: [], residual: { correlation: "cs" } };
  assert.deepEqual(fitOptionsOf(spec).residual, { correlation: "cs" });
  assert.equal(fitOptionsOf({ ...spec, residual: {} }).residual, undefined);
  assert.equal(fitOptionsOf({ ...spec, family: "poisson" }).residual, undefined);
});

test("the lme4 fit path refuses a spec with a residual structure instead of ignoring it", () => {
  const spec = { formula, residual: { correlation: "ar1", time: "week" } } as FitSpec;
  assert.throws(() => runFit(table, spec), /not available yet for a model with a residual correlation/);
  assert.doesNotThrow(() => runFit(table, { formula, inference: false }));
});

test("the FitView of a residual-structure fit has what the plots read: Pearson residuals, ranef, effects", () => {
  const fit = runResidualFit(table, { formula: "y ~ week + x + arm + (week | subject)", residual: { correlation: "car1", time: "hours", varianceBy: "arm" } });
  const view = residualFitView(fit, 0, 1);
  const d = view.diagnostics;
  assert.equal(d.residualKind, "pearson");
  assert.equal(d.total, fit.nobs);
  assert.equal(d.fitted.length, fit.nobs);
  // Pearson: the raw residual over σ times the row's SD ratio, so raw/Pearson is σ·ratio on every row
  const ratios = new Set(d.observed.map((y, i) => ((y - d.fitted[i]) / d.residuals[i] / fit.sigma).toFixed(6)));
  assert.deepEqual([...ratios].sort(), ["1.000000", ...fit.varianceRatios.map((r) => r.ratio.toFixed(6))].sort());
  assert.equal(view.ranef.length, 1);
  assert.deepEqual(view.ranef[0].terms, ["(Intercept)", "week"]);
  assert.equal(view.ranef[0].levels.length, fit.ngroups.subject);
  assert.ok(view.ranef[0].condsd.flat().every((v) => v > 0));
  assert.equal(view.effects.unavailable, null);
  assert.deepEqual(view.effects.predictors, ["week", "x", "arm"]);
  // the effect of arm: its three levels, each inside its 95% band
  const curve = view.effects.curves.find((c) => c.x === "arm" && c.by === null)!;
  assert.equal(curve.lines[0].estimate.length, 3);
  assert.ok(curve.lines[0].lower.every((lo, i) => lo < curve.lines[0].estimate[i] && curve.lines[0].estimate[i] < curve.lines[0].upper[i]));
});
