/**
 * Importing while data is open asks first (issue 15): replace the data in this project (the model
 * stays, out of date, and names the column the new data lacks; Ctrl+Z brings the old data back
 * with the model as it was) or open the file as a new project (a fresh project's model list).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { root } from "./harness";
import { useAppSession } from "./session";
import { importAndAsk, importFile } from "./model-steps";

let page: Page;
let model: Locator;
let results: Locator;

useAppSession(30_000, (s) => ({ page, model, results } = s));

const sleepstudy = join(root, "tests/fixtures/reference/data/sleepstudy.csv");
const politeness = join(root, "tests/fixtures/reference/data/politeness.csv");

test("importing over open data asks; Replace keeps the model out of date and Ctrl+Z undoes it; Open as new starts afresh", async () => {
  const data = page.getByRole("region", { name: "Data" });
  const modelList = model.getByRole("list", { name: "Models" });
  await importFile(page, sleepstudy);
  await data.getByText("180 rows").waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill("Reaction ~ Days + (Days | Subject)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /Days/ }).waitFor({ timeout: 120_000 });
  await modelList.getByText("fitted", { exact: true }).waitFor();

  // The question: a named dialog with focus inside it, two choices and Cancel.
  await page.setViewportSize({ width: 1024, height: 700 });
  let question = await importAndAsk(page, politeness);
  assert.equal(await question.evaluate((box) => box.contains(document.activeElement)), true, "focus is in the dialog");
  for (const name of ["Replace the data in this project", "Open as a new project", "Cancel"]) await question.getByRole("button", { name }).waitFor();
  const shots = mkdtempSync(join(tmpdir(), "mixwell-import-asks-"));
  await page.screenshot({ path: join(shots, "import-question-1024.png") });
  console.log(`screenshot: ${join(shots, "import-question-1024.png")}`);

  // Replace: the new table shows, the model stays but is out of date and names the missing column.
  await question.getByRole("button", { name: "Replace the data in this project" }).click();
  await question.waitFor({ state: "detached" });
  await data.getByText("84 rows").waitFor();
  await modelList.getByText("out of date").waitFor();
  await model.getByText("There is no column 'Reaction'").first().waitFor();

  // Ctrl+Z brings sleepstudy back, with the model fitted on it current again.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("Control+z");
  await data.getByText("180 rows").waitFor();
  await modelList.getByText("fitted", { exact: true }).waitFor();
  assert.equal(await modelList.getByText("out of date").count(), 0);
  assert.equal(await model.getByText("There is no column 'Reaction'").count(), 0);

  // Open as a new project: after the unsaved-changes question, a fresh project holds the new data.
  question = await importAndAsk(page, politeness);
  await question.getByRole("button", { name: "Open as a new project" }).click();
  const unsaved = page.getByRole("dialog", { name: "Unsaved changes" });
  await unsaved.getByRole("button", { name: "Don't save" }).click();
  await data.getByText("84 rows").waitFor();
  await modelList.getByText("not fitted").waitFor();
  assert.equal(await modelList.getByRole("listitem").count(), 1);
  assert.equal(await model.getByRole("textbox", { name: "Formula" }).inputValue(), "");
});
