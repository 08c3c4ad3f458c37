// runFit with ddf = "Kenward-Roger": the fit's fixed-effect table, Wald intervals and type III
// ANOVA are lmerTest's summary/anova(ddf = "Kenward-Roger"). R values: the pbkrtest/lmerTest
// reference in tests/app/inference/kenward-roger (reference.R, reference.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../../app/data";
import { runFit } from "../../../../app/engine/run-fit";
import type { LmmFit } from "../../../../app/engine/lmm/types";
import { qt } from "../../../../app/stats";

const root = fileURLToPath(new URL("../../../..", import.meta.url));
interface RefCase {
  id: string;
  data: string;
  formula: string;
  terms: string[];
  coef: { estimate: number[]; se: number[]; df: number[]; t: number[]; p: number[] };
  anova: { term: string[]; numDF: number[]; denDF: number[]; F: number[]; p: number[] };
}
const ref = JSON.parse(readFileSync(`${root}/tests/app/inference/kenward-roger/reference.json`, "utf8")) as { cases: RefCase[] };
const table = (c: RefCase) => parseCsv(readFileSync(`${root}/${c.data}`, "utf8"));
const close = (actual: number, expected: number, what: string, rel = 1e-4) =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.max(Math.abs(expected), 1e-8), `${what}: ${actual} vs R ${expected}`);

// Not "politeness slopes": that fit is singular and Mixwell's θ differs from lme4's in the fourth
// digit (see kenward-roger.test.ts), which the full path would carry into every number.
for (const id of ["sleepstudy slopes", "politeness intercepts", "oats split-plot", "cake", "sleepstudy uncorrelated"]) {
  test(`runFit ddf = "Kenward-Roger": ${id} — fixef SE, df, t, p, Wald CI and anova3 as lmerTest`, () => {
    const c = ref.cases.find((x) => x.id === id)!;
    const fit = runFit(table(c), { formula: c.formula, ddf: "Kenward-Roger" }) as LmmFit;
    assert.equal(fit.ddfMethod, "Kenward-Roger");
    assert.deepEqual(fit.fixef.map((f) => f.term), c.terms);
    fit.fixef.forEach((row, i) => {
      close(row.se, c.coef.se[i], `${row.term} SE`);
      close(row.df!, c.coef.df[i], `${row.term} df`);
      close(row.statistic, c.coef.t[i], `${row.term} t`);
      close(row.p!, c.coef.p[i], `${row.term} p`, 1e-3);
      const ci = fit.ci!.find((r) => r.term === row.term)!;
      const half = qt(0.025, c.coef.df[i], false) * c.coef.se[i];
      close(ci.upper - ci.lower, 2 * half, `${row.term} CI width`);
    });
    assert.deepEqual(fit.anova3!.map((r) => r.term), c.anova.term);
    fit.anova3!.forEach((r, k) => {
      assert.equal(r.numDF, c.anova.numDF[k]);
      close(r.denDF, c.anova.denDF[k], `${r.term} denDF`);
      close(r.F, c.anova.F[k], `${r.term} F`);
      close(r.p, c.anova.p[k], `${r.term} p`, 1e-3);
    });
  });
}

test("runFit defaults to Satterthwaite and says so", () => {
  const c = ref.cases.find((x) => x.id === "oats split-plot")!;
  const fit = runFit(table(c), { formula: c.formula }) as LmmFit;
  assert.equal(fit.ddfMethod, "Satterthwaite");
});

test("runFit ddf = \"Kenward-Roger\" refuses ML and GLMM fits in plain words", () => {
  const c = ref.cases.find((x) => x.id === "sleepstudy slopes")!;
  assert.throws(() => runFit(table(c), { formula: c.formula, method: "ML", ddf: "Kenward-Roger" }), /needs a REML fit/);
  const bin = parseCsv("y,x,g\n" + Array.from({ length: 40 }, (_, i) => `${i % 3 === 0 ? 1 : 0},${i % 5},g${i % 8}`).join("\n"));
  assert.throws(() => runFit(bin, { formula: "y ~ x + (1 | g)", family: "binomial", ddf: "Kenward-Roger" }), /linear \(gaussian\) models/);
  assert.throws(() => runFit(table(c), { formula: c.formula, ddf: "KR" as never }), /Unknown degrees-of-freedom method/);
});
