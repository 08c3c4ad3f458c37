/**
 * Issue 22: the CLI answers hostile input with a plain "mixwell: …" line, never "internal error"
 * or a stack trace: formulas beyond the limits, /dev/zero as data, a constant outcome, and any
 * non-MixwellError (turned into a plain message by toErrorInfo).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../../main/cli/main";
import { toErrorInfo } from "../../../app/errors";

async function cli(...argv: string[]): Promise<{ code: number; err: string }> {
  let err = "";
  const code = await runCli(argv, { stdout: () => {}, stderr: (s: string) => (err += s) } as never);
  return { code, err };
}

const dir = mkdtempSync(join(tmpdir(), "mixwell-cli-hostile-"));
const data = join(dir, "d.csv");
writeFileSync(data, ["y,x,g", ...Array.from({ length: 30 }, (_, i) => `${(i * 37) % 11},${i},g${i % 5}`)].join("\n"));
const constant = join(dir, "c.csv");
writeFileSync(constant, ["y,x,g", ...Array.from({ length: 30 }, (_, i) => `1,${i},g${i % 5}`)].join("\n"));

function plain(result: { code: number; err: string }, message: RegExp): void {
  assert.equal(result.code, 1, result.err);
  assert.doesNotMatch(result.err, /internal error|RangeError|TypeError|\n\s+at /);
  assert.match(result.err, message);
}

test("hostile formulas, files and fits give plain messages from the CLI", async () => {
  plain(await cli("fit", "--data", data, "--formula", `y ~ ${"(".repeat(1300)}x${")".repeat(1300)} + (1|g)`), /up to 1000 parts|100 levels/);
  plain(await cli("fit", "--data", data, "--formula", `y ~ ${Array.from({ length: 4000 }, (_, i) => `x${i}`).join(" + ")}`), /up to 1000 parts/);
  assert.equal((await cli("fit", "--data", data, "--formula", "y ~ x^999999999 + (1|g)")).code, 0);
  plain(await cli("fit", "--data", "/dev/zero", "--formula", "y ~ x + (1|g)"), /not a regular file/);
  plain(await cli("fit", "--data", constant, "--formula", "y ~ x + (1|g)"), /same value \(1\)/);
});

test("a non-MixwellError becomes a plain MixwellError message", () => {
  assert.deepEqual(toErrorInfo(new RangeError("Maximum call stack size exceeded")).name, "MixwellError");
  assert.match(toErrorInfo(new RangeError("Maximum call stack size exceeded")).message, /too large or too deeply nested/);
  assert.match(toErrorInfo(new TypeError("x is undefined")).message, /could not finish this step \(x is undefined\)/);
  assert.equal(toErrorInfo(Object.assign(new Error("Cancelled."), { name: "Cancelled" })).name, "Cancelled");
});
