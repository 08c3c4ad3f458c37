import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProject, type Project } from "../../../app/project";
import { homedir } from "node:os";
import {
  userPath, backupPath, defaultConfigDir, readProjectFile, RecentProjects, RecoveryStore, withProjectExtension, writeFileSafely,
  writeProjectFile,
} from "../../../main/project";

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-project-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function project(note: string): Project {
  return createProject(
    {
      data: { fileName: "d.csv", missingCodes: ["NA"], table: { nrow: 2, columns: [{ kind: "number", name: "y", values: [1, null] }] } },
      models: [{ spec: { name: note, formula: "y ~ 1", family: "gaussian", method: "REML", contrasts: "treatment", categorical: [] }, result: null }],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
    "2026-11-26T12:00:00.000Z",
  );
}

test("save then open gives the same project; a second save keeps the first as .bak", async (t) => {
  const dir = tempDir(t);
  const path = join(dir, "study.mixwell");
  await writeProjectFile(path, project("first"));
  assert.deepEqual(await readProjectFile(path), JSON.parse(JSON.stringify(project("first"))) as Project);
  await writeProjectFile(path, project("second"));
  assert.equal((await readProjectFile(path)).models[0].spec.name, "second");
  assert.equal((await readProjectFile(backupPath(path))).models[0].spec.name, "first");
  assert.deepEqual(readdirSync(dir).sort(), ["study.mixwell", "study.mixwell.bak"], "no temporary files left");
});

test("a save interrupted before the rename leaves the previous file intact and no temporary file", async (t) => {
  const dir = tempDir(t);
  const path = join(dir, "study.mixwell");
  await writeProjectFile(path, project("kept"));
  const before = readFileSync(path, "utf8");
  let tempSeen = "";
  await assert.rejects(
    writeProjectFile(path, project("lost"), {
      beforeRename: (temp) => {
        tempSeen = temp;
        assert.equal(join(temp, ".."), dir, "the temporary file is in the same folder");
        throw new Error("power cut");
      },
    }),
    /Could not save 'study\.mixwell': power cut\. The previous version is unchanged\./,
  );
  assert.ok(tempSeen.endsWith(".tmp"));
  assert.equal(readFileSync(path, "utf8"), before);
  assert.equal((await readProjectFile(path)).models[0].spec.name, "kept");
  assert.ok(!readdirSync(dir).some((f) => f.endsWith(".tmp")));
});

test("a leftover half-written temporary file from a crash does not disturb the project", async (t) => {
  const dir = tempDir(t);
  const path = join(dir, "study.mixwell");
  await writeProjectFile(path, project("kept"));
  writeFileSync(join(dir, ".study.mixwell.abc.tmp"), readFileSync(path, "utf8").slice(0, 50));
  assert.equal((await readProjectFile(path)).models[0].spec.name, "kept");
});

test("writing into a folder that does not exist says so", async (t) => {
  const dir = tempDir(t);
  await assert.rejects(writeFileSafely(join(dir, "nope", "a.mixwell"), "x"), /Could not save 'a\.mixwell': the folder '.*nope' does not exist\./);
});

test("opening reports missing, truncated and foreign files by name", async (t) => {
  const dir = tempDir(t);
  await assert.rejects(readProjectFile(join(dir, "none.mixwell")), /Project not found: '.*none\.mixwell'/);
  const path = join(dir, "cut.mixwell");
  await writeProjectFile(path, project("x"));
  writeFileSync(path, readFileSync(path, "utf8").slice(0, 100));
  await assert.rejects(readProjectFile(path), /'cut\.mixwell' is damaged or incomplete/);
  writeFileSync(join(dir, "data.csv"), "a,b\n1,2\n");
  await assert.rejects(readProjectFile(join(dir, "data.csv")), /'data\.csv' is not a Mixwell project file/);
  await assert.rejects(readProjectFile(dir), /is a folder/);
});

test("withProjectExtension adds .mixwell when missing", () => {
  assert.equal(withProjectExtension("/a/b"), "/a/b.mixwell");
  assert.equal(withProjectExtension("/a/b.MIXWELL"), "/a/b.MIXWELL");
  assert.equal(withProjectExtension("/a/b.json"), "/a/b.json.mixwell");
});

test("recent projects: newest first, no duplicates, at most 10, survives a damaged list", async (t) => {
  const dir = tempDir(t);
  const recent = new RecentProjects(join(dir, "config"));
  assert.deepEqual(await recent.list(), []);
  for (let i = 0; i < 12; i++) await recent.add(`/p/${i}.mixwell`);
  await recent.add("/p/5.mixwell");
  const list = await recent.list();
  assert.equal(list.length, 10);
  assert.deepEqual(list.slice(0, 3).map((r) => r.name), ["5.mixwell", "11.mixwell", "10.mixwell"]);
  writeFileSync(join(dir, "config", "recent-projects.json"), "{oops");
  assert.deepEqual(await recent.list(), []);
});

test("recovery: written while unsaved, read back with its project path, cleared after save", async (t) => {
  const dir = tempDir(t);
  const store = new RecoveryStore(join(dir, "config"));
  assert.equal(await store.info(), null);
  await store.write(project("unsaved"), "/home/u/study.mixwell");
  const info = await store.info();
  assert.equal(info?.projectPath, "/home/u/study.mixwell");
  const found = await store.read();
  assert.equal(found?.project.models[0].spec.name, "unsaved");
  await store.clear();
  assert.equal(await store.info(), null);
});

test("recovery: an autosave still being written when the project is saved does not outlive the save", async (t) => {
  const store = new RecoveryStore(join(tempDir(t), "config"));
  const writing = store.write(project("autosaved"), null);
  const clearing = store.clear();
  await Promise.all([writing, clearing]);
  assert.equal(await store.info(), null);
});

test("a typed path: ~ is the home folder; a relative path is refused with an example", () => {
  assert.equal(userPath("~/a/study.mixwell"), join(homedir(), "a/study.mixwell"));
  assert.equal(userPath("  /tmp/x.mixwell "), "/tmp/x.mixwell");
  assert.throws(() => userPath("study.mixwell"), /Give the full path of the file, e\.g\. .*analysis\.mixwell\./);
});

test("the config folder follows MIXWELL_CONFIG_DIR, then the platform's convention", () => {
  assert.equal(defaultConfigDir({ MIXWELL_CONFIG_DIR: "/x" }, "linux"), "/x");
  assert.equal(defaultConfigDir({ XDG_CONFIG_HOME: "/cfg" }, "linux"), join("/cfg", "mixwell"));
  assert.equal(defaultConfigDir({ APPDATA: "C:\\A" }, "win32"), join("C:\\A", "Mixwell"));
});
