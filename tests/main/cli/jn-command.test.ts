// `mixwell jn`: Johnson–Neyman interval from the command line (owned with main/cli/commands/jn.ts).
// Expected numbers: tests/fixtures/johnson-neyman/jn.json (R code in make.R there).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { runCli } from "../../../main/cli/main";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const ref = JSON.parse(readFileSync(`${root}/tests/fixtures/johnson-neyman/jn.json`, "utf8")) as { satterthwaite: { lower: number; upper: number }; range: number[] };

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root });
  return { code, out, err };
}

test("jn --json gives {lower, upper, range} as R", async () => {
  const r = await cli("jn", "--data", "tests/fixtures/johnson-neyman/jn-data.csv", "--formula", "y ~ x * m + (x | g)", "--x", "x", "--moderator", "m", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { lower: number; upper: number; range: number[]; significant: string; simple_slopes: unknown[] };
  assert.ok(Math.abs(json.lower - ref.satterthwaite.lower) < 1e-6, `lower ${json.lower}`);
  assert.ok(Math.abs(json.upper - ref.satterthwaite.upper) < 1e-6, `upper ${json.upper}`);
  assert.deepEqual(json.range, ref.range);
  assert.equal(json.significant, "outside");
  assert.equal(json.simple_slopes.length, 3);
});

test("jn names a moderator that is not in the model", async () => {
  const r = await cli("jn", "--data", "tests/fixtures/johnson-neyman/jn-data.csv", "--formula", "y ~ x + (1 | g)", "--x", "x", "--moderator", "m");
  assert.equal(r.code, 1);
  assert.match(r.err, /'m' is not a numeric fixed effect/);
});
