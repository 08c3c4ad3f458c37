// The start-up sweep of temporary files left by interrupted saves (main/project/stale-temps.ts):
// near the recent projects and in the config folder it removes only safe-write's own temporary
// names, only for files Mixwell writes there, only regular files untouched for over a day.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, readdir, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RecentProjects } from "../../../main/project";
import { removeStaleTempsAtStartup, STARTUP_STALE_MS } from "../../../main/project/stale-temps";
import { writeFileSafely } from "../../../main/project/safe-write";

async function file(path: string, ageMs: number, now: number): Promise<void> {
  await writeFile(path, "x");
  const t = new Date(now - ageMs);
  await utimes(path, t, t);
}

test("stale temporary files of Mixwell's pattern are removed near recent projects and in the config folder, nothing else", async (t) => {
  const root = await mkdtemp(join(tmpdir(), "plots-stale-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  const config = join(root, "config");
  const projects = join(root, "projects");
  const elsewhere = join(root, "elsewhere");
  await Promise.all([mkdir(config), mkdir(projects), mkdir(elsewhere)]);
  await writeFile(join(projects, "study.mixwell"), "{}");
  await new RecentProjects(config).add(join(projects, "study.mixwell"));
  const now = Date.now();
  const old = STARTUP_STALE_MS + 60_000;
  const fresh = STARTUP_STALE_MS - 60_000;
  const stale = [
    join(projects, ".study.mixwell.0123456789ab.tmp"),
    join(projects, ".other.mixwell.abcdef012345.tmp"), // another project's save in the same folder
    join(projects, ".report.pdf.00112233aabb.tmp"),
    join(config, ".recent-projects.json.a1b2c3d4e5f6.tmp"),
  ];
  const kept = [
    join(projects, ".study.mixwell.fedcba987654.tmp"), // younger than a day: maybe a save in progress
    join(projects, ".notes.docx.0123456789ab.tmp"), // not a file Mixwell writes
    join(projects, ".study.mixwell.0123456789AB.tmp"), // upper-case hex: not safe-write's name
    join(projects, ".study.mixwell.0123456789a.tmp"), // 11 digits
    join(projects, "study.mixwell.0123456789ab.tmp"), // no leading dot
    join(projects, "study.mixwell.bak"),
    join(elsewhere, ".lost.mixwell.0123456789ab.tmp"), // not a recent project's folder
  ];
  for (const p of stale) await file(p, old, now);
  for (const p of kept.slice(1)) await file(p, old, now);
  await file(kept[0], fresh, now);
  // a folder and a link with a matching name are never removed
  await mkdir(join(projects, ".dir.mixwell.0123456789ab.tmp"));
  await symlink(join(elsewhere, ".lost.mixwell.0123456789ab.tmp"), join(projects, ".link.mixwell.0123456789ab.tmp"));
  const removed = await removeStaleTempsAtStartup(config, now);
  assert.deepEqual([...removed].sort(), [...stale].sort());
  const left = new Set([...(await readdir(projects)).map((n) => join(projects, n)), ...(await readdir(config)).map((n) => join(config, n)), ...(await readdir(elsewhere)).map((n) => join(elsewhere, n))]);
  for (const p of stale) assert.ok(!left.has(p), `${p} removed`);
  for (const p of [...kept, join(projects, "study.mixwell"), join(projects, ".dir.mixwell.0123456789ab.tmp"), join(projects, ".link.mixwell.0123456789ab.tmp")]) assert.ok(left.has(p), `${p} kept`);
});

test("the sweep recognises the names safe writes really use", async (t) => {
  const root = await mkdtemp(join(tmpdir(), "plots-stale-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  const config = join(root, "config");
  await mkdir(config);
  const project = join(root, "real.mixwell");
  await new RecentProjects(config).add(project);
  let temp = "";
  // a save cut short after the temporary file was written: the test hook throws before the rename
  await assert.rejects(writeFileSafely(project, "{}", { beforeRename: (p) => { temp = p; throw new Error("power cut"); } }));
  await file(temp, 0, Date.now()); // writeFileSafely removed it on failure; put back what a crash would leave
  const later = Date.now() + STARTUP_STALE_MS + 60_000;
  assert.deepEqual(await removeStaleTempsAtStartup(config, later), [temp]);
});

test("without recent projects or a config folder the sweep does nothing and does not fail", async () => {
  assert.deepEqual(await removeStaleTempsAtStartup(join(tmpdir(), "plots-stale-none-" + process.pid)), []);
});
