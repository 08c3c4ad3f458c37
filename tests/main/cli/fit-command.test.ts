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
  const family = await cli("fit", ...data, "--formula", "Reaction ~ Days + (1 | Subject)", "--family", "gamma");
  assert.match(family.err, /Unknown family 'gamma'/);
  const missing = await cli("fit", ...data);
  assert.match(missing.err, /--formula' is required/);
});
