/**
 * Issue 22: saving keeps the file's mode, writes through a symbolic link to its target, never
 * loses the last good .bak when a save fails, and removes its own stale temporary files.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { backupPath, writeFileSafely } from "../../../main/project";
import { removeStaleTemps } from "../../../main/project/safe-write";

const dir = () => mkdtempSync(join(tmpdir(), "mixwell-save-"));

test("a 600 file stays 600 after a save", async () => {
  const path = join(dir(), "p.mixwell");
  writeFileSync(path, "one");
  chmodSync(path, 0o600);
  await writeFileSafely(path, "two");
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(readFileSync(path, "utf8"), "two");
});

test("saving through a symbolic link replaces the target and keeps the link", async () => {
  const d = dir();
  const target = join(d, "real.mixwell");
  const link = join(d, "link.mixwell");
  writeFileSync(target, "one");
  symlinkSync(target, link);
  await writeFileSafely(link, "two");
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(target, "utf8"), "two");
  assert.equal(readFileSync(backupPath(target), "utf8"), "one");
});

test("a failed save leaves the file and the last good .bak as they were, and no temporary file", async () => {
  const d = dir();
  const path = join(d, "p.mixwell");
  await writeFileSafely(path, "first");
  await writeFileSafely(path, "second");
  assert.equal(readFileSync(backupPath(path), "utf8"), "first");
  await assert.rejects(writeFileSafely(path, "third", { beforeRename: () => Promise.reject(Object.assign(new Error("disk full"), { code: "ENOSPC" })) }), /disk is full/);
  assert.equal(readFileSync(path, "utf8"), "second");
  assert.ok(["first", "second"].includes(readFileSync(backupPath(path), "utf8")));
  assert.deepEqual(readdirSync(d).filter((n) => n.endsWith(".tmp")), []);
});

test("stale temporary files of a crashed save are removed; fresh ones and others' files stay", async () => {
  const d = dir();
  const path = join(d, "p.mixwell");
  const stale = join(d, ".p.mixwell.0123456789ab.tmp");
  const fresh = join(d, ".p.mixwell.ba9876543210.tmp");
  const other = join(d, ".q.mixwell.0123456789ab.tmp");
  for (const f of [stale, fresh, other]) writeFileSync(f, "x");
  const old = new Date(Date.now() - 3600_000);
  utimesSync(stale, old, old);
  utimesSync(other, old, old);
  await removeStaleTemps(path);
  assert.deepEqual(readdirSync(d).sort(), [".p.mixwell.ba9876543210.tmp", ".q.mixwell.0123456789ab.tmp"]);
  await writeFileSafely(path, "saved");
  assert.ok(readdirSync(d).includes(".p.mixwell.ba9876543210.tmp"));
});
