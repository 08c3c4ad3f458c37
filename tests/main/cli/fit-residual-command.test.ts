// `mixwell fit --correlation … --time … --variance-by …`: the CLI end of the residual-structure
// engine, against the nlme case made by tests/fixtures/nlme-residual/make-cases.R.
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

const data = ["--data", "tests/fixtures/nlme-residual/data/simlong.csv", "--formula", "y ~ week + x + arm + (week | subject)"];

test("fit --correlation car1 --variance-by --json gives nlme's Phi and variance ratios", async () => {
  const ref = JSON.parse(readFileSync(`${root}/tests/fixtures/nlme-residual/cases/simlong-car1-varident-reml.json`, "utf8")) as {
    logLik: number;
    correlation: { parameter: number };
    variance_ratios: { level: string; ratio: number }[];
  };
  const r = await cli("fit", ...data, "--correlation", "car1", "--time", "hours", "--variance-by", "arm", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as {
    logLik: number;
    correlation: { structure: string; parameter: number; lower: number; upper: number };
    variance_ratios: { level: string; ratio: number; lower: number; upper: number }[];
  };
  assert.ok(Math.abs(json.logLik - ref.logLik) < 1e-3);
  assert.equal(json.correlation.structure, "car1");
  assert.ok(Math.abs(json.correlation.parameter - ref.correlation.parameter) < 1e-3);
  assert.ok(json.correlation.lower < json.correlation.parameter && json.correlation.parameter < json.correlation.upper);
  assert.deepEqual(json.variance_ratios.map((v) => v.level), ref.variance_ratios.map((v) => v.level));
  json.variance_ratios.forEach((v, i) => assert.ok(Math.abs(v.ratio / ref.variance_ratios[i].ratio - 1) < 1e-3));
});

test("fit --correlation ar1 prints an nlme-style summary", async () => {
  const r = await cli("fit", ...data, "--correlation", "ar1", "--time", "week", "--ml");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Linear mixed-effects model fit by ML \(nlme::lme\)/);
  assert.match(r.out, /Correlation structure: AR\(1\), formula ~ week \| subject/);
  assert.match(r.out, /Marginal F tests/);
});

test("fit's residual options refuse bad combinations in plain words", async () => {
  const cases: [string[], RegExp][] = [
    [["--correlation", "ar2"], /Unknown --correlation 'ar2'/],
    [["--correlation", "ar1"], /needs --time COL/],
    [["--time", "week"], /--time and --residual-group go with --correlation/],
    [["--correlation", "ar1", "--time", "hours"], /whole-number time points, but 'hours'/],
    [["--correlation", "cs", "--family", "poisson"], /linear \(gaussian\) models/],
  ];
  for (const [extra, message] of cases) {
    const r = await cli("fit", ...data, ...extra);
    assert.notEqual(r.code, 0, extra.join(" "));
    assert.match(r.err, message);
  }
});
