// `mixwell fit --family negative-binomial|gamma|inverse-gaussian [--link] --json` against the
// reference cases of tests/fixtures/reference-families, and the CLI's refusals.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { runCli } from "../../../../main/cli/main";

const root = fileURLToPath(new URL("../../../..", import.meta.url));
const caseOf = (id: string) => JSON.parse(readFileSync(`${root}/tests/fixtures/reference-families/cases/${id}.json`, "utf8")) as { logLik: number; sigma: number | null; nb_theta?: number; df: number };

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root });
  return { code, out, err };
}

const positive = ["fit", "--data", "tests/fixtures/reference-families/data/positive-crossed.csv"];

test("fit --family gamma --link log --json: sigma, a Residual row, lme4's df and logLik", async () => {
  const ref = caseOf("gamma-log");
  const r = await cli(...positive, "--formula", "time ~ x + cond + (1 | subj) + (1 | item)", "--family", "gamma", "--link", "log", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { family: string; link: string; sigma: number; df: number; logLik: number; varcorr: { group: string }[] };
  assert.equal(json.family, "gamma");
  assert.equal(json.link, "log");
  assert.ok(Math.abs(json.sigma - ref.sigma!) < 1e-3 * ref.sigma!);
  assert.equal(json.df, ref.df);
  assert.ok(Math.abs(json.logLik - ref.logLik) < 1e-3);
  assert.equal(json.varcorr.at(-1)?.group, "Residual");
});

test("fit --family negative-binomial --json reports nb_theta (grouseticks)", async () => {
  const ref = caseOf("nb-grouseticks");
  const r = await cli("fit", "--data", "tests/fixtures/reference/data/grouseticks.csv", "--formula", "TICKS ~ YEAR + scale(HEIGHT) + (1 | BROOD) + (1 | LOCATION)", "--categorical", "YEAR,BROOD,LOCATION", "--family", "negative-binomial", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { nb_theta: number; sigma: null; df: number };
  assert.ok(Math.abs(json.nb_theta - ref.nb_theta!) < 1e-3 * ref.nb_theta!, `${json.nb_theta} vs ${ref.nb_theta}`);
  assert.equal(json.sigma, null);
  assert.equal(json.df, ref.df);
});

test("unknown families and links are refused with the choices", async () => {
  const bad = await cli(...positive, "--formula", "time ~ x + (1 | subj)", "--family", "weibull");
  assert.equal(bad.code, 1);
  assert.match(bad.err, /Unknown family 'weibull': use gaussian, binomial, poisson, negative-binomial, gamma, inverse-gaussian/);
  const link = await cli(...positive, "--formula", "time ~ x + (1 | subj)", "--family", "inverse-gaussian", "--link", "logit");
  assert.equal(link.code, 1);
  assert.match(link.err, /Unknown link 'logit' for the inverse-gaussian family: use 1\/mu\^2, inverse, log, identity/);
});
