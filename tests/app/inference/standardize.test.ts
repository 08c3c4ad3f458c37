// Standardized fixed effects against effectsize::standardize_parameters(method = "refit"):
// tests/fixtures/standardized/standardized.json, made by tests/fixtures/standardized/make.R.
// Tolerances: estimates and CI bounds within 1e-4 absolute (standardized scale, |b| ≲ 2; the refits
// agree to the reference README's 1e-3 × SE).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { runFitWithFrame } from "../../../app/engine/run-fit";
import { standardizedEffects } from "../../../app/inference/standardize";

const DIR = join(import.meta.dirname, "../../fixtures/standardized");
const cases = JSON.parse(readFileSync(join(DIR, "standardized.json"), "utf8")) as {
  id: string;
  data: string;
  formula: string;
  categorical: string[];
  fixef: { term: string; std_estimate: number; std_lower: number; std_upper: number }[];
}[];

for (const c of cases) {
  test(`standardized effects of ${c.id} match effectsize (refit)`, () => {
    const table = parseCsv(readFileSync(join(DIR, c.data)));
    const spec = { formula: c.formula, categorical: c.categorical };
    const { frame } = runFitWithFrame(table, { ...spec, inference: false });
    const rows = standardizedEffects(table, spec, frame);
    assert.deepEqual(rows.map((r) => r.term), c.fixef.map((r) => r.term));
    c.fixef.forEach((want, i) => {
      for (const key of ["std_estimate", "std_lower", "std_upper"] as const) {
        assert.ok(Math.abs(rows[i][key] - want[key]) < 1e-4, `${want.term} ${key}: ${rows[i][key]} vs R ${want[key]}`);
      }
    });
  });
}

test("standardized refit refuses a column inside a function", () => {
  const table = parseCsv(readFileSync(join(DIR, "../johnson-neyman/jn-data.csv")));
  const spec = { formula: "y ~ x + I(m^2) + (1 | g)" };
  const { frame } = runFitWithFrame(table, { ...spec, inference: false });
  assert.throws(() => standardizedEffects(table, spec, frame), /m is used inside a function/);
});

test("mixwell fit --standardized --json adds std_estimate, std_lower, std_upper", async () => {
  const { runCli } = await import("../../../main/cli/main");
  const c = cases.find((x) => x.id === "sleepstudy-slope")!;
  let out = "";
  let err = "";
  const code = await runCli(["fit", "--data", join(DIR, c.data), "--formula", c.formula, "--standardized", "--json"], { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: DIR });
  assert.equal(code, 0, err);
  const json = JSON.parse(out) as { fixef: { term: string; std_estimate: number; std_lower: number; std_upper: number }[] };
  json.fixef.forEach((f, i) => assert.ok(Math.abs(f.std_estimate - c.fixef[i].std_estimate) < 1e-4 && Math.abs(f.std_upper - c.fixef[i].std_upper) < 1e-4, f.term));
});
