// Likelihood-ratio comparison of GLMMs (runComparison), against lme4 1.1-31's anova() on glmer fits.
//
// R (data from tests/fixtures/reference/data, factors as in the reference cases):
//   d <- read.csv("cbpp.csv"); d$period <- factor(d$period); d$herd <- factor(d$herd)
//   m1 <- glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), data = d, family = binomial)
//   m0 <- glmer(cbind(incidence, size - incidence) ~ 1 + (1 | herd), data = d, family = binomial)
//   as.data.frame(anova(m1, m0))
//      npar           AIC           BIC          logLik      deviance         Chisq Df       Pr(>Chisq)
//   m0    2 213.663070375 217.713773756 -104.8315351875 209.663070375            NA NA               NA
//   m1    5 194.053132779 204.179891233  -92.0265663895 184.053132779 25.6099375959  3 1.1510064891e-05
//
//   g <- read.csv("grouseticks.csv"); for (v in c("YEAR","BROOD","LOCATION")) g[[v]] <- factor(g[[v]])
//   p1 <- glmer(TICKS ~ YEAR + HEIGHT + (1 | BROOD) + (1 | LOCATION), data = g, family = poisson)
//   p0 <- glmer(TICKS ~ YEAR + (1 | BROOD) + (1 | LOCATION), data = g, family = poisson)
//   p00 <- glmer(TICKS ~ YEAR + (1 | LOCATION), data = g, family = poisson)
//   as.data.frame(anova(p1, p0, p00))
//       npar           AIC           BIC          logLik      deviance          Chisq Df        Pr(>Chisq)
//   p00    4 2306.29138927 2322.28713552 -1149.145694636 2298.29138927             NA NA                NA
//   p0     5 2020.12662141 2040.12130422 -1005.063310703 2010.12662141 288.1647678669  1 1.24865106224e-64
//   p1     6 1987.87631387 2011.86993324  -987.938156935 1975.87631387  34.2503075368  1  4.84598857128e-09
//   (p1 is the grouseticks-poisson reference case, whose lme4 fit warned — a false alarm, see the
//   reference README; the README would allow 10× tolerances there, but the plain ones hold.)
//
//   d$x <- seq_len(nrow(d)) %% 3; d$x[c(5, 17)] <- NA
//   anova(m0, update(m0, . ~ . + x))   # Error: models were not all fitted to the same size of dataset
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, type DataTable } from "../../../app/data";
import { runComparison, type ModelComparison } from "../../../app/inference";
import type { FitSpec } from "../../../app/engine/run-fit";
import { Mismatches, TOL } from "../../reference/tolerance";

const DATA = join(import.meta.dirname, "../../fixtures/reference/data");
const table = (name: string): DataTable => parseCsv(readFileSync(join(DATA, name)));

interface Row {
  formula: string;
  npar: number;
  AIC: number;
  BIC: number;
  logLik: number;
  deviance: number;
  Chisq?: number;
  Df?: number;
  p?: number;
}

function check(r: ModelComparison, expected: Row[], scale: number): void {
  const m = new Mismatches(scale);
  m.equal("formulas in npar order", r.rows.map((x) => x.formula), expected.map((e) => e.formula));
  m.equal("npar", r.rows.map((x) => x.npar), expected.map((e) => e.npar));
  expected.forEach((e, i) => {
    const row = r.rows[i];
    for (const k of ["AIC", "BIC", "logLik", "deviance"] as const) m.near(`row ${i} ${k}`, row?.[k], e[k], 0, TOL.likelihoodAbs);
    if (e.Chisq === undefined) {
      m.equal(`row ${i} Chisq`, row?.Chisq, undefined);
      return;
    }
    // χ² is a difference of −2·logLik values, each matched within 1e-3: its tolerance is 2e-3.
    m.near(`row ${i} Chisq`, row?.Chisq, e.Chisq, 0, 2 * TOL.likelihoodAbs);
    m.equal(`row ${i} Df`, row?.Df, e.Df);
    m.near(`row ${i} p`, row?.p, e.p!, TOL.pRel, TOL.pAbs);
  });
  assert.equal(m.lines.length, 0, m.report());
}

const cbpp1: FitSpec = { formula: "cbind(incidence, size - incidence) ~ period + (1 | herd)", family: "binomial", categorical: ["period"] };
const cbpp0: FitSpec = { formula: "cbind(incidence, size - incidence) ~ 1 + (1 | herd)", family: "binomial", categorical: ["period"] };

test("cbpp: binomial models compared as lme4's anova(glmer, glmer), ordered by npar", () => {
  const r = runComparison(table("cbpp.csv"), [cbpp1, cbpp0]);
  assert.equal(r.refitted, false);
  assert.ok(!r.notes.some((n) => /REML/.test(n)), r.notes.join("\n"));
  check(
    r,
    [
      { formula: "cbind(incidence, size - incidence) ~ 1 + (1 | herd)", npar: 2, AIC: 213.663070375, BIC: 217.713773756, logLik: -104.8315351875, deviance: 209.663070375 },
      {
        formula: "cbind(incidence, size - incidence) ~ period + (1 | herd)",
        npar: 5,
        AIC: 194.053132779,
        BIC: 204.179891233,
        logLik: -92.0265663895,
        deviance: 184.053132779,
        Chisq: 25.6099375959,
        Df: 3,
        p: 1.1510064891e-5,
      },
    ],
    1,
  );
});

test("grouseticks: three Poisson models compared as lme4's anova(p1, p0, p00)", () => {
  const categorical = ["YEAR", "BROOD", "LOCATION"];
  const r = runComparison(table("grouseticks.csv"), [
    { formula: "TICKS ~ YEAR + HEIGHT + (1 | BROOD) + (1 | LOCATION)", family: "poisson", categorical },
    { formula: "TICKS ~ YEAR + (1 | BROOD) + (1 | LOCATION)", family: "poisson", categorical },
    { formula: "TICKS ~ YEAR + (1 | LOCATION)", family: "poisson", categorical },
  ]);
  check(
    r,
    [
      { formula: "TICKS ~ YEAR + (1 | LOCATION)", npar: 4, AIC: 2306.29138927, BIC: 2322.28713552, logLik: -1149.145694636, deviance: 2298.29138927 },
      { formula: "TICKS ~ YEAR + (1 | BROOD) + (1 | LOCATION)", npar: 5, AIC: 2020.12662141, BIC: 2040.12130422, logLik: -1005.063310703, deviance: 2010.12662141, Chisq: 288.1647678669, Df: 1, p: 1.24865106224e-64 },
      { formula: "TICKS ~ YEAR + HEIGHT + (1 | BROOD) + (1 | LOCATION)", npar: 6, AIC: 1987.87631387, BIC: 2011.86993324, logLik: -987.938156935, deviance: 1975.87631387, Chisq: 34.2503075368, Df: 1, p: 4.84598857128e-9 },
    ],
    1,
  );
});

test("a linear and a Poisson model are refused in plain words", () => {
  const cbpp = table("cbpp.csv");
  assert.throws(
    () => runComparison(cbpp, [{ formula: "incidence ~ period + (1 | herd)", categorical: ["period"] }, { formula: "incidence ~ 1 + (1 | herd)", family: "poisson" }]),
    /cannot be compared: .* is a linear mixed model \(normal outcome\) and .* is a Poisson mixed model/,
  );
});

test("different families, links or nAGQ are refused in plain words", () => {
  const cbpp = table("cbpp.csv");
  assert.throws(
    () => runComparison(cbpp, [{ formula: "incidence ~ period + (1 | herd)", family: "poisson", categorical: ["period"] }, { ...cbpp0 }]),
    /is a Poisson mixed model and .* is a binomial mixed model/,
  );
  assert.throws(() => runComparison(cbpp, [cbpp1, { ...cbpp0, link: "probit" }]), /uses the logit link and .* the probit link/);
  assert.throws(() => runComparison(cbpp, [cbpp1, { ...cbpp0, nAGQ: 0 }]), /fitted with the Laplace approximation and .* with the fast approximation \(nAGQ = 0\)/);
});

test("binomial models on different rows (missing values) are refused, as lme4's anova stops", () => {
  const lines = readFileSync(join(DATA, "cbpp.csv"), "utf8").trim().split("\n");
  const csv = lines.map((l, i) => `${l},${i === 0 ? "x" : i === 5 || i === 17 ? "NA" : String(i % 3)}`).join("\n");
  const data = parseCsv(Buffer.from(csv));
  assert.throws(
    () => runComparison(data, [cbpp1, { ...cbpp1, formula: "cbind(incidence, size - incidence) ~ period + x + (1 | herd)" }]),
    /cannot be compared: .* uses 56 rows and .* uses 54 rows \(missing values/,
  );
});

test("nAGQ = 0 models compare with each other, with a note that the likelihoods are approximate", () => {
  // anova(update(m1, nAGQ = 0), update(m0, nAGQ = 0)): logLik -92.0543465012265 (m1, nAGQ = 0; see
  // tests/fixtures/glmm-nagq0) against m0's; Chisq = 2·(logLik1 − logLik0) on 3 df.
  const r = runComparison(table("cbpp.csv"), [{ ...cbpp1, nAGQ: 0 }, { ...cbpp0, nAGQ: 0 }]);
  assert.deepEqual(r.rows.map((x) => x.npar), [2, 5]);
  assert.ok(Math.abs(r.rows[1].logLik - -92.0543465012265) < TOL.likelihoodAbs, String(r.rows[1].logLik));
  assert.ok(r.notes.some((n) => /nAGQ = 0/.test(n)), r.notes.join("\n"));
});
