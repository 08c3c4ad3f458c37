// The R code of a model with a residual structure is an nlme::lme call with the structure,
// and R's summary/intervals/anova lines. (Checked by hand with Rscript on simlong.csv: it
// reproduces the case simlong-car1-varident-reml.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { rCode } from "../../../../app/code-gen/r-code";
import type { ModelSpec } from "../../../../app/model-spec";

const columns = [
  { name: "subject", kind: "categorical" as const },
  { name: "week", kind: "number" as const },
  { name: "hours", kind: "number" as const },
  { name: "x", kind: "number" as const },
  { name: "arm", kind: "categorical" as const },
  { name: "y", kind: "number" as const },
];
const spec: ModelSpec = {
  name: "m",
  formula: "y ~ week + x + arm + (week | subject)",
  family: "gaussian",
  method: "REML",
  contrasts: "treatment",
  categorical: [],
  residual: { correlation: "car1", time: "hours", varianceBy: "arm" },
};

test("a residual structure gives nlme::lme code with correlation and weights", () => {
  const out = rCode({ spec, fileName: "simlong.csv", columns });
  assert.ok(out.ok);
  const code = out.ok ? out.code : "";
  assert.match(code, /^library\(nlme\)/);
  assert.match(code, /m <- lme\(fixed = y ~ week \+ x \+ arm,\s+random = ~ week \| subject,/);
  assert.match(code, /correlation = corCAR1\(form = ~ hours \| subject\)/);
  assert.match(code, /weights = varIdent\(form = ~ 1 \| arm\)/);
  assert.match(code, /method = "REML"/);
  assert.match(code, /anova\(m, type = "marginal"\)/);
  assert.doesNotMatch(code, /lmer\(/);
});

test("without a residual structure the code stays lme4's", () => {
  const out = rCode({ spec: { ...spec, residual: undefined }, fileName: "simlong.csv", columns });
  assert.ok(out.ok && /lmer\(/.test(out.code) && !/nlme/.test(out.code));
});

test("names R cannot read bare are quoted as R needs in the nlme code (reserved words, backslashes)", () => {
  const hostile = [
    { name: "subject", kind: "categorical" as const },
    { name: "if", kind: "number" as const },
    { name: "arm\\group", kind: "categorical" as const },
    { name: "Reaction time (ms)", kind: "number" as const },
  ];
  const out = rCode({
    spec: { ...spec, formula: "`Reaction time (ms)` ~ `if` + (1 | subject)", residual: { correlation: "ar1", time: "if", varianceBy: "arm\\group" } },
    fileName: "hostile.csv",
    columns: hostile,
  });
  assert.ok(out.ok);
  const code = out.ok ? out.code : "";
  assert.match(code, /fixed = `Reaction time \(ms\)` ~ `if`/);
  assert.match(code, /corAR1\(form = ~ `if` \| subject\)/);
  assert.match(code, /varIdent\(form = ~ 1 \| `arm\\\\group`\)/);
  // nlme itself cannot read such names (checked with R 4.2.2, nlme 3.1: asOneFormula fails), so the code says so.
  assert.match(code, /nlme cannot use column names that need `backticks`/);
});
