// `mixwell compare` and `mixwell fit --profile-ci --json` (owned with main/cli/commands/compare.ts).
// Expected values from R: anova(lmer(Reaction ~ Days + (1 | Subject), sleepstudy),
//                               lmer(Reaction ~ Days + (Days | Subject), sleepstudy))
//   Chisq 42.139, Df 2, Pr(>Chisq) 7.072e-10 (after "refitting model(s) with ML").
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { runCli } from "../../../main/cli/main";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const sleep = "tests/fixtures/reference/data/sleepstudy.csv";

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root });
  return { code, out, err };
}

test("compare --json gives lme4's likelihood-ratio table", async () => {
  const r = await cli("compare", "--data", sleep, "--formula", "Reaction ~ Days + (Days | Subject)", "--formula", "Reaction ~ Days + (1 | Subject)", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { refitted_ML: boolean; models: { formula: string; npar: number; Chisq: number | null; Df: number | null; p: number | null }[] };
  assert.equal(json.refitted_ML, true);
  assert.deepEqual(json.models.map((m) => m.npar), [4, 6]);
  assert.equal(json.models[0].Chisq, null);
  assert.ok(Math.abs(json.models[1].Chisq! - 42.139) < 1e-3);
  assert.equal(json.models[1].Df, 2);
  assert.ok(Math.abs(json.models[1].p! - 7.072e-10) < 1e-3 * 7.072e-10 + 1e-13);
});

test("compare keeps a formula with a comma whole and refuses a single model", async () => {
  const r = await cli("compare", "--data", sleep, "--formula", "Reaction ~ poly(Days, 2) + (1 | Subject)", "--formula", "Reaction ~ Days + (1 | Subject)", "--json");
  // Kept whole, the formula fits (split at the comma it would fail on an unclosed parenthesis).
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { models: { formula: string }[] };
  assert.ok(json.models.some((m) => m.formula === "Reaction ~ poly(Days, 2) + (1 | Subject)"), r.out);
  const one = await cli("compare", "--data", sleep, "--formula", "Reaction ~ Days + (1 | Subject)");
  assert.notEqual(one.code, 0);
  assert.match(one.err, /at least two models/);
});

test("fit --json carries inference fields; --profile-ci adds ci_profile", async () => {
  const r = await cli("fit", "--data", sleep, "--formula", "Reaction ~ Days + (Days | Subject)", "--json", "--profile-ci");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as Record<string, unknown> & { fixef: { df: number; p: number }[]; ci_profile: unknown[]; ci: unknown[] };
  for (const f of ["anova3", "r2_marginal", "r2_conditional", "icc", "ci", "ci_profile"]) assert.ok(f in json, `missing ${f}`);
  assert.ok(json.fixef.every((f) => typeof f.df === "number" && typeof f.p === "number"));
  assert.equal(json.ci_profile.length, 4);
  assert.equal(json.ci.length, 2);
});

test("compare on a large table fits the models in worker threads and gives the same table as one thread", async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { POOL_ROWS } = await import("../../../main/cli/commands/compare");
  const { readTableFile } = await import("../../../main/data/read-table-file");
  const { runComparison } = await import("../../../app/inference");
  const dir = mkdtempSync(join(tmpdir(), "mixwell-compare-pool-"));
  try {
    // A deterministic table just over the threshold: 40 groups, x and z predictors.
    const lines = ["y,x,z,g"];
    let s = 7;
    const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < POOL_ROWS + 200; i++) {
      const g = i % 40;
      const x = next() * 10;
      const z = next();
      lines.push(`${(2 + 0.5 * x + 0.1 * g + (next() - 0.5) * 3).toFixed(4)},${x.toFixed(4)},${z.toFixed(4)},g${g}`);
    }
    const file = join(dir, "big.csv");
    writeFileSync(file, lines.join("\n") + "\n");
    const formulas = ["y ~ 1 + (1 | g)", "y ~ x + (1 | g)", "y ~ x + z + (1 | g)"];
    const { code, out, err } = await cli("compare", "--data", file, ...formulas.flatMap((f) => ["--formula", f]), "--json");
    assert.equal(code, 0, err);
    const { table } = await readTableFile(file, {});
    const expected = runComparison(table, formulas.map((formula) => ({ formula, family: "gaussian" as const, contrasts: "treatment" as const })));
    const shown = JSON.parse(out) as { models: { logLik: number; Chisq: number | null }[] };
    assert.equal(shown.models.length, 3);
    assert.deepEqual(shown.models.map((r) => r.logLik), expected.rows.map((r) => r.logLik));
    assert.deepEqual(shown.models.map((r) => r.Chisq), expected.rows.map((r) => (r.Chisq === undefined || !Number.isFinite(r.Chisq) ? null : r.Chisq)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
