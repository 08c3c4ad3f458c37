// `mixwell ranova`: lmerTest's ranova table from the command line (owned with main/cli/commands/ranova.ts).
// Expected numbers: tests/fixtures/ranova/ranova.json (R code in tests/fixtures/ranova/make.R).
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

test("ranova --json gives lmerTest's rows for the politeness model", async () => {
  const ref = (JSON.parse(readFileSync(`${root}/tests/fixtures/ranova/ranova.json`, "utf8")) as { id: string; ranova: { term: string; LRT: number | null; p: number | null }[] }[]).find((c) => c.id === "politeness-two-slopes")!;
  const r = await cli("ranova", "--data", "tests/fixtures/reference/data/politeness.csv", "--formula", "frequency ~ attitude + gender + (1 + attitude | subject) + (1 | scenario)", "--categorical", "scenario", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { ranova: { term: string; LRT: number | null; p: number | null }[] };
  assert.deepEqual(json.ranova.map((x) => x.term), ref.ranova.map((x) => x.term));
  json.ranova.forEach((row, i) => {
    const want = ref.ranova[i];
    if (want.LRT === null) return assert.equal(row.LRT, null);
    assert.ok(Math.abs(row.LRT! - want.LRT) < 2e-3, `${row.term}: LRT ${row.LRT} vs R ${want.LRT}`);
  });
});

test("ranova prints R's table, and refuses a binomial model", async () => {
  const r = await cli("ranova", "--data", "tests/fixtures/reference/data/sleepstudy.csv", "--formula", "Reaction ~ Days + (Days | Subject)");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Days in \(Days \| Subject\)\s+4\s+-893\.23\s+1794\.4\d\s+42\.837\s+2\s+4\.99\de-10/);
  const bad = await cli("ranova", "--data", "tests/fixtures/reference/data/cbpp.csv", "--formula", "cbind(incidence, size - incidence) ~ period + (1 | herd)", "--family", "binomial");
  assert.equal(bad.code, 1);
  assert.match(bad.err, /linear mixed models/);
});
