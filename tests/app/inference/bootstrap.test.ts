// Parametric bootstrap against lme4's confint(method = "boot", boot.type = "perc") on Dyestuff
// (tests/fixtures/bootstrap/dyestuff.json, made by tests/fixtures/bootstrap/make-dyestuff.R with
// 2000 refits; ours also 2000). Both are Monte Carlo estimates of the same 2.5% and 97.5%
// quantiles: the SE of one such quantile is about sqrt(0.025·0.975/2000)/φ(1.96) ≈ 0.06 bootstrap
// SDs, so the difference of two has SE ≈ 0.085 SDs ≈ 0.022 interval widths (width ≈ 3.9 SDs). The
// tolerance, 0.1 × the interval width, is about 4.5 of those SEs: a real error (a wrong σ in the
// simulation, a missing random effect) moves a bound by far more.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { runFitWithFrame } from "../../../app/engine/run-fit";
import type { LmmFit } from "../../../app/engine/lmm";
import { bootstrapIntervals, bootstrapRefits, percentile } from "../../../app/inference/bootstrap";

const FIX = join(import.meta.dirname, "../../fixtures");
const ref = JSON.parse(readFileSync(join(FIX, "bootstrap/dyestuff.json"), "utf8")) as { rows: { name: string; lower: number; upper: number }[] };

test("bootstrap percentile intervals of Dyestuff match lme4's within Monte Carlo error", () => {
  const table = parseCsv(readFileSync(join(FIX, "reference/data/dyestuff.csv")));
  const { fit, frame } = runFitWithFrame(table, { formula: "Yield ~ 1 + (1 | Batch)", inference: false });
  const refits = bootstrapRefits(frame, fit as LmmFit, 19, 0, 2000);
  const result = bootstrapIntervals(frame, 19, refits);
  // As bootMer: refits that do not converge are kept (and counted), only errors are failures.
  assert.equal(result.failures, 0);
  assert.ok(result.nonConverged < 40, `non-converged ${result.nonConverged}`);
  const pick = (name: string) => (name === ".sig01" ? result.ci_boot.find((r) => r.kind === "sd" && r.group === "Batch") : name === ".sigma" ? result.ci_boot.find((r) => r.group === "Residual") : result.ci_boot.find((r) => r.term === name));
  for (const want of ref.rows) {
    const got = pick(want.name)!;
    const tol = 0.1 * (want.upper - want.lower);
    assert.ok(Math.abs(got.lower - want.lower) < tol, `${want.name} lower ${got.lower} vs R ${want.lower}`);
    assert.ok(Math.abs(got.upper - want.upper) < tol, `${want.name} upper ${got.upper} vs R ${want.upper}`);
  }
  // The same seed repeats exactly, whichever share of the refits is computed where.
  const again = [...bootstrapRefits(frame, fit as LmmFit, 19, 0, 7), ...bootstrapRefits(frame, fit as LmmFit, 19, 7, 12)];
  assert.deepEqual(again, refits.slice(0, 12));
});

// The random-slope model: both SDs, their correlation, σ and the fixed effects against lme4's
// confint(method = "boot", nsim = 2000) (tests/fixtures/bootstrap/make-sleepstudy.R); ours with 1000
// refits to keep the test short. For a 2.5% quantile the Monte Carlo SE is ≈ sqrt(0.025·0.975/n)/φ(1.96)
// bootstrap SDs: 0.085 (n = 1000) and 0.060 (n = 2000), so the difference has SE ≈ 0.10 SDs ≈ 0.027
// interval widths for a normal-shaped statistic. Tolerance 0.12 widths ≈ 4.5 SEs: the skewed SDs and
// the correlation piled up near 1 have wider tails; a wrong Λ or a correlation left out of the
// simulation moves a bound by several tenths of the width.
test("bootstrap intervals of the sleepstudy slope model match lme4's within Monte Carlo error", () => {
  const table = parseCsv(readFileSync(join(FIX, "reference/data/sleepstudy.csv")));
  const want = JSON.parse(readFileSync(join(FIX, "bootstrap/sleepstudy.json"), "utf8")) as { rows: { name: string; lower: number; upper: number }[] };
  const { fit, frame } = runFitWithFrame(table, { formula: "Reaction ~ Days + (Days | Subject)", inference: false });
  const result = bootstrapIntervals(frame, 3, bootstrapRefits(frame, fit as LmmFit, 3, 0, 1000));
  assert.equal(result.failures, 0);
  const rows = result.ci_boot;
  const byName: Record<string, (typeof rows)[number] | undefined> = {
    ".sig01": rows.find((r) => r.kind === "sd" && r.name1 === "(Intercept)"),
    ".sig02": rows.find((r) => r.kind === "correlation"),
    ".sig03": rows.find((r) => r.kind === "sd" && r.name1 === "Days"),
    ".sigma": rows.find((r) => r.group === "Residual"),
    "(Intercept)": rows.find((r) => r.term === "(Intercept)"),
    Days: rows.find((r) => r.term === "Days"),
  };
  for (const ref of want.rows) {
    const got = byName[ref.name]!;
    const tol = 0.12 * (ref.upper - ref.lower);
    assert.ok(Math.abs(got.lower - ref.lower) < tol, `${ref.name} lower ${got.lower} vs R ${ref.lower} (tolerance ${tol})`);
    assert.ok(Math.abs(got.upper - ref.upper) < tol, `${ref.name} upper ${got.upper} vs R ${ref.upper} (tolerance ${tol})`);
  }
});

test("percentile interpolates on the normal scale as boot's norm.inter", () => {
  const sorted = Array.from({ length: 99 }, (_, i) => i + 1);
  assert.equal(percentile(sorted, 0.5), 50); // (R + 1)·α = 50 exactly
  const x = percentile(sorted, 0.025); // rk = 2.5 → between the 2nd and 3rd values
  assert.ok(x > 2 && x < 3);
});

test("mixwell fit --boot N --seed S reports ci_boot and repeats exactly", async () => {
  const { runCli } = await import("../../../main/cli/main");
  const run = async () => {
    let out = "";
    let err = "";
    const code = await runCli(["fit", "--data", "reference/data/dyestuff.csv", "--formula", "Yield ~ 1 + (1 | Batch)", "--boot", "50", "--seed", "7", "--json"], { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: FIX });
    assert.equal(code, 0, err);
    return JSON.parse(out) as { ci_boot: { term?: string; kind: string; lower: number; upper: number }[]; boot: { nboot: number; seed: number; failures: number; non_converged: number } };
  };
  const a = await run();
  assert.deepEqual(a.boot, { nboot: 50, seed: 7, failures: 0, non_converged: a.boot.non_converged });
  assert.deepEqual(a.ci_boot.map((r) => r.kind), ["fixef", "sd", "sd"]);
  assert.deepEqual((await run()).ci_boot, a.ci_boot);
});
