/**
 * The data workspace as a person uses it: import a European CSV (semicolons, decimal commas, -99
 * for missing) through the preview, make a column categorical, edit and undo, paste a block
 * copied from a spreadsheet, sort and move columns, and read the grid back. Cells are found by
 * their column's header (tests/e2e/grid.ts).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { openBrowser, startApp, type OpenBrowser, type RunningApp } from "./harness";
import { columnHeader, gridCell, sortOf } from "./grid";

let app: RunningApp;
let browser: OpenBrowser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), "mixwell-data-"));
const csv = join(dir, "reaction.csv");
writeFileSync(csv, "subject;rt;trial\ns1;1,5;1\ns2;-99;2\ns3;2,25;1\ns4;3,75;2\n");

before(async () => {
  app = await startApp();
  browser = await openBrowser(app.url);
  page = browser.page;
  page.setDefaultTimeout(20_000);
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

const data = () => page.getByRole("region", { name: "Data" });
const status = () => page.getByRole("status", { name: "Status" });

/** The grid's rows in display order, each as the texts of its cells. */
async function readGrid(): Promise<string[][]> {
  return data().getByRole("grid").evaluate((container) => {
    const rows = [...container.querySelectorAll<HTMLElement>('[role="row"][row-index]')];
    rows.sort((a, b) => Number(a.getAttribute("row-index")) - Number(b.getAttribute("row-index")));
    return rows.map((row) => {
      const cells = [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')];
      cells.sort((a, b) => Number(a.getAttribute("aria-colindex")) - Number(b.getAttribute("aria-colindex")));
      return cells.map((c) => c.innerText.trim());
    });
  });
}

/** The grid's column headers in display order. */
async function headerNames(): Promise<string[]> {
  return data().getByRole("grid").evaluate((container) => {
    const headers = [...container.querySelectorAll<HTMLElement>('[role="columnheader"][aria-colindex]')];
    headers.sort((a, b) => Number(a.getAttribute("aria-colindex")) - Number(b.getAttribute("aria-colindex")));
    return headers.map((h) => h.querySelector<HTMLElement>(".ag-header-cell-text")?.innerText.trim() ?? "");
  });
}

/** Wait (up to 10 s) until `read` gives `expected`; fail with the last difference. */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const got = await read();
    try {
      assert.deepEqual(got, expected);
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await page.waitForTimeout(50);
  }
}

/** The cell in display row `row` of the column headed `column`. */
function cell(row: number, column: string): Promise<Locator> {
  return gridCell(data().getByRole("grid"), row, column);
}

/** A file dropped on the window, as from the desktop. */
async function dropFile(name: string, text: string): Promise<void> {
  await page.evaluate(([fileName, content]) => {
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(new File([content], fileName, { type: "text/csv" }));
    document.body.dispatchEvent(new DragEvent("drop", { dataTransfer, bubbles: true, cancelable: true }));
  }, [name, text] as const);
}

async function columnTypes(): Promise<string[]> {
  return data().getByRole("list", { name: "Column types" }).getByRole("listitem").allInnerTexts();
}

test("a block pasted before any data is loaded opens the import preview as a new table", async () => {
  await data().getByRole("columnheader").first().evaluate((target) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData("text/plain", "x\ty\r\n1\t2\r\n");
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  });
  const dialog = page.getByRole("dialog", { name: "Import data" });
  assert.equal(await dialog.getByLabel("Delimiter").inputValue(), "\t");
  await dialog.getByRole("columnheader", { name: /^y/ }).waitFor();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
});

test("import preview: semicolons and decimal commas detected, -99 set as missing, then loaded", async () => {
  await page.getByRole("menuitem", { name: "File" }).click();
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Import data…" }).click();
  await (await chooser).setFiles(csv);
  const dialog = page.getByRole("dialog", { name: "Import data" });
  assert.equal(await dialog.getByLabel("Delimiter").inputValue(), ";");
  assert.equal(await dialog.getByLabel("Decimal mark").inputValue(), ",");
  assert.equal(await dialog.getByLabel("Type of rt").inputValue(), "number");
  const preview = dialog.getByRole("table", { name: "Preview of the first rows" });
  await preview.getByRole("cell", { name: "-99" }).waitFor();
  await dialog.getByLabel("Missing-value codes").fill("NA, -99");
  await dialog.getByLabel("Missing-value codes").press("Tab");
  await preview.getByRole("cell", { name: "-99" }).waitFor({ state: "detached" });
  await dialog.getByRole("button", { name: "Import" }).click();
  await dialog.waitFor({ state: "detached" });
  await data().getByText("4 rows").waitFor();
  assert.deepEqual(await readGrid(), [
    ["s1", "1.5", "1"],
    ["s2", "NA", "2"],
    ["s3", "2.25", "1"],
    ["s4", "3.75", "2"],
  ]);
});

test("a number column becomes categorical; its type and levels show, and undo restores it", async () => {
  await (await cell(0, "trial")).click();
  const panel = data().getByRole("region", { name: "Column trial" });
  await panel.getByLabel("Type of trial").selectOption("categorical");
  await data().getByText("trial: categorical, 2 levels").waitFor();
  const levels = panel.getByRole("list", { name: /Levels/ });
  const firstWords = async () => (await levels.getByRole("listitem").allInnerTexts()).map((t) => t.trim().split(/\s/)[0]);
  assert.deepEqual(await firstWords(), ["1", "2"]);
  await panel.getByRole("button", { name: "Make 2 the baseline" }).click();
  await levels.getByRole("button", { name: "Make 1 the baseline" }).waitFor();
  assert.deepEqual(await firstWords(), ["2", "1"]);
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+z");
  await data().getByText("trial: number").waitFor();
});

test("edit a cell (decimal comma typed), undo with Ctrl+Z, redo from the Edit menu", async () => {
  await (await cell(1, "rt")).dblclick();
  await page.keyboard.type("4,5");
  await page.keyboard.press("Enter");
  await (await cell(1, "rt")).getByText("4.5").waitFor();
  await (await cell(2, "subject")).click();
  await page.keyboard.press("Control+z");
  await (await cell(1, "rt")).getByText("NA").waitFor();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  await page.getByRole("menu", { name: "Edit" }).getByRole("menuitem", { name: "Redo" }).click();
  await (await cell(1, "rt")).getByText("4.5").waitFor();
  assert.match(await status().innerText(), /Redid: Edit cell/);
});

test("text typed into a number column is highlighted and listed, not made missing", async () => {
  await (await cell(3, "rt")).dblclick();
  await page.keyboard.type("n/a");
  await page.keyboard.press("Enter");
  const problems = data().getByRole("region", { name: "Cells that are not numbers" });
  await problems.getByRole("button", { name: "rt, row 4: 'n/a'" }).waitFor();
  assert.match((await (await cell(3, "rt")).getAttribute("class")) ?? "", /cell-invalid/);
  await page.keyboard.press("Control+z");
  await problems.waitFor({ state: "detached" });
});

test("paste a tab-separated block from a spreadsheet: cells change and rows are added", async () => {
  await (await cell(2, "subject")).click();
  await data().locator(".ag-cell-focus").evaluate((target) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData("text/plain", "s7\t7,25\t3\r\ns8\t8\t4\r\ns9\tNA\t5\r\n");
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  });
  await data().getByText("5 rows").waitFor();
  assert.deepEqual(await readGrid(), [
    ["s1", "1.5", "1"],
    ["s2", "4.5", "2"],
    ["s7", "7.25", "3"],
    ["s8", "8", "4"],
    ["s9", "NA", "5"],
  ]);
  assert.match(await status().innerText(), /Pasted 3 × 3 cells\. 1 rows added/);
  await page.keyboard.press("Control+z");
  await data().getByText("4 rows").waitFor();
  assert.deepEqual((await readGrid()).map((r) => r[0]), ["s1", "s2", "s3", "s4"]);
});

test("sorting the grid changes the view only; copy gives the selected block as tab-separated text", async () => {
  await data().getByRole("columnheader", { name: "rt" }).getByText("rt").click();
  await data().getByRole("columnheader", { name: "rt" }).getByText("rt").click();
  await (await cell(0, "subject")).click();
  await (await cell(1, "rt")).click({ modifiers: ["Shift"] });
  const copied = await data().locator(".ag-cell-focus").evaluate((target) => {
    const clipboardData = new DataTransfer();
    target.dispatchEvent(new ClipboardEvent("copy", { clipboardData, bubbles: true, cancelable: true }));
    return clipboardData.getData("text/plain");
  });
  // Descending by rt: s2 (4.5) then s4 (3.75), although s2 is stored before s3 and s4.
  assert.equal(copied, "s2\t4.5\ns4\t3.75\n");
  // Describe reads the back end's table: the edits reached it, in stored order.
  await data().getByRole("button", { name: "Describe columns" }).click();
  const results = page.getByRole("region", { name: "Results" });
  const row = results.getByRole("row", { name: /^rt/ });
  await row.waitFor();
  const cells = await row.getByRole("cell").allInnerTexts();
  assert.deepEqual(cells.slice(0, 3), ["number", "4", "0"]);
  // A third click on the header removes the sort: stored order again.
  await data().getByRole("columnheader", { name: "rt" }).getByText("rt").click();
  assert.deepEqual((await readGrid()).map((r) => r[0]), ["s1", "s2", "s3", "s4"]);
});

test("rows inserted and deleted from the toolbar; a computed column from an expression", async () => {
  await (await cell(1, "subject")).click();
  await data().getByRole("button", { name: "Insert row" }).click();
  await data().getByText("5 rows").waitFor();
  assert.deepEqual((await readGrid())[1], ["NA", "NA", "NA"]);
  await data().getByRole("button", { name: "Delete rows" }).click();
  await data().getByText("4 rows").waitFor();
  await data().getByRole("button", { name: "Computed column…" }).click();
  const form = data().getByRole("form", { name: "Computed column" });
  await form.getByLabel("New column").fill("rt_c");
  await form.getByLabel("Expression").fill("rt - mean(rt)");
  await form.getByRole("button", { name: "Add column" }).click();
  await data().getByText("rt_c: number").waitFor();
  // mean(1.5, 4.5, 2.25, 3.75) = 3
  assert.deepEqual((await readGrid()).map((r) => r[3]), ["-1.5", "1.5", "-0.75", "0.75"]);
  await page.keyboard.press("Control+z");
  await data().getByText("rt_c: number").waitFor({ state: "detached" });
});

test("a sort and a width stay on their column when columns are moved, inserted, deleted, and the moves undone", async () => {
  const grid = data().getByRole("grid");
  const width = async (name: string) => (await columnHeader(grid, name).boundingBox())!.width;
  // Widen rt by dragging its header's right edge.
  const before = await width("rt");
  const edge = (await columnHeader(grid, "rt").locator(".ag-header-cell-resize").boundingBox())!;
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2 + 150, edge.y + edge.height / 2, { steps: 6 });
  await page.mouse.up();
  const wide = await width("rt");
  assert.ok(wide > before + 100, `rt widened from ${before} to ${wide}`);
  await columnHeader(grid, "rt").getByText("rt").click();
  assert.equal(await sortOf(grid, "rt"), "ascending");
  const byRt = [
    ["s1", "1.5", "1"],
    ["s3", "2.25", "1"],
    ["s4", "3.75", "2"],
    ["s2", "4.5", "2"],
  ];
  assert.deepEqual(await readGrid(), byRt);
  /** The grid as [subject, rt, trial] rows, wherever those columns are now. */
  const named = async () => {
    const names = await headerNames();
    const rows = await readGrid();
    return rows.map((r) => ["subject", "rt", "trial"].map((n) => r[names.indexOf(n)]!));
  };
  const sortedOnRt = async () => {
    const now = await width("rt");
    assert.ok(Math.abs(now - wide) < 2, `rt keeps its width (${wide}), not ${now}`);
    assert.ok((await width("subject")) < wide - 50, "subject does not take rt's width");
    assert.equal(await sortOf(grid, "rt"), "ascending");
    for (const other of ["subject", "trial"]) assert.equal(await sortOf(grid, other), "none", other);
    assert.deepEqual(await named(), byRt);
  };

  // Move rt to the front with its column panel: the panel, the sort and the order go with it.
  await (await cell(0, "rt")).click();
  await data().getByRole("region", { name: "Column rt" }).getByRole("button", { name: "Move left" }).click();
  await eventually(headerNames, ["rt", "subject", "trial"]);
  await data().getByRole("region", { name: "Column rt" }).waitFor();
  await sortedOnRt();

  // A new column inserted before it (added, then moved to the front).
  await data().getByRole("button", { name: "Add column" }).click();
  const added = data().getByRole("region", { name: "Column V4" });
  for (let k = 0; k < 3; k++) await added.getByRole("button", { name: "Move left" }).click();
  await eventually(headerNames, ["V4", "rt", "subject", "trial"]);
  assert.equal(await sortOf(grid, "V4"), "none");
  await sortedOnRt();

  // Deleted again; then undo every step: the sort never leaves rt.
  await added.getByRole("button", { name: "Delete column" }).click();
  await eventually(headerNames, ["rt", "subject", "trial"]);
  await sortedOnRt();
  await page.keyboard.press("Control+z");
  await eventually(headerNames, ["V4", "rt", "subject", "trial"]);
  await sortedOnRt();
  for (let k = 0; k < 5; k++) await data().getByRole("button", { name: "Undo" }).click();
  await eventually(headerNames, ["subject", "rt", "trial"]);
  await sortedOnRt();

  // Back to stored order for the tests after this one.
  await columnHeader(grid, "rt").getByText("rt").click();
  await columnHeader(grid, "rt").getByText("rt").click();
  assert.equal(await sortOf(grid, "rt"), "none");
  assert.deepEqual((await readGrid()).map((r) => r[0]), ["s1", "s2", "s3", "s4"]);
});

test("File → Export data… downloads the edited table as CSV", async () => {
  await page.getByRole("menuitem", { name: "File" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Export data…" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  assert.equal(readFileSync(file, "utf8"), "subject,rt,trial\ns1,1.5,1\ns2,4.5,2\ns3,2.25,1\ns4,3.75,2\n");
});

test("File → Open sample… with data open asks first; Replace opens cake with replicate as categorical and its suggested model", async () => {
  await page.getByRole("menuitem", { name: "File" }).click();
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Open sample…" }).click();
  const dialog = page.getByRole("dialog", { name: "Open sample data" });
  await dialog.getByRole("button", { name: "Breakage angle of chocolate cakes" }).click();
  // Data is open: the same question as an import, and Cancel leaves the table as it was.
  const question = page.getByRole("dialog", { name: "Data is already open" });
  await question.getByRole("heading", { name: "Import the sample cake.csv" }).waitFor();
  await question.getByRole("button", { name: "Cancel" }).click();
  await question.waitFor({ state: "detached" });
  assert.equal(await data().getByText("270 rows").count(), 0, "the open table stays after Cancel");
  await page.getByRole("menuitem", { name: "File" }).click();
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Open sample…" }).click();
  await dialog.getByRole("button", { name: "Breakage angle of chocolate cakes" }).click();
  await question.getByRole("button", { name: "Replace the data in this project" }).click();
  await data().getByText("270 rows").waitFor();
  assert.ok((await columnTypes()).includes("replicate: categorical, 15 levels"));
  assert.match(await status().innerText(), /angle ~ recipe \* temperature \+ \(1 \| recipe:replicate\)/);
  // The replace is one undo step (the cake table's own history starts empty).
  assert.equal(await data().getByRole("button", { name: "Undo" }).getAttribute("title"), "Undo Replace data with cake.csv");
  // The Model region offers the sample's model while the model is empty; one click fills it in.
  const modelRegion = page.getByRole("region", { name: "Model" });
  const suggested = modelRegion.getByRole("region", { name: "Suggested model for cake.csv" });
  await suggested.getByRole("button", { name: "Use suggested model" }).click();
  assert.equal(await modelRegion.getByRole("textbox", { name: "Formula" }).inputValue(), "angle ~ recipe * temperature + (1 | recipe:replicate)");
  await suggested.waitFor({ state: "detached" });
});

test("a file dropped on the window opens the import preview; Cancel keeps the current table", async () => {
  await dropFile("dropped.csv", "a,b\n1,2\n");
  const dialog = page.getByRole("dialog", { name: "Import data" });
  await dialog.getByRole("heading", { name: "Import dropped.csv" }).waitFor();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
  await data().getByText("270 rows").waitFor();
});

test("a file with a repeated column name and a ragged row shows its preview and the problem, not a blank window", async () => {
  await dropFile("ragged.csv", "a,a,b\n1,2,3\n4,5,6,7\n");
  const dialog = page.getByRole("dialog", { name: "Import data" });
  await dialog.getByRole("heading", { name: "Import ragged.csv" }).waitFor();
  assert.match(await dialog.getByRole("alert").innerText(), /Row 3 of the file has 4 values, but the header has 3 columns/);
  assert.equal(await dialog.getByRole("columnheader", { name: /^a\b/ }).count(), 2);
  assert.ok(await dialog.getByRole("button", { name: "Import" }).isDisabled());
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
  await data().getByText("270 rows").waitFor();
});
