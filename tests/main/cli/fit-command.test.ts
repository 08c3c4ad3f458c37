// `mixwell fit`: the CLI end of runFit + fitToJson (owned with main/cli/commands/fit.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { runCli } from "../../../main/cli/main";

const root = fileURLToPath(new URL("../../..", import.meta.url));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root });
  return { code, out, err };
}

test("fit --json matches the reference case's objective and fixed effects", async () => {
  const ref = JSON.parse(readFileSync(`${root}/tests/fixtures/reference/cases/politeness-intercepts.json`, "utf8")) as {
    REMLcrit: number;
    fixef: { term: string; estimate: number; se: number }[];
    nobs: number;
  };
  const r = await cli(
    "fit",
    "--data",
    "tests/fixtures/reference/data/politeness.csv",
    "--formula",
    "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)",
    "--categorical",
    "scenario",
    "--json",
  );
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { REMLcrit: number; nobs: number; fixef: { term: string; estimate: number }[]; warnings: string[] };
  assert.equal(json.nobs, ref.nobs);
  assert.ok(json.REMLcrit <= ref.REMLcrit + 1e-4);
  assert.deepEqual(json.fixef.map((f) => f.term), ref.fixef.map((f) => f.term));
  json.fixef.forEach((f, i) => assert.ok(Math.abs(f.estimate - ref.fixef[i].estimate) < 1e-3 * ref.fixef[i].se));
  assert.match(json.warnings.join("\n"), /1 row was left out/);
});

test("fit --ml prints an ML summary", async () => {
  const r = await cli("fit", "--data", "tests/fixtures/reference/data/dyestuff.csv", "--formula", "Yield ~ 1 + (1 | Batch)", "--ml");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Linear mixed model fit by maximum likelihood/);
  assert.match(r.out, /Number of obs: 30, groups:  Batch, 6/);
});

test("fit reports bad input in plain words", async () => {
  const data = ["--data", "tests/fixtures/reference/data/sleepstudy.csv"];
  const typo = await cli("fit", ...data, "--formula", "Reaction ~ Dayz + (1 | Subject)");
  assert.equal(typo.code, 1);
  assert.match(typo.err, /^mixwell: There is no column called 'Dayz'. Did you mean 'Days'\?/);
  const syntax = await cli("fit", ...data, "--formula", "Reaction ~ Days + (1 | Subject))");
  assert.match(syntax.err, /Unexpected '\)' at position 32 in the formula/);
  const family = await cli("fit", ...data, "--formula", "Reaction ~ Days + (1 | Subject)", "--family", "weibull");
  assert.match(family.err, /Unknown family 'weibull'/);
  const missing = await cli("fit", ...data);
  assert.match(missing.err, /--formula' is required/);
});

test("fit --ddf kenward-roger: KR df and ANOVA as pbkrtest/lmerTest (oats split-plot), method in JSON and text", async () => {
  const ref = JSON.parse(readFileSync(`${root}/tests/app/inference/kenward-roger/reference.json`, "utf8")) as {
    cases: { id: string; data: string; formula: string; coef: { df: number[]; p: number[] }; anova: { term: string[]; denDF: number[]; F: number[] } }[];
  };
  const c = ref.cases.find((x) => x.id === "oats split-plot")!;
  const close = (a: number, e: number, what: string) => assert.ok(Math.abs(a - e) <= 1e-4 * Math.max(Math.abs(e), 1e-8), `${what}: ${a} vs R ${e}`);
  const r = await cli("fit", "--data", c.data, "--formula", c.formula, "--ddf", "kenward-roger", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { ddfMethod: string; fixef: { term: string; df: number }[]; anova3: { term: string; denDF: number; F: number }[] };
  assert.equal(json.ddfMethod, "Kenward-Roger");
  json.fixef.forEach((f, i) => close(f.df, c.coef.df[i], `${f.term} df`));
  assert.deepEqual(json.anova3.map((a) => a.term), c.anova.term);
  json.anova3.forEach((a, k) => {
    close(a.denDF, c.anova.denDF[k], `${a.term} denDF`);
    close(a.F, c.anova.F[k], `${a.term} F`);
  });
  const text = await cli("fit", "--data", c.data, "--formula", c.formula, "--ddf", "kenward-roger");
  assert.match(text.out, /Fixed effects \(t tests use Kenward-Roger's method for the df\):/);
  assert.match(text.out, /Type III Analysis of Variance Table with Kenward-Roger's method:/);
  const plain = await cli("fit", "--data", c.data, "--formula", c.formula, "--json");
  assert.equal((JSON.parse(plain.out) as { ddfMethod: string }).ddfMethod, "Satterthwaite");
});

test("fit --ddf refuses what Kenward–Roger cannot do, in plain words", async () => {
  const data = ["--data", "tests/fixtures/reference/data/sleepstudy.csv", "--formula", "Reaction ~ Days + (1 | Subject)"];
  assert.match((await cli("fit", ...data, "--ddf", "kr2")).err, /Unknown --ddf 'kr2': use satterthwaite or kenward-roger/);
  assert.match((await cli("fit", ...data, "--ddf", "kenward-roger", "--ml")).err, /needs a REML fit/);
});
