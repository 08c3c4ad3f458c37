// `mixwell fit --family ordinal`: the CLI end of the clmm engine, against the wine probit AGQ case
// (tests/fixtures/reference-ordinal/make-cases.R), and its refusals.
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

const wine = ["--data", "tests/fixtures/reference-ordinal/data/wine.csv", "--formula", "rating ~ temp + contact + (1 | judge)", "--family", "ordinal"];

test("fit --family ordinal --link probit --nagq 5 --json gives clmm's thresholds and logLik", async () => {
  const ref = JSON.parse(readFileSync(`${root}/tests/fixtures/reference-ordinal/cases/wine-probit-agq5.json`, "utf8")) as {
    logLik: number;
    thresholds: { name: string; estimate: number; se: number }[];
  };
  const r = await cli("fit", ...wine, "--categorical", "rating", "--link", "probit", "--nagq", "5", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { family: string; link: string; nAGQ: number; logLik: number; thresholds: { name: string; estimate: number; se: number }[] };
  assert.equal(json.family, "ordinal");
  assert.equal(json.link, "probit");
  assert.equal(json.nAGQ, 5);
  assert.ok(Math.abs(json.logLik - ref.logLik) < 1e-3);
  assert.deepEqual(json.thresholds.map((t) => t.name), ref.thresholds.map((t) => t.name));
  json.thresholds.forEach((t, i) => assert.ok(Math.abs(t.estimate - ref.thresholds[i].estimate) < 1e-3 * ref.thresholds[i].se));
});

test("the text summary shows thresholds and coefficients", async () => {
  const r = await cli("fit", ...wine, "--categorical", "rating");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Cumulative Link Mixed Model fitted with the Laplace approximation/);
  assert.match(r.out, /Threshold coefficients:\n.*\n1\|2 /);
  assert.match(r.out, /tempwarm\s+3\.063/);
});

test("a numeric outcome without --categorical, an unknown link and quadrature with two terms are refused", async () => {
  const numeric = await cli("fit", ...wine);
  assert.equal(numeric.code, 1);
  assert.match(numeric.err, /'rating' holds numbers without levels/);
  const link = await cli("fit", ...wine, "--categorical", "rating", "--link", "cloglog");
  assert.equal(link.code, 1);
  assert.match(link.err, /Unknown link 'cloglog' for the ordinal family: use logit, probit/);
  const agq = await cli("fit", "--data", "tests/fixtures/reference-ordinal/data/likert-crossed.csv", "--formula", "answer ~ x + (1 | subject) + (1 | item)", "--family", "ordinal", "--nagq", "3");
  assert.equal(agq.code, 1);
  assert.match(agq.err, /needs a single random intercept/);
});

test("fit --family ordinal --json carries the conditional modes as the LMM JSON does (ranef), equal to clmm's ranef and condVar", async () => {
  const ref = JSON.parse(readFileSync(`${root}/tests/fixtures/ordinal-ranef/wine-logit.json`, "utf8")) as {
    ranef: { group: string; levels: string[]; terms: string[]; values: number[][]; condVar: number[][] }[];
  };
  const r = await cli("fit", ...wine, "--categorical", "rating", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { ranef: { group: string; terms: string[]; levels: string[]; values: number[][]; condsd: number[][] }[] };
  assert.deepEqual(json.ranef.map((b) => Object.keys(b)), [["group", "terms", "levels", "values", "condsd"]]);
  const [block] = json.ranef;
  const [want] = ref.ranef;
  assert.equal(block.group, want.group);
  assert.deepEqual(block.terms, want.terms);
  assert.deepEqual(block.levels, want.levels);
  want.values[0].forEach((v, i) => assert.ok(Math.abs(block.values[0][i] - v) <= Math.max(1e-3 * Math.abs(v), 1e-5), `judge ${want.levels[i]}: ${block.values[0][i]} vs ${v}`));
  want.condVar[0].forEach((v, i) => assert.ok(Math.abs(block.condsd[0][i] ** 2 - v) <= 1e-2 * v, `judge ${want.levels[i]} condVar: ${block.condsd[0][i] ** 2} vs ${v}`));
});
