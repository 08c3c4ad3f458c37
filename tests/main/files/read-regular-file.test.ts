/** Issue 22: only regular files are read as data or projects, and never more than the limit. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MixwellError } from "../../../app/errors";
import { readRegularFile } from "../../../main/files/read-regular-file";
import { readTableFile } from "../../../main/data/read-table-file";
import { readProjectFile } from "../../../main/project";

const dir = mkdtempSync(join(tmpdir(), "mixwell-read-"));

function refusedWith(pattern: RegExp) {
  return (err: unknown) => err instanceof MixwellError && pattern.test(err.message);
}

test("/dev/zero, a FIFO and a folder are refused at once as data and as a project", async () => {
  const fifo = join(dir, "pipe.csv");
  execFileSync("mkfifo", [fifo]);
  for (const path of ["/dev/zero", fifo]) {
    await assert.rejects(readTableFile(path), refusedWith(/not a regular file/));
    await assert.rejects(readProjectFile(path), refusedWith(/not a regular file/));
  }
  await assert.rejects(readTableFile(dir), refusedWith(/is a folder/));
  await assert.rejects(readTableFile(join(dir, "missing.csv")), refusedWith(/File not found/));
});

test("no more than maxBytes are read", async () => {
  const path = join(dir, "big.csv");
  writeFileSync(path, "x\n".repeat(1000));
  await assert.rejects(readRegularFile(path, { maxBytes: 100, what: "data file" }), refusedWith(/larger than/));
  assert.equal((await readRegularFile(path, { maxBytes: 4000, what: "data file" })).length, 2000);
});
