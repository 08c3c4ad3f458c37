// glmer(..., nAGQ = 0) — one stage, β inside PIRLS, vcov from R_X — against lme4 1.1-31 on cbpp
// and grouseticks, within the reference README's tolerances. The R code that produced
// tests/fixtures/glmm-nagq0/nagq0.json is tests/fixtures/glmm-nagq0/make.R next to it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../../app/data";
import { runFit, type FitSpec } from "../../../../app/engine/run-fit";
import type { GlmmFit } from "../../../../app/engine/glmm";
import { formatFitSummary } from "../../../../app/report";
import { Mismatches, TOL } from "../../../reference/tolerance";

const FIXTURES = join(import.meta.dirname, "../../../fixtures");

interface NagqCase {
  id: string;
  data: string;
  formula: string;
  family: "binomial" | "poisson";
  categorical: string | string[];
  title: string;
  fixef: { term: string; estimate: number; se: number; statistic: number; p: number }[];
  varcorr: { group: string; value: number; sd: number }[];
  theta: number | number[];
  logLik: number;
  df: number;
  AIC: number;
  BIC: number;
  condsd: Record<string, number[]>;
  ranef: Record<string, number[]>;
  r2_marginal: number;
  r2_conditional: number;
}

const cases = JSON.parse(readFileSync(join(FIXTURES, "glmm-nagq0/nagq0.json"), "utf8")) as NagqCase[];
const list = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

function fit(c: NagqCase, nAGQ: number): GlmmFit {
  const table = parseCsv(readFileSync(join(FIXTURES, "reference/data", c.data)));
  const spec: FitSpec = { formula: c.formula, family: c.family, categorical: list(c.categorical), nAGQ };
  const f = runFit(table, spec);
  assert.notEqual(f.family, "gaussian");
  return f as GlmmFit;
}

for (const c of cases) {
  test(`${c.id}: estimates, SEs, variances and logLik match glmer(nAGQ = 0)`, () => {
    const f = fit(c, 0);
    const m = new Mismatches(1);
    assert.equal(f.nAGQ, 0);
    m.atMost("-2logLik", f.minus2LogLik, -2 * c.logLik);
    m.near("logLik", f.logLik, c.logLik, 0, TOL.likelihoodAbs);
    m.near("AIC", f.AIC, c.AIC, 0, TOL.likelihoodAbs);
    m.near("BIC", f.BIC, c.BIC, 0, TOL.likelihoodAbs);
    m.equal("df", f.df, c.df);
    for (const r of c.fixef) {
      const ours = f.fixef.find((x) => x.term === r.term);
      if (!ours) {
        m.missing(r.term);
        continue;
      }
      m.near(`${r.term} estimate`, ours.estimate, r.estimate, 0, Math.max(TOL.estimateSe * r.se, TOL.estimateAbs));
      m.near(`${r.term} se`, ours.se, r.se, TOL.scaleRel, TOL.scaleAbs);
      m.near(`${r.term} z`, ours.statistic, r.statistic, TOL.statisticRel, 0);
      m.near(`${r.term} p`, ours.p, r.p, TOL.pRel, TOL.pAbs);
    }
    for (const r of c.varcorr) {
      const ours = f.varcorr.find((x) => x.group === r.group && x.kind === "variance");
      m.near(`${r.group} variance`, ours?.value, r.value, TOL.scaleRel, TOL.scaleAbs);
      m.near(`${r.group} sd`, ours?.sd, r.sd, TOL.scaleRel, TOL.scaleAbs);
    }
    for (const [group, sds] of Object.entries(c.condsd)) {
      const ours = f.ranef.find((b) => b.group === group);
      if (!ours) {
        m.missing(`ranef ${group}`);
        continue;
      }
      sds.forEach((sd, l) => {
        m.near(`${group}[${l}] condsd`, ours.condsd[0][l], sd, 1e-2, 0);
        m.near(`${group}[${l}] mode`, ours.values[0][l], c.ranef[group][l], 0, 1e-2 * sd);
      });
    }
    m.near("r2_marginal", f.r2_marginal, c.r2_marginal, 0, 1e-3);
    m.near("r2_conditional", f.r2_conditional, c.r2_conditional, 0, 1e-3);
    assert.equal(m.lines.length, 0, m.report());
  });
}

test("nAGQ = 0 is a different fit from Laplace (its logLik is lower), and the summary says so as glmer does", () => {
  const c = cases[0];
  const zero = fit(c, 0);
  const laplace = fit(c, 1);
  assert.ok(zero.logLik < laplace.logLik - 1e-3, `${zero.logLik} vs ${laplace.logLik}`);
  const text = formatFitSummary(zero);
  assert.match(text, /Adaptive Gauss-Hermite Quadrature, nAGQ = 0/);
  assert.match(c.title, /Adaptive Gauss-Hermite Quadrature, nAGQ = 0/);
});

test("nAGQ outside 0–25 is refused in plain words", () => {
  assert.throws(() => fit(cases[0], -1), /from 0 to 25/);
});
