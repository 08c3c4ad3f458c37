// GLMM fits against lme4 1.1-31 values (glmer on lme4's cbpp, printed with 10 digits), and the
// engine's behaviour on other response forms, bad input and separation. The logit Laplace and
// Poisson cases are in tests/reference.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, type DataTable } from "../../../../app/data";
import { runFit, type FitSpec } from "../../../../app/engine/run-fit";
import type { GlmmFit } from "../../../../app/engine/glmm";
import { fitToJson, formatFitSummary } from "../../../../app/report";

const DATA = join(import.meta.dirname, "../../../fixtures/reference/data");
const cbpp = parseCsv(readFileSync(join(DATA, "cbpp.csv")));
const CBPP = "cbind(incidence, size - incidence) ~ period + (1 | herd)";

function glmm(table: DataTable, spec: FitSpec): GlmmFit {
  const fit = runFit(table, spec);
  assert.notEqual(fit.family, "gaussian");
  return fit as GlmmFit;
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return "(no error)";
}

interface Expected {
  theta: number;
  m2ll: number;
  beta: number[];
  se: number[];
  deviance: number;
}

// R: glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), cbpp, family = binomial(link), nAGQ)
const expected: Record<string, [Partial<FitSpec>, Expected]> = {
  probit: [{ link: "probit" }, { theta: 0.3379893465, m2ll: 185.242485143, beta: [-0.8354749296, -0.5280327397, -0.6168542982, -0.7995725981], se: [0.126232826, 0.1605884103, 0.169457737, 0.2046812439], deviance: 74.8036584252 }],
  cloglog: [{ link: "cloglog" }, { theta: 0.5867261957, m2ll: 183.6041293251, beta: [-1.525945457, -0.9163898997, -1.035220083, -1.483681247], se: [0.2109226122, 0.2848897604, 0.3063105086, 0.4090456454], deviance: 72.6964795159 }],
  "nAGQ = 5": [{ nAGQ: 5 }, { theta: 0.6473692018, m2ll: 100.0113678518, beta: [-1.399201883, -0.9914380208, -1.127859471, -1.579506387], se: [0.2334796691, 0.306765822, 0.3267671331, 0.427592614], deviance: 73.3758239889 }],
};

for (const [name, [spec, e]] of Object.entries(expected)) {
  test(`cbpp ${name} matches glmer (objective, θ, β within 1e-3 se, se within 1e-3)`, () => {
    const fit = glmm(cbpp, { formula: CBPP, family: "binomial", categorical: ["period"], ...spec });
    assert.ok(fit.minus2LogLik <= e.m2ll + 1e-4, `objective ${fit.minus2LogLik} vs ${e.m2ll}`);
    assert.ok(Math.abs(fit.theta[0] - e.theta) < 1e-3 * e.theta, `theta ${fit.theta[0]}`);
    fit.fixef.forEach((r, i) => {
      assert.ok(Math.abs(r.estimate - e.beta[i]) < 1e-3 * e.se[i], `${r.term} estimate ${r.estimate} vs ${e.beta[i]}`);
      assert.ok(Math.abs(r.se - e.se[i]) < 1e-3 * e.se[i], `${r.term} se ${r.se} vs ${e.se[i]}`);
    });
    assert.ok(Math.abs(fit.deviance - e.deviance) < 1e-3, `deviance ${fit.deviance}`);
    assert.equal(fit.method, spec.nAGQ ? "AGQ" : "Laplace");
  });
}

test("cbpp logit: residuals, conditional SDs and the summary as lme4 prints them", () => {
  const fit = glmm(cbpp, { formula: CBPP, family: "binomial", categorical: ["period"] });
  // R: residuals(m, "pearson"), residuals(m, "deviance"), sqrt(postVar) for herds 1–3
  [-1.3395656, 1.074797, 2.8790881].forEach((v, i) => assert.ok(Math.abs(fit.pearsonResiduals[i] - v) < 1e-4, `pearson ${i}`));
  [-1.4377078, 0.98847195, 2.3566883].forEach((v, i) => assert.ok(Math.abs(fit.residuals[i] - v) < 1e-4, `deviance residual ${i}`));
  [0.34822393, 0.36549551, 0.29728761].forEach((v, i) => assert.ok(Math.abs(fit.ranef[0].condsd[0][i] - v) < 1e-3 * v, `condsd ${i}`));
  assert.ok(fit.fitted.every((m) => m > 0 && m < 1));
  const text = formatFitSummary(fit);
  assert.match(text, /^Generalized linear mixed model fit by maximum likelihood \(Laplace Approximation\)\n Family: binomial  \( logit \)/);
  assert.match(text, /194\.1 +204\.2 +-92\.0 +184\.1 +51/);
  assert.match(text, /Estimate Std\. Error z value Pr\(>\|z\|\)/);
  assert.doesNotMatch(text, /Residual/);
  const json = fitToJson(fit);
  assert.equal(json.sigma, null);
  assert.equal(json.link, "logit");
  assert.equal(json.method, "Laplace");
});

test("a proportion with trials as weights fits exactly like cbind(successes, failures)", () => {
  const cols = cbpp.columns;
  const inc = cols.find((c) => c.name === "incidence")!;
  const size = cols.find((c) => c.name === "size")!;
  assert.ok(inc.kind === "number" && size.kind === "number");
  const prop: DataTable = { ...cbpp, columns: [...cols, { kind: "number", name: "prop", values: inc.values.map((v, i) => v / size.values[i]) }] };
  const a = glmm(cbpp, { formula: CBPP, family: "binomial", categorical: ["period"] });
  const b = glmm(prop, { formula: "prop ~ period + (1 | herd)", family: "binomial", categorical: ["period"], weights: "size" });
  assert.ok(Math.abs(a.minus2LogLik - b.minus2LogLik) < 1e-8);
  a.fixef.forEach((r, i) => assert.ok(Math.abs(r.se - b.fixef[i].se) < 1e-8));
});

/** Binary data expanded from cbpp: one row per animal, outcome as text categories. */
function binaryCbpp(): DataTable {
  const col = (n: string) => cbpp.columns.find((c) => c.name === n)!;
  const inc = col("incidence"), size = col("size"), herd = col("herd"), period = col("period");
  assert.ok(inc.kind === "number" && size.kind === "number" && herd.kind === "number" && period.kind === "number");
  const h: number[] = [], p: number[] = [], y: number[] = [];
  for (let r = 0; r < cbpp.nrow; r++) {
    for (let a = 0; a < size.values[r]; a++) {
      h.push(herd.values[r]);
      p.push(period.values[r]);
      y.push(a < inc.values[r] ? 1 : 0);
    }
  }
  return {
    nrow: y.length,
    columns: [
      { kind: "number", name: "herd", values: Float64Array.from(h) },
      { kind: "number", name: "period", values: Float64Array.from(p) },
      { kind: "categorical", name: "sick", codes: Int32Array.from(y), levels: ["no", "yes"] },
    ],
  };
}

test("a two-category outcome gives the same likelihood for β and θ as the grouped counts", () => {
  const grouped = glmm(cbpp, { formula: CBPP, family: "binomial", categorical: ["period"] });
  const binary = glmm(binaryCbpp(), { formula: "sick ~ period + (1 | herd)", family: "binomial", categorical: ["period", "herd"] });
  // Same model; the log-likelihoods differ by the binomial coefficients only (Σ log choose(n, y)).
  assert.ok(Math.abs(binary.theta[0] - grouped.theta[0]) < 1e-3);
  binary.fixef.forEach((r, i) => assert.ok(Math.abs(r.estimate - grouped.fixef[i].estimate) < 2e-3 * grouped.fixef[i].se, r.term));
});

test("outcomes outside the family's range are errors naming the rows", () => {
  const t: DataTable = {
    nrow: 8,
    columns: [
      { kind: "number", name: "count", values: Float64Array.from([0, 2, 1.5, 4, 3, 1, 2, 0]) },
      { kind: "number", name: "neg", values: Float64Array.from([0, 2, -1, 4, 3, 1, 2, 0]) },
      { kind: "number", name: "prop", values: Float64Array.from([0, 0.5, 1, 0.25, 0, 1, 1, 0]) },
      { kind: "number", name: "s", values: Float64Array.from([1, 2, 5, 1, 0, 1, 2, 0]) },
      { kind: "number", name: "n", values: Float64Array.from([3, 3, 3, 3, 3, 3, 3, 3]) },
      { kind: "categorical", name: "three", codes: Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1]), levels: ["a", "b", "c"] },
      { kind: "categorical", name: "g", codes: Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]), levels: ["g1", "g2", "g3", "g4"] },
    ],
  };
  const fit = (formula: string, family: "binomial" | "poisson", weights?: string) => errorOf(() => runFit(t, { formula, family, weights }));
  assert.match(fit("count ~ 1 + (1 | g)", "poisson"), /must be a count .* data row 3 has 1\.5/);
  assert.match(fit("neg ~ 1 + (1 | g)", "poisson"), /must be a count .* data row 3 has -1/);
  assert.match(fit("three ~ 1 + (1 | g)", "binomial"), /must have two categories, but it has 3: 'a', 'b', 'c'/);
  assert.match(fit("prop ~ 1 + (1 | g)", "binomial"), /must be 0 or 1, but data rows 2 and 4 have 0\.5 …: for a proportion give the number of trials as weights/);
  assert.match(fit("prop ~ 1 + (1 | g)", "binomial", "s"), /out of 's' trials, so outcome × weight must be a whole number; data row 4 gives 0\.25/);
  assert.match(fit("cbind(s, n - s) ~ 1 + (1 | g)", "binomial"), /failures 'n - s' cannot be negative, but data row 3 has -2: there are more successes than trials/);
});

test("perfect separation gives a plain-words warning", () => {
  const n = 120;
  const x = Float64Array.from({ length: n }, (_, r) => (r % 2) + 0.01 * (r % 7));
  const y = Int32Array.from({ length: n }, (_, r) => r % 2); // y = 1 exactly when x > 0.5
  const t: DataTable = {
    nrow: n,
    columns: [
      { kind: "number", name: "x", values: x },
      { kind: "categorical", name: "y", codes: y, levels: ["0", "1"] },
      { kind: "categorical", name: "g", codes: Int32Array.from({ length: n }, (_, r) => r % 10), levels: Array.from({ length: 10 }, (_, i) => `g${i}`) },
    ],
  };
  const fit = glmm(t, { formula: "y ~ x + (1 | g)", family: "binomial" });
  assert.match(fit.warnings.join("\n"), /Possible perfect separation/);
});

test("Poisson fits report the overdispersion ratio and badly scaled predictors warn", () => {
  const grouse = parseCsv(readFileSync(join(DATA, "grouseticks.csv")));
  const fit = glmm(grouse, { formula: "TICKS ~ YEAR + HEIGHT + (1 | BROOD) + (1 | LOCATION)", family: "poisson", categorical: ["YEAR", "BROOD", "LOCATION"] });
  assert.ok(fit.overdispersion && fit.overdispersion.rdf === 403 - 6);
  assert.ok(Math.abs(fit.overdispersion.ratio - fit.overdispersion.chisq / 397) < 1e-12);
  // lme4 warns on this fit too (HEIGHT in metres above sea level, unscaled).
  assert.match(fit.warnings.join("\n"), /rescal/i);
});

test("link and nAGQ are checked", () => {
  assert.match(errorOf(() => runFit(cbpp, { formula: CBPP, family: "poisson" })), /needs the binomial family/);
  assert.match(errorOf(() => runFit(cbpp, { formula: CBPP, family: "binomial", link: "log" })), /takes the link logit, probit, cloglog/);
  assert.match(errorOf(() => runFit(cbpp, { formula: "cbind(incidence, size - incidence) ~ period + (1 | herd) + (1 | period)", family: "binomial", categorical: ["period"], nAGQ: 3 })), /single random intercept/);
});

test("an observation-level random effect fits as glmer and enters Nakagawa's R² as dispersion", () => {
  const grouse = parseCsv(readFileSync(join(DATA, "grouseticks.csv")));
  const fit = glmm(grouse, { formula: "TICKS ~ YEAR + (1 | INDEX) + (1 | LOCATION)", family: "poisson", categorical: ["YEAR", "INDEX", "LOCATION"] });
  // R: glmer(...) theta 0.7127852 1.211561, −2·logLik 1853.91; performance::r2_nakagawa 0.7063213 / 0.2822188
  assert.ok(Math.abs(fit.theta[0] - 0.7127852) < 1e-5 && Math.abs(fit.theta[1] - 1.211561) < 1e-5, `theta ${fit.theta}`);
  assert.ok(Math.abs(fit.r2_conditional! - 0.7063213) < 1e-6 && Math.abs(fit.r2_marginal! - 0.2822188) < 1e-6);
});

test("progress is reported and a cancelled fit stops with a plain message", () => {
  let calls = 0;
  const signal = { cancelled: false };
  const message = errorOf(() =>
    runFit(cbpp, { formula: CBPP, family: "binomial", categorical: ["period"] }, {
      signal,
      onProgress: () => {
        calls++;
        signal.cancelled = true;
      },
    }),
  );
  assert.ok(calls >= 1);
  assert.match(message, /cancelled/);
});

test("an outcome with no variation is a clear error", () => {
  const t: DataTable = {
    nrow: 6,
    columns: [
      { kind: "number", name: "zero", values: new Float64Array(6) },
      { kind: "categorical", name: "g", codes: Int32Array.from([0, 0, 1, 1, 2, 2]), levels: ["a", "b", "c"] },
    ],
  };
  assert.match(errorOf(() => runFit(t, { formula: "zero ~ 1 + (1 | g)", family: "poisson" })), /'zero' is 0 \(no counts\) in every row/);
  assert.match(errorOf(() => runFit(t, { formula: "zero ~ 1 + (1 | g)", family: "binomial" })), /'zero' is a failure \(0\) in every row/);
});
