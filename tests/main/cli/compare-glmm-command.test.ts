// `mixwell compare --family binomial|poisson`: lme4's anova() of glmer fits from the command line.
// Expected values from R (lme4 1.1-31; data tests/fixtures/reference/data/cbpp.csv, period a factor):
//   m1 <- glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), data = d, family = binomial)
//   m0 <- glmer(cbind(incidence, size - incidence) ~ 1 + (1 | herd), data = d, family = binomial)
//   anova(m1, m0)
//      npar    AIC    BIC   logLik deviance  Chisq Df Pr(>Chisq)
//   m0    2 213.66 217.71 -104.832   209.66
//   m1    5 194.05 204.18  -92.027   184.05 25.61  3  1.151e-05 ***
//   (full precision: Chisq 25.6099375959, Pr 1.1510064891e-05)
//   With nAGQ = 0 for both: logLik(m1) -92.0543465012265 (tests/fixtures/glmm-nagq0).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { runCli } from "../../../main/cli/main";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const cbpp = ["--data", "tests/fixtures/reference/data/cbpp.csv", "--categorical", "period"];
const m1 = ["--formula", "cbind(incidence, size - incidence) ~ period + (1 | herd)"];
const m0 = ["--formula", "cbind(incidence, size - incidence) ~ 1 + (1 | herd)"];

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root });
  return { code, out, err };
}

interface Json {
  refitted_ML: boolean;
  models: { formula: string; npar: number; AIC: number; logLik: number; deviance: number; Chisq: number | null; Df: number | null; p: number | null }[];
  notes: string[];
}

test("compare --family binomial --json gives lme4's anova(glmer, glmer) table", async () => {
  const r = await cli("compare", ...cbpp, ...m1, ...m0, "--family", "binomial", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as Json;
  assert.equal(json.refitted_ML, false);
  assert.deepEqual(json.models.map((m) => m.npar), [2, 5]);
  assert.ok(Math.abs(json.models[0].logLik - -104.8315351875) < 1e-3);
  assert.ok(Math.abs(json.models[0].deviance - 209.663070375) < 1e-3);
  assert.ok(Math.abs(json.models[1].AIC - 194.053132779) < 1e-3);
  assert.equal(json.models[0].Chisq, null);
  assert.ok(Math.abs(json.models[1].Chisq! - 25.6099375959) < 2e-3);
  assert.equal(json.models[1].Df, 3);
  assert.ok(Math.abs(json.models[1].p! - 1.1510064891e-5) < 1e-3 * 1.1510064891e-5);
});

test("compare --family binomial prints the table without the REML refit line", async () => {
  const r = await cli("compare", ...cbpp, ...m0, ...m1, "--family", "binomial");
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /Refitting/);
  assert.match(r.out, /model 2: cbind\(incidence, size - incidence\) ~ period \+ \(1 \| herd\)/);
  assert.match(r.out, /184\.05\s+25\.6099\s+3\s+1\.15e-05\s+\*\*\*/);
});

test("compare --nagq 0 compares the fast fits, with a note", async () => {
  const r = await cli("compare", ...cbpp, ...m1, ...m0, "--family", "binomial", "--nagq", "0", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as Json;
  assert.ok(Math.abs(json.models[1].logLik - -92.0543465012265) < 1e-3, String(json.models[1].logLik));
  assert.ok(json.notes.some((n) => /nAGQ = 0/.test(n)));
});

test("compare: GLMM options are checked in plain words", async () => {
  assert.match((await cli("compare", ...cbpp, ...m1, ...m0, "--family", "weibull")).err, /Unknown family 'weibull'/);
  assert.match((await cli("compare", ...cbpp, ...m1, ...m0, "--nagq", "0")).err, /--link and --nagq apply to generalized models/);
  assert.match((await cli("compare", ...cbpp, ...m1, ...m0, "--family", "binomial", "--link", "log")).err, /Unknown link 'log' for the binomial family/);
});
