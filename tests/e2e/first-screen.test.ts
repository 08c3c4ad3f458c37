// The first screen: with no data, the Data region says what to do next — Open sample…, Import
// data…, Open project… — and lists the recent projects, which open with one click.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./harness";
import { openAppSession, type AppSession } from "./session";

let session: AppSession;
const config = mkdtempSync(join(tmpdir(), "mixwell-config-"));
const project = join(config, "sleep study.mixwell");

before(async () => {
  copyFileSync(join(root, "tests/app/project/fixtures/version2.mixwell"), project);
  writeFileSync(join(config, "recent-projects.json"), JSON.stringify([{ path: project, name: "sleep study.mixwell", at: new Date().toISOString() }]));
  process.env.MIXWELL_CONFIG_DIR = config;
  try {
    session = await openAppSession(20_000);
  } finally {
    delete process.env.MIXWELL_CONFIG_DIR;
  }
});
after(async () => {
  await session?.close();
});

test("the empty window offers Open sample, Import data and Open project, and each starts its step", async () => {
  const { page } = session;
  const welcome = page.getByRole("region", { name: "Start an analysis" });
  await welcome.waitFor();
  await welcome.getByRole("button", { name: /Open sample…/ }).click();
  const samples = page.getByRole("dialog", { name: "Open sample data" });
  await samples.waitFor();
  await page.keyboard.press("Escape");
  await samples.waitFor({ state: "detached" });

  const chooser = page.waitForEvent("filechooser");
  await welcome.getByRole("button", { name: /Import data…/ }).click();
  assert.ok(await chooser, "Import data… asks for a file");

  await welcome.getByRole("button", { name: /Open project…/ }).click();
  const open = page.getByRole("dialog", { name: "Open project" });
  await open.waitFor();
  await page.keyboard.press("Escape");
  await open.waitFor({ state: "detached" });
});

test("a recent project is listed and opens with one click; the first screen then gives way to the data", async () => {
  const { page } = session;
  const recent = page.getByRole("region", { name: "Recent projects" });
  const item = recent.getByRole("button", { name: "sleep study.mixwell" });
  assert.equal(await item.getAttribute("title"), project);
  await item.click();
  await page.getByRole("region", { name: "Data" }).getByText("180 rows").waitFor();
  assert.equal(await page.getByRole("region", { name: "Start an analysis" }).count(), 0);
});
