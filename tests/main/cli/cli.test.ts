import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../../main/cli/main";
import { version } from "../../../main/version";

const root = fileURLToPath(new URL("../../..", import.meta.url));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root });
  return { code, out, err };
}

test("--help lists commands; --version prints the version", async () => {
  const help = await cli("--help");
  assert.equal(help.code, 0);
  assert.match(help.out, /describe/);
  const v = await cli("--version");
  assert.equal(v.out.trim(), `mixwell ${version}`);
});

test("describe --json: sleepstudy Reaction has n = 180", async () => {
  const r = await cli("describe", "--data", "tests/fixtures/reference/data/sleepstudy.csv", "--json");
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { nrow: number; columns: { name: string; n: number; mean: number }[] };
  assert.equal(json.nrow, 180);
  const reaction = json.columns.find((c) => c.name === "Reaction")!;
  assert.equal(reaction.n, 180);
  assert.ok(Math.abs(reaction.mean - 298.5078916667) < 1e-9);
});

test("describe text output names columns and levels", async () => {
  const r = await cli("describe", "--data", "tests/fixtures/reference/data/politeness.csv");
  assert.equal(r.code, 0);
  assert.match(r.out, /84 rows, 5 columns/);
  assert.match(r.out, /frequency\s+number\s+83\s+1\s+193\.5819/);
  assert.match(r.out, /attitude: inf \(42\), pol \(42\)/);
});

test("bad input: non-zero exit and a message on stderr", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-cli-"));
  const empty = join(dir, "empty.csv");
  writeFileSync(empty, "");
  const binary = join(dir, "binary.csv");
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
  for (const [args, pattern] of [
    [["describe", "--data", empty], /empty/],
    [["describe", "--data", binary], /binary/],
    [["describe", "--data", join(dir, "missing.csv")], /File not found/],
    [["describe"], /--data' is required/],
    [["describe", "--data"], /needs a value/],
    [["describe", "--data", empty, "--bogus"], /Unknown option '--bogus'/],
    [["frobnicate"], /Unknown command 'frobnicate'/],
  ] as const) {
    const r = await cli(...args);
    assert.equal(r.code, 1, `${args.join(" ")} should fail`);
    assert.match(r.err, pattern);
    assert.equal(r.out, "");
  }
});
