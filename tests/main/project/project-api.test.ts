// The project and export API methods through the dispatcher, as both transports call them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFParse } from "pdf-parse";
import type { ApiResult } from "../../../app/api";
import { serializeProject, type Project } from "../../../app/project";
import { ApiDispatcher, createHandlers, TableStore } from "../../../main/api";
import { WorkerPool } from "../../../main/workers";
import { sleepProject } from "../../app/project/sample-projects";

let counter = 0;

function setup(t: { after(fn: () => unknown): void }) {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-api-"));
  const pool = new WorkerPool({ size: 1 });
  const d = new ApiDispatcher(createHandlers({ mode: "browser", pool, tables: new TableStore(), quit: () => {}, configDir: join(dir, "config") }));
  t.after(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const call = async <T>(method: string, payload: unknown): Promise<ApiResult<T>> =>
    (await d.dispatch({ requestId: `r${++counter}`, method, payload }, () => {})).result as ApiResult<T>;
  return { dir, call };
}

test("save, open, recent: the project comes back identical and the file is listed", async (t) => {
  const { dir, call } = setup(t);
  const project = sleepProject();
  const saved = await call<{ path: string; fileName: string }>("saveProject", { path: join(dir, "sleep"), project });
  assert.ok(saved.ok, !saved.ok ? saved.error.message : "");
  assert.equal(saved.value.path, join(dir, "sleep.mixwell"));
  const opened = await call<{ project: Project; path: string; fileName: string }>("openProject", { path: saved.value.path });
  assert.ok(opened.ok);
  assert.deepEqual(opened.value.project, JSON.parse(JSON.stringify(project)));
  assert.equal(opened.value.fileName, "sleep.mixwell");
  const recent = await call<{ projects: { path: string }[] }>("recentProjects", {});
  assert.ok(recent.ok);
  assert.deepEqual(recent.value.projects.map((p) => p.path), [join(dir, "sleep.mixwell")]);
});

test("a bad file is refused with its reason; uploads are read the same way", async (t) => {
  const { dir, call } = setup(t);
  const text = serializeProject(sleepProject());
  writeFileSync(join(dir, "cut.mixwell"), text.slice(0, text.length / 3));
  const cut = await call("openProject", { path: join(dir, "cut.mixwell") });
  assert.ok(!cut.ok);
  assert.match(cut.error.message, /'cut\.mixwell' is damaged or incomplete/);
  const upload = await call<{ project: Project; path: null }>("readProject", { fileName: "up.mixwell", contentBase64: Buffer.from(text).toString("base64") });
  assert.ok(upload.ok);
  assert.equal(upload.value.path, null);
  assert.equal(upload.value.project.models[0].spec.name, "Random slopes");
  const relative = await call("saveProject", { path: "sleep.mixwell", project: sleepProject() });
  assert.ok(!relative.ok);
  assert.match(relative.error.message, /Give the full path of the file/);
  const invalid = await call("saveProject", { path: join(dir, "x.mixwell"), project: { ...sleepProject(), models: "none" } });
  assert.ok(!invalid.ok);
  assert.match(invalid.error.message, /Invalid request: payload\.project is not a valid project .*project\.models should be a list/);
});

test("recovery: offered after autosave, recovered with its path, gone after a save", async (t) => {
  const { dir, call } = setup(t);
  const none = await call<{ savedAt: string | null }>("recoveryOffer", {});
  assert.ok(none.ok);
  assert.equal(none.value.savedAt, null);
  const path = join(dir, "work.mixwell");
  assert.ok((await call("writeRecovery", { project: sleepProject(), path })).ok);
  const offer = await call<{ savedAt: string | null; projectPath: string | null }>("recoveryOffer", {});
  assert.ok(offer.ok && offer.value.savedAt !== null);
  assert.equal(offer.value.projectPath, path);
  const recovered = await call<{ project: Project; path: string; fileName: string }>("recoverProject", {});
  assert.ok(recovered.ok);
  assert.equal(recovered.value.fileName, "work.mixwell");
  assert.ok((await call("saveProject", { path, project: recovered.value.project })).ok);
  const after = await call<{ savedAt: string | null }>("recoveryOffer", {});
  assert.ok(after.ok);
  assert.equal(after.value.savedAt, null);
});

test("exportReport builds the PDF in a worker: to a path, or as bytes for a download", async (t) => {
  const { dir, call } = setup(t);
  const project = sleepProject();
  const written = await call<{ path: string }>("exportReport", { project, projectName: "sleep.mixwell", numberStyle: "apa", path: join(dir, "report") });
  assert.ok(written.ok, !written.ok ? written.error.message : "");
  assert.equal(written.value.path, join(dir, "report.pdf"));
  const text = (await new PDFParse({ data: new Uint8Array(readFileSync(written.value.path)) }).getText()).text;
  assert.match(text, /Days\s+10\.47\s+1\.55\s+17\.00\s+6\.77\s+< \.001/);
  const bytes = await call<{ fileName: string; contentBase64: string }>("exportReport", { project, projectName: "sleep.mixwell", numberStyle: "plain" });
  assert.ok(bytes.ok);
  assert.equal(bytes.value.fileName, "sleep.pdf");
  assert.equal(Buffer.from(bytes.value.contentBase64, "base64").subarray(0, 5).toString(), "%PDF-");
  const csv = await call<{ path: string }>("writeExport", { path: join(dir, "fixed"), text: "a,b\r\n" });
  assert.ok(csv.ok);
  assert.ok(existsSync(join(dir, "fixed.csv")));
  const dialog = await call("chooseFile", { purpose: "openProject" });
  assert.ok(!dialog.ok);
  assert.match(dialog.error.message, /File dialogs belong to the desktop app/);
});

test("recovery of a stored table: the autosave names the table, the back end writes its cells as edited", async (t) => {
  const { dir, call } = setup(t);
  const project = sleepProject();
  assert.ok(project.data);
  const loaded = await call<{ tableId: string; version: number }>("loadTable", project.data);
  assert.ok(loaded.ok, !loaded.ok ? loaded.error.message : "");
  const { tableId } = loaded.value;
  const renamed = await call("editTable", { tableId, op: { kind: "renameColumn", col: 0, name: "RT (ms)" } });
  assert.ok(renamed.ok, !renamed.ok ? renamed.error.message : "");
  const storedData = { tableId, fileName: project.data.fileName, missingCodes: project.data.missingCodes };
  const path = join(dir, "big.mixwell");
  const written = await call("writeRecovery", { project: { ...project, data: null }, path, storedData });
  assert.ok(written.ok, !written.ok ? written.error.message : "");
  const recovered = await call<{ project: Project }>("recoverProject", {});
  assert.ok(recovered.ok);
  const data = recovered.value.project.data;
  assert.ok(data);
  assert.equal(data.table.columns[0].name, "RT (ms)");
  // The same cells as the data sent at first, under the new name.
  const expected = JSON.parse(JSON.stringify(project.data.table));
  expected.columns[0].name = "RT (ms)";
  assert.deepEqual(JSON.parse(JSON.stringify(data.table)), expected);
  assert.deepEqual(recovered.value.project.models, JSON.parse(JSON.stringify(project.models)));

  const gone = await call("writeRecovery", { project: { ...project, data: null }, path, storedData: { ...storedData, tableId: "no-such-table" } });
  assert.ok(!gone.ok);
  assert.match(gone.error.message, /no longer loaded/);
  const both = await call("writeRecovery", { project, path, storedData });
  assert.ok(!both.ok);
  assert.match(both.error.message, /must not carry data of its own/);
  const extra = await call("writeRecovery", { project: { ...project, data: null }, path, storedData: { ...storedData, cells: [] } });
  assert.ok(!extra.ok);
  assert.match(extra.error.message, /storedData\.cells is not allowed/);
});
