// `mixwell fit --family binomial|poisson [--link] [--nagq] --json`: the GLMM end of the CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { runCli } from "../../../../main/cli/main";

const root = fileURLToPath(new URL("../../../..", import.meta.url));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root });
  return { code, out, err };
}

const base = ["fit", "--data", "tests/fixtures/reference/data/cbpp.csv", "--formula", "cbind(incidence, size - incidence) ~ period + (1 | herd)", "--categorical", "period", "--family", "binomial"];

test("fit --family binomial --json: the reference schema, z tests and the Laplace objective", async () => {
  const ref = JSON.parse(readFileSync(`${root}/tests/fixtures/reference/cases/cbpp-binomial.json`, "utf8")) as { logLik: number; fixef: { term: string; se: number; p: number }[] };
  const r = await cli(...base, "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { family: string; method: string; link: string; sigma: null; logLik: number; fixef: { term: string; se: number; p: number }[]; varcorr: { group: string }[] };
  assert.equal(json.family, "binomial");
  assert.equal(json.method, "Laplace");
  assert.equal(json.link, "logit");
  assert.equal(json.sigma, null);
  assert.ok(-2 * json.logLik <= -2 * ref.logLik + 1e-4);
  json.fixef.forEach((f, i) => assert.ok(Math.abs(f.se - ref.fixef[i].se) < 1e-3 * ref.fixef[i].se, f.term));
  assert.ok(json.varcorr.every((v) => v.group !== "Residual"));
});

test("fit --link probit --nagq 1 and --nagq 5 choose the link and the quadrature", async () => {
  const probit = JSON.parse((await cli(...base, "--link", "probit", "--json")).out) as { link: string; theta: number[] };
  assert.equal(probit.link, "probit");
  assert.ok(Math.abs(probit.theta[0] - 0.3379893465) < 1e-4);
  const agq = JSON.parse((await cli(...base, "--nagq", "5", "--json")).out) as { method: string; nAGQ: number; logLik: number };
  assert.equal(agq.method, "AGQ");
  assert.equal(agq.nAGQ, 5);
  assert.ok(Math.abs(-2 * agq.logLik - 100.0113678518) < 1e-4);
});

test("bad GLMM options are plain errors", async () => {
  const bad = await cli(...base, "--link", "log");
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /Unknown link 'log' for the binomial family/);
  assert.match((await cli(...base, "--nagq", "26")).err, /--nagq must be a whole number from 0 to 25/);
  assert.match((await cli(...base, "--ml")).err, /--ml applies to linear/);
  const gaussian = await cli("fit", "--data", "tests/fixtures/reference/data/sleepstudy.csv", "--formula", "Reaction ~ Days + (1 | Subject)", "--link", "probit");
  assert.match(gaussian.err, /--link and --nagq apply to generalized models \(--family binomial, poisson, negative-binomial, gamma or inverse-gaussian\)/);
});
