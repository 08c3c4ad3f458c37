import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { runFit } from "../../../app/engine/run-fit";
import type { LmmFit } from "../../../app/engine/lmm/types";
import { fitToJson, formatFitSummary, formatPValue, significanceStars, formatColumn } from "../../../app/report";

const data = join(import.meta.dirname, "../../fixtures/reference/data");
const sleepstudy = parseCsv(readFileSync(join(data, "sleepstudy.csv")));

test("fitToJson uses the reference field names and only JSON values", () => {
  const fit = runFit(sleepstudy, { formula: "Reaction ~ Days + (Days | Subject)" });
  const json = JSON.parse(JSON.stringify(fitToJson(fit))) as Record<string, unknown>;
  for (const field of ["fixef", "varcorr", "sigma", "logLik", "df", "AIC", "BIC", "REMLcrit", "deviance", "theta", "singular", "ranef", "nobs", "ngroups", "warnings"]) {
    assert.ok(field in json, `missing ${field}`);
  }
  assert.equal(json.deviance, null, "REML fits have no deviance, as in the reference cases");
  assert.equal(typeof json.REMLcrit, "number");
  const residual = (json.varcorr as { group: string; name1: unknown }[]).at(-1)!;
  assert.deepEqual([residual.group, residual.name1], ["Residual", null]);
  assert.equal((json.fixef as { term: string }[])[1].term, "Days");
});

test("the text summary reads like summary(lmer)", () => {
  const text = formatFitSummary(runFit(sleepstudy, { formula: "Reaction ~ Days + (Days | Subject)", method: "ML" }));
  assert.match(text, /^Linear mixed model fit by maximum likelihood\nFormula: Reaction ~ Days \+ \(Days \| Subject\)/);
  assert.match(text, /AIC +BIC +logLik +deviance +df.resid\n *1763\.9 +1783\.1 +-876\.0 +1751\.9 +174/);
  assert.match(text, /Subject +\(Intercept\) +565\.\d+ +23\.7\d+ *\n +Days +32\.\d+ +5\.71\d+ +0\.08\n Residual/);
  assert.match(text, /Number of obs: 180, groups:  Subject, 18/);
  // With Satterthwaite df and p (lmerTest's summary of the ML fit: df 18.00, Days p 1.65e-06).
  assert.match(text, /\(Intercept\) +251\.4\d* +6\.6\d+ +18\.00 +37\.9\d* +< 2e-16 \*\*\*\n/);
  assert.match(text, /Days +10\.4\d* +1\.50\d* +18\.00 +6\.9\d* +1\.65e-06 \*\*\*\n/);
  assert.match(text, /Conditional R2: 0\.\d{3}\n +Marginal R2: 0\.\d{3}\n +Adjusted ICC: 0\.\d{3}/);
});

test("p-values, df and anova appear once inference has filled them", () => {
  const fit = runFit(sleepstudy, { formula: "Reaction ~ Days + (1 | Subject)" });
  assert.ok(fit.family === "gaussian");
  const withInference: LmmFit = {
    ...fit,
    fixef: fit.fixef.map((r) => ({ ...r, df: 17, p: r.term === "Days" ? 3.26e-6 : 1e-20 })),
    anova3: [{ term: "Days", numDF: 1, denDF: 161, F: 169.4, p: 1e-20 }],
  };
  const text = formatFitSummary(withInference);
  assert.match(text, /Estimate Std\. Error +df t value Pr\(>\|t\|\)/);
  assert.match(text, /Days .* 3\.26e-06 \*\*\*/);
  assert.match(text, /< 2e-16 \*\*\*/);
  assert.match(text, /Type III Analysis of Variance Table/);
});

test("number formatting helpers", () => {
  assert.equal(formatPValue(0.04567), "0.0457");
  assert.equal(formatPValue(3.26382e-6), "3.26e-06");
  assert.equal(formatPValue(1e-20), "< 2e-16");
  assert.deepEqual([0.0005, 0.005, 0.03, 0.07, 0.5].map(significanceStars), ["***", "**", "*", ".", ""]);
  assert.deepEqual(formatColumn([251.405, 10.4673], 4), ["251.41", "10.47"]);
});
