import { test } from "node:test";
import assert from "node:assert/strict";
import { pythonCode, rCode, type CodeGenInput } from "../../../app/code-gen";
import type { ModelSpec } from "../../../app/model-spec";

const columns: CodeGenInput["columns"] = [
  { name: "subject", kind: "categorical", levels: ["F1", "F2", "M3"] },
  { name: "gender", kind: "categorical", levels: ["F", "M"] },
  { name: "scenario", kind: "number" },
  { name: "attitude", kind: "categorical", levels: ["pol", "inf"] },
  { name: "frequency", kind: "number" },
];
const spec = (formula: string, change: Partial<ModelSpec> = {}): CodeGenInput => ({
  spec: { name: "m", formula, family: "gaussian", method: "REML", contrasts: "treatment", categorical: [], ...change },
  fileName: "politeness.csv",
  columns,
});

test("R code: read.csv, factor() with a non-default level order, lmer with REML, lmerTest summaries", () => {
  const r = rCode(spec("frequency ~ attitude + gender + (1 | subject) + (1 | scenario)"));
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.match(r.code, /library\(lmerTest\)/);
  assert.match(r.code, /d <- read\.csv\("politeness\.csv", check\.names = FALSE, na\.strings = c\("NA", ""\)\)/);
  assert.match(r.code, /d\$subject <- factor\(d\$subject\)\n/);
  assert.match(r.code, /d\$scenario <- factor\(d\$scenario\)/);
  assert.match(r.code, /d\$attitude <- factor\(d\$attitude, levels = c\("pol", "inf"\)\)/);
  assert.match(r.code, /m <- lmer\(frequency ~ attitude \+ gender \+ \(1 \| subject\) \+ \(1 \| scenario\), data = d, REML = TRUE\)/);
  assert.match(r.code, /anova\(m\)/);
  assert.match(r.code, /qt\(0\.975, co\[, "df"\]\)/);
});

test("R code: glmer with family and link, sum contrasts, ML", () => {
  const r = rCode(spec("frequency ~ attitude + (1 | subject)", { family: "poisson", link: "log", contrasts: "sum" }));
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.match(r.code, /glmer\(frequency ~ attitude \+ \(1 \| subject\), data = d, family = poisson\(link = "log"\)\)/);
  assert.match(r.code, /contr\.sum/);
  assert.doesNotMatch(r.code, /lmerTest/);
  assert.match(r.code, /confint\(m, parm = "beta_", method = "Wald"\)/);
  const ml = rCode(spec("frequency ~ attitude + (1 | subject)", { method: "ML" }));
  assert.ok(ml.ok && /REML = FALSE/.test(ml.code));
});

test("Python: crossed random intercepts as variance components of one all-rows group", () => {
  const py = pythonCode(spec("frequency ~ attitude + gender + (1 | subject) + (1 | scenario)"));
  assert.ok(py.ok);
  if (!py.ok) return;
  assert.match(py.code, /smf\.mixedlm\("frequency ~ C\(attitude, levels=\['pol', 'inf'\]\) \+ gender", d, groups=np\.ones\(len\(d\)\), re_formula="0"/);
  assert.match(py.code, /vc_formula=\{"subject": "0 \+ C\(subject\)", "scenario": "0 \+ C\(scenario\)"\}/);
  assert.match(py.code, /m = md\.fit\(reml=True\)/);
  assert.match(py.code, /dropna\(subset=\["subject", "gender", "scenario", "attitude", "frequency"\]\)/);
});

test("Python: one group with correlated slopes uses re_formula, uncorrelated slopes variance components", () => {
  const sleep: CodeGenInput = { ...spec("Reaction ~ Days + (Days | Subject)"), columns: [{ name: "Reaction", kind: "number" }, { name: "Days", kind: "number" }, { name: "Subject", kind: "categorical" }] };
  const a = pythonCode(sleep);
  assert.ok(a.ok && a.code.includes('groups=d["Subject"], re_formula="1 + Days"'));
  const b = pythonCode({ ...sleep, spec: { ...sleep.spec, formula: "Reaction ~ Days + (Days || Subject)" } });
  assert.ok(b.ok && b.code.includes('re_formula="1",\n                 vc_formula={"Days": "0 + Days"}'));
});

test("Python says why not: GLMMs, several groups with slopes, scale()", () => {
  const glmm = pythonCode(spec("frequency ~ attitude + (1 | subject)", { family: "binomial" }));
  assert.ok(!glmm.ok && /no maximum-likelihood binomial or Poisson/.test(glmm.reason));
  const slopes = pythonCode(spec("frequency ~ attitude + (attitude | subject) + (1 | scenario)"));
  assert.ok(!slopes.ok && /one grouping factor/.test(slopes.reason));
  const scaled = pythonCode(spec("frequency ~ scale(scenario) + (1 | subject)"));
  assert.ok(!scaled.ok && /scale\(\)/.test(scaled.reason));
});

test("columns inside expressions count as model columns (Python drops their missing rows)", () => {
  const py = pythonCode(spec("log(frequency) ~ attitude + (1 | subject)"));
  assert.ok(py.ok);
  if (py.ok) {
    assert.match(py.code, /dropna\(subset=\["subject", "attitude", "frequency"\]\)/);
    assert.match(py.code, /"np\.log\(frequency\) ~ C\(attitude/);
  }
});

test("R code of a Kenward–Roger model: summary and anova with ddf = \"Kenward-Roger\"; the default code names no ddf", () => {
  const formula = "frequency ~ attitude + (1 | subject)";
  const kr = rCode(spec(formula, { ddf: "Kenward-Roger" }));
  assert.ok(kr.ok);
  if (!kr.ok) return;
  assert.match(kr.code, /summary\(m, ddf = "Kenward-Roger"\)\n/);
  assert.match(kr.code, /anova\(m, ddf = "Kenward-Roger"\)/);
  assert.match(kr.code, /co <- summary\(m, ddf = "Kenward-Roger"\)\$coefficients/);
  const plain = rCode(spec(formula));
  assert.ok(plain.ok && !/ddf/.test(plain.code));
});

test("offset() and poly() travel into the R code as written; Python refuses them in plain words", () => {
  const cbpp: CodeGenInput = {
    spec: { name: "m", formula: "incidence ~ period + offset(log(size)) + (1 | herd)", family: "poisson", method: "REML", contrasts: "treatment", categorical: ["period"] },
    fileName: "cbpp.csv",
    columns: [
      { name: "herd", kind: "number" },
      { name: "incidence", kind: "number" },
      { name: "size", kind: "number" },
      { name: "period", kind: "number" },
    ],
  };
  const r = rCode(cbpp);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.match(r.code, /m <- glmer\(incidence ~ period \+ offset\(log\(size\)\) \+ \(1 \| herd\), data = d, family = poisson\(link = "log"\)\)/);
  assert.match(r.code, /d\$period <- factor\(d\$period\)/);
  const lmmOffset = pythonCode({ ...cbpp, spec: { ...cbpp.spec, family: "gaussian" } });
  assert.ok(!lmmOffset.ok && /statsmodels MixedLM has no offset/.test(lmmOffset.reason));
  const sleep: CodeGenInput = {
    spec: { name: "m", formula: "Reaction ~ poly(Days, 2) + (1 | Subject)", family: "gaussian", method: "REML", contrasts: "treatment", categorical: [] },
    fileName: "sleepstudy.csv",
    columns: [
      { name: "Reaction", kind: "number" },
      { name: "Days", kind: "number" },
      { name: "Subject", kind: "number" },
    ],
  };
  const rPoly = rCode(sleep);
  assert.ok(rPoly.ok && rPoly.code.includes("m <- lmer(Reaction ~ poly(Days, 2) + (1 | Subject), data = d, REML = TRUE)"));
  const py = pythonCode(sleep);
  assert.ok(!py.ok && /patsy has no poly\(\)/.test(py.reason));
});
