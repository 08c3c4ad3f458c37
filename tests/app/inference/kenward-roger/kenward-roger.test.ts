// Kenward–Roger against pbkrtest/lmerTest (values from reference.R next to this file).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../../app/data";
import { parseFormula } from "../../../../app/formula";
import { buildModelFrame } from "../../../../app/engine/model-frame";
import { createLmmProblem, fitLmm } from "../../../../app/engine/lmm";
import { inferKenwardRoger, kenwardRogerAnova, kenwardRogerFTest, kenwardRogerModel, kenwardRogerTTest } from "../../../../app/inference/kenward-roger";

const root = fileURLToPath(new URL("../../../..", import.meta.url));
interface RefCase {
  id: string;
  data: string;
  formula: string;
  terms: string[];
  theta: number[];
  sigma: number;
  vcovAdj: number[][];
  coef: { estimate: number[]; se: number[]; df: number[]; t: number[]; p: number[] };
  anova: { term: string[]; numDF: number[]; denDF: number[]; F: number[]; p: number[] };
}
const ref = JSON.parse(readFileSync(`${root}/tests/app/inference/kenward-roger/reference.json`, "utf8")) as { cases: RefCase[] };

const close = (actual: number, expected: number, what: string, rel = 1e-4) =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.max(Math.abs(expected), 1e-8), `${what}: ${actual} vs R ${expected}`);

/**
 * The KR model at lme4's estimates (θ, σ from R), so that the test measures Kenward–Roger and not
 * the optimiser (on the singular politeness-slopes fit Mixwell's θ differs from lme4's in the
 * fourth digit, and so does Var(β̂) itself).
 */
function krFit(c: RefCase) {
  const frame = buildModelFrame(parseCsv(readFileSync(`${root}/${c.data}`, "utf8")), parseFormula(c.formula));
  const fit = fitLmm(frame, { reml: true, formula: c.formula });
  const problem = createLmmProblem(frame, true);
  const beta = problem.solve(c.theta).beta;
  const vcov = problem.vcovBetaAt(c.theta, c.sigma);
  return { frame, fit, model: kenwardRogerModel(problem, frame, c.theta, c.sigma, beta, vcov) };
}

for (const c of ref.cases) {
  test(`Kenward–Roger: ${c.id} — vcovAdj, and each coefficient's SE, df and p as summary(ddf = "Kenward-Roger")`, () => {
    const { fit, model } = krFit(c);
    const p = model.p;
    assert.deepEqual(fit.fixef.map((f) => f.term), c.terms);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        const scale = Math.sqrt(c.vcovAdj[i][i] * c.vcovAdj[j][j]);
        assert.ok(Math.abs(model.vcovAdj[i + j * p] - c.vcovAdj[i][j]) <= 1e-4 * scale, `vcovAdj[${i},${j}] ${model.vcovAdj[i + j * p]} vs ${c.vcovAdj[i][j]}`);
      }
      const l = new Float64Array(p);
      l[i] = 1;
      const t = kenwardRogerTTest(model, l);
      close(t.se, c.coef.se[i], `${c.terms[i]} SE`);
      close(t.df, c.coef.df[i], `${c.terms[i]} df`);
      close(t.p, c.coef.p[i], `${c.terms[i]} p`);
    }
  });
}

test("Kenward–Roger F tests where the type III contrast is the term's own columns (no interactions)", () => {
  for (const id of ["sleepstudy slopes", "politeness slopes", "sleepstudy uncorrelated"]) {
    const c = ref.cases.find((x) => x.id === id)!;
    const { fit, model, frame } = krFit(c);
    c.anova.term.forEach((term, k) => {
      const ti = frame.fixed.termLabels.indexOf(term);
      const rows = fit.fixef.flatMap((_, j) => (frame.fixed.assign[j] === ti ? [Float64Array.from(fit.fixef, (_, i) => (i === j ? 1 : 0))] : []));
      const f = kenwardRogerFTest(model, rows);
      assert.equal(f.numDF, c.anova.numDF[k]);
      close(f.denDF, c.anova.denDF[k], `${id} ${term} denDF`);
      close(f.F, c.anova.F[k], `${id} ${term} F`);
      close(f.p, c.anova.p[k], `${id} ${term} p`);
    });
  }
});

for (const c of ref.cases) {
  test(`Kenward–Roger type III ANOVA: ${c.id} (lmerTest anova(type = 3, ddf = "Kenward-Roger"))`, () => {
    const { model, frame } = krFit(c);
    const table = kenwardRogerAnova(model, frame.fixed);
    assert.deepEqual(table.map((r) => r.term), c.anova.term);
    table.forEach((r, k) => {
      assert.equal(r.numDF, c.anova.numDF[k]);
      close(r.denDF, c.anova.denDF[k], `${r.term} denDF`);
      close(r.F, c.anova.F[k], `${r.term} F`);
      close(r.p, c.anova.p[k], `${r.term} p`);
    });
  });
}

test("Kenward–Roger refuses an ML fit in plain words", () => {
  const frame = buildModelFrame(parseCsv(readFileSync(`${root}/tests/fixtures/reference/data/sleepstudy.csv`, "utf8")), parseFormula("Reaction ~ Days + (1 | Subject)"));
  const fit = fitLmm(frame, { reml: false, formula: "" });
  assert.throws(() => kenwardRogerModel(createLmmProblem(frame, false), frame, fit.theta, fit.sigma, fit.beta, fit.vcovBeta), /needs a REML fit/);
});

test("Kenward–Roger with more than MAX_RANDOM_EFFECTS random effects says so and suggests Satterthwaite", () => {
  const lines = ["y,x,g"];
  for (let i = 0; i < 4200; i++) lines.push(`${(i * 37) % 101},${i % 7},g${Math.floor(i / 2)}`);
  const frame = buildModelFrame(parseCsv(lines.join("\n")), parseFormula("y ~ x + (1 | g)"));
  const problem = createLmmProblem(frame, true);
  const p = frame.fixed.p;
  assert.throws(() => kenwardRogerModel(problem, frame, [1], 1, new Float64Array(p), new Float64Array(p * p)), /2100 here.*too slow.*Satterthwaite/s);
});

test("inferKenwardRoger: the fit's fixed-effect table and ANOVA with KR (oats split-plot: df 45 within plots)", () => {
  const c = ref.cases.find((x) => x.id === "oats split-plot")!;
  const frame = buildModelFrame(parseCsv(readFileSync(`${root}/${c.data}`, "utf8")), parseFormula(c.formula));
  const fit = fitLmm(frame, { reml: true, formula: c.formula });
  const kr = inferKenwardRoger(fit, frame);
  kr.fixef.forEach((row, i) => {
    close(row.se, c.coef.se[i], `${row.term} SE`);
    close(row.df!, c.coef.df[i], `${row.term} df`);
    close(row.statistic, c.coef.t[i], `${row.term} t`);
  });
  assert.deepEqual(kr.anova3.map((r) => r.term), c.anova.term);
  kr.anova3.forEach((r, k) => close(r.F, c.anova.F[k], `${r.term} F`));
});
