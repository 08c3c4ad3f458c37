// pbkrtest's PBmodcomp against R (tests/fixtures/bootstrap/pbmodcomp-cake.json, made by
// make-pbmodcomp.R with 4000 simulations): does recipe matter in cake, given temperature and a
// random intercept per replicate? The observed LRT is deterministic (1e-6); the PB p-values are two
// Monte Carlo estimates of the same p ≈ 0.05: ours from n = 1000 and R's from 4000 have a difference
// with binomial SE sqrt(p(1 − p)(1/1000 + 1/4000)) ≈ 0.0079. Tolerance: 3 of those SEs (≈ 0.024);
// simulating from the large model instead of the small one, or from REML estimates, moves p by far more.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { fitPbModels, pbRefits, pbResult } from "../../../app/inference/pb-modcomp";

const FIX = join(import.meta.dirname, "../../fixtures");

test("PBmodcomp of cake's recipe: the LRT as R's and the PB p-value within Monte Carlo error", () => {
  const ref = JSON.parse(readFileSync(join(FIX, "bootstrap/pbmodcomp-cake.json"), "utf8")) as { large: string; small: string; LRT: number; df: number; chisq_p: number; pb_p: number };
  const table = parseCsv(readFileSync(join(FIX, "reference/data/cake.csv")));
  // Given large first, as PBmodcomp(large, small): the order does not matter.
  const models = fitPbModels(table, [{ formula: ref.large }, { formula: ref.small }]);
  assert.equal(models.df, ref.df);
  assert.ok(Math.abs(models.lrt - ref.LRT) < 1e-6 * ref.LRT, `LRT ${models.lrt} vs R ${ref.LRT}`);
  const n = 1000;
  const pb = pbResult(models, 19, pbRefits(models, 19, 0, n));
  assert.ok(Math.abs(pb.chisq_p - ref.chisq_p) < 1e-6, `chisq p ${pb.chisq_p}`);
  assert.equal(pb.failures, 0);
  assert.equal(pb.used + pb.nonPositive, n);
  const se = Math.sqrt(ref.pb_p * (1 - ref.pb_p) * (1 / n + 1 / 4000));
  assert.ok(Math.abs(pb.pb_p - ref.pb_p) < 3 * se, `PB p ${pb.pb_p} vs R ${ref.pb_p} (3 SE = ${3 * se})`);
});

test("PBmodcomp refuses what it cannot compare, in words", () => {
  const table = parseCsv(readFileSync(join(FIX, "reference/data/cake.csv")));
  assert.throws(() => fitPbModels(table, [{ formula: "angle ~ temperature + (1 | replicate)" }]), /exactly two models/);
  assert.throws(() => fitPbModels(table, [{ formula: "angle ~ recipe + (1 | replicate)" }, { formula: "angle ~ temperature + (1 | replicate)", family: "poisson" }]), /linear mixed models/);
});

test("mixwell compare --pb N --seed S: pb_p and its counts in the JSON, the same on a second run", async () => {
  const { runCli } = await import("../../../main/cli/main");
  const run = async (...extra: string[]) => {
    let out = "";
    let err = "";
    const args = ["compare", "--data", "reference/data/cake.csv", "--formula", "angle ~ temperature + (1 | replicate)", "--formula", "angle ~ recipe + temperature + (1 | replicate)", ...extra];
    const code = await runCli(args, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: FIX });
    return { code, out, err };
  };
  const a = await run("--pb", "30", "--seed", "4", "--json");
  assert.equal(a.code, 0, a.err);
  const json = JSON.parse(a.out) as { pb_p: number; pb: { nsim: number; seed: number; used: number; extreme: number; non_positive: number; failures: number; LRT: number } };
  assert.equal(json.pb.nsim, 30);
  assert.equal(json.pb.seed, 4);
  assert.equal(json.pb.used + json.pb.non_positive + json.pb.failures, 30);
  assert.equal(json.pb_p, (1 + json.pb.extreme) / (1 + json.pb.used));
  assert.deepEqual(JSON.parse((await run("--pb", "30", "--seed", "4", "--json")).out), json);
  const bad = await run("--pb", "0");
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /--pb must be a whole number of refits from 1 to 100000/);
});
