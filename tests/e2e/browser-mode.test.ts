import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { openBrowser, root, startApp, type OpenBrowser, type RunningApp } from "./harness";
import { replaceIfAsked } from "./model-steps";

const politeness = join(root, "tests/fixtures/reference/data/politeness.csv");
let app: RunningApp;
let browser: OpenBrowser;
let page: Page;
const timeout = 20_000;

before(async () => {
  app = await startApp();
  browser = await openBrowser(app.url);
  page = browser.page;
  page.setDefaultTimeout(timeout);
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

/** File → Import data…, then (unless the file is refused at once) Import in the preview dialog. */
async function importFile(path: string, confirm = true): Promise<void> {
  await page.getByRole("menuitem", { name: "File" }).click();
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Import data…" }).click();
  await (await chooser).setFiles(path);
  if (!confirm) return;
  const dialog = page.getByRole("dialog", { name: "Import data" });
  await dialog.getByRole("button", { name: "Import" }).click();
  await dialog.waitFor({ state: "detached" });
  await replaceIfAsked(page);
}

test("the window has a File menu, the Data, Model and Results regions, and a status bar", async () => {
  for (const name of ["Data", "Model", "Results"]) {
    await page.getByRole("region", { name }).waitFor();
  }
  await page.getByRole("menuitem", { name: "File" }).click();
  const menu = page.getByRole("menu", { name: "File" });
  const items = await menu.getByRole("menuitem").allInnerTexts();
  assert.deepEqual(
    items.map((t) => t.split("\n")[0]!.trim()),
    ["New", "Open…", "Save", "Save As…", "Import data…", "Open sample…", "Export data…", "Export…", "Quit"],
  );
  await page.keyboard.press("Escape");
  assert.equal(await menu.isHidden(), true);
  assert.match(await page.getByRole("status", { name: "Status" }).innerText(), /Ready/);
  // Before any import the Data region already shows the (empty) grid.
  await page.getByRole("region", { name: "Data" }).getByRole("grid").waitFor();
});

test("importing politeness.csv shows 84 rows, the column types and the data in the grid", async () => {
  await importFile(politeness);
  const data = page.getByRole("region", { name: "Data" });
  await data.getByText("84 rows").waitFor();
  const types = data.getByRole("list", { name: "Column types" });
  assert.deepEqual(await types.getByRole("listitem").allInnerTexts(), [
    "subject: categorical, 6 levels",
    "gender: categorical, 2 levels",
    "scenario: number",
    "attitude: categorical, 2 levels",
    "frequency: number",
  ]);
  await data.getByRole("columnheader", { name: "frequency" }).waitFor();
  await data.getByRole("gridcell", { name: "213.3" }).first().waitFor();
  assert.match(await page.getByRole("status", { name: "Status" }).innerText(), /Imported politeness\.csv: 84 rows, 5 columns/);
});

test("descriptives are computed and shown in the Results region", async () => {
  await page.getByRole("region", { name: "Data" }).getByRole("button", { name: "Describe columns" }).click();
  const table = page.getByRole("region", { name: "Results" }).getByRole("table", { name: /Column descriptives/ });
  const row = table.getByRole("row", { name: /^frequency/ });
  await row.waitFor();
  const cells = await row.getByRole("cell").allInnerTexts();
  // Type, n, Missing, Mean, SD, Min, Max — R: mean(frequency, na.rm = TRUE) = 193.5819
  assert.deepEqual(cells.slice(0, 7), ["number", "83", "1", "193.582", "65.5407", "82.2", "306.8"]);
  const gender = await table.getByRole("row", { name: /^gender/ }).getByRole("cell").allInnerTexts();
  assert.equal(gender.at(-1), "F (42), M (42)");
});

test("a bad file gives a readable error and keeps the loaded table", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-e2e-"));
  const cases: [string, string | Buffer, RegExp][] = [
    ["empty.csv", "", /Could not import 'empty\.csv': The file is empty/],
    ["picture.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2]), /not a text \(CSV\) file/],
  ];
  for (const [name, content, message] of cases) {
    const file = join(dir, name);
    writeFileSync(file, content);
    await importFile(file, false);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.innerText(), message);
    await alert.getByRole("button", { name: "Dismiss" }).click();
    await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();
  }
  // Rows that do not fit the header: the preview names the row and offers other options.
  const ragged = join(dir, "ragged.csv");
  writeFileSync(ragged, "a,b\n1,2\n3\n");
  await importFile(ragged, false);
  const dialog = page.getByRole("dialog", { name: "Import data" });
  assert.match(await dialog.getByRole("alert").innerText(), /Row 3 of the file has 1 value, but the header has 2 columns/);
  assert.equal(await dialog.getByRole("button", { name: "Import" }).isDisabled(), true);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();
});

test("a CSV over 8 MB: the preview comes from its start, the import reads every row", async () => {
  // The preview is made from the first 8 MB while the rest is sent; a level found only in the
  // last row, and the row count, show that the import read the whole file.
  const file = join(mkdtempSync(join(tmpdir(), "mixwell-e2e-")), "big.csv");
  const lines = ["id,x,z,g"];
  let size = 0;
  for (let i = 0; size < 9 * 1024 * 1024; i++) size += lines[lines.push(`${i},${(i * 0.37).toFixed(2)},${(i * 1.3).toFixed(1)},g${i % 7}`) - 1]!.length + 1;
  lines.push(`${lines.length - 1},1,2,last`);
  writeFileSync(file, lines.join("\n") + "\n");
  await importFile(file);
  const data = page.getByRole("region", { name: "Data" });
  await data.getByText(`${lines.length - 1} rows`).waitFor({ timeout: 180_000 });
  assert.ok((await data.getByRole("list", { name: "Column types" }).getByRole("listitem").allInnerTexts()).includes("g: categorical, 8 levels"));
});

test("File → Save As… opens the save dialog (browser mode: a path on this computer, or download)", async () => {
  await page.getByRole("menuitem", { name: "File" }).click();
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Save As…" }).click();
  const dialog = page.getByRole("dialog", { name: "Save project" });
  await dialog.getByRole("textbox", { name: "Save to" }).waitFor();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
});
