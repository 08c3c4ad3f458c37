/**
 * The export dialog's choice of models for the PDF report (issue 15, "a report never mixes data
 * sets"), as a person uses it (browser mode, chromium, one app launch): fit two models, untick one,
 * and the PDF has only the other; edit the data, and both fits are out of date, unticked and say
 * so; tick one and the report refits it on the edited data instead of printing its old numbers.
 * Screenshots of the dialog at 1024x700 go to test-results/export-models/.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import type { Locator, Page } from "playwright-core";
import { PDFParse } from "pdf-parse";
import { root } from "./harness";
import { gridCell } from "./grid";
import { useAppSession } from "./session";
import { fixedEffectsRows, openSample } from "./model-steps";

let page: Page;
let model: Locator;
let results: Locator;
useAppSession(30_000, (s) => ({ page, model, results } = s));

const dir = mkdtempSync(join(tmpdir(), "mixwell-e2e-export-models-"));
const shots = join(root, "test-results/export-models");
mkdirSync(shots, { recursive: true });
after(() => rmSync(dir, { recursive: true, force: true }));

async function openExport(): Promise<Locator> {
  await page.getByRole("menuitem", { name: "File" }).click();
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Export…", exact: true }).click();
  return page.getByRole("dialog", { name: "Export results" });
}

async function downloadReport(dialog: Locator, name: string): Promise<string> {
  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download PDF report" }).click();
  const file = join(dir, name);
  const done = await download;
  await done.saveAs(file);
  // The project is not saved: the report is named after its data file, not "Untitled".
  assert.equal(done.suggestedFilename(), "politeness.pdf");
  // Minus signs as ASCII hyphens, to compare with numbers.
  const text = (await new PDFParse({ data: new Uint8Array(readFileSync(file)) }).getText()).text.replace(/\u2212/g, "-");
  assert.match(text, /Mixwell report: politeness/);
  return text;
}

/** The estimate as the PDF prints it (two decimals, ASCII minus). */
const printed = (x: number): string => x.toFixed(2);

test("untick a model in the export dialog: the PDF has only the other; out-of-date fits are unticked, and a ticked one is refitted", async () => {
  await openSample(page, "Politeness and voice pitch");
  await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();
  const formula = model.getByRole("textbox", { name: "Formula" });
  await formula.fill("frequency ~ attitude + (1 | subject)");
  await model.getByRole("button", { name: "Fit model" }).click();
  const fixed = results.getByRole("table", { name: "Fixed effects" });
  await fixed.getByRole("row", { name: /attitude: pol vs\. inf/ }).waitFor();
  const before = (await fixedEffectsRows(fixed)).find((r) => r.term === "attitudepol")!;

  await model.getByRole("button", { name: "Duplicate Model 1" }).click();
  await model.getByRole("button", { name: "Rename Model 1 copy" }).click();
  const rename = model.getByRole("textbox", { name: "New name for Model 1 copy" });
  await rename.fill("with gender");
  await rename.press("Enter");
  await formula.fill("frequency ~ attitude + gender + (1 | subject)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await fixed.getByRole("row", { name: /gender: M vs\. F/ }).waitFor();
  const gender = (await fixedEffectsRows(fixed)).find((r) => r.term === "genderM")!;

  // Both fits are current: both ticked; untick Model 1 and only 'with gender' is reported.
  await page.setViewportSize({ width: 1024, height: 700 });
  let dialog = await openExport();
  const first = dialog.getByRole("checkbox", { name: "Model 1" });
  const second = dialog.getByRole("checkbox", { name: "with gender" });
  assert.ok(await first.isChecked(), "a current fit is ticked by default");
  assert.ok(await second.isChecked());
  await first.uncheck();
  await page.screenshot({ path: join(shots, "current-fits.png") });
  let text = await downloadReport(dialog, "one-model.pdf");
  assert.match(text, /Model: with gender/);
  assert.ok(text.includes(printed(gender.estimate)), `the genderM estimate ${gender.estimate} is in the report`);
  assert.doesNotMatch(text, /Model: Model 1/, "the unticked model is not in the report");
  assert.doesNotMatch(text, /frequency ~ attitude \+ \(1 \| subject\)/, "nor its formula (R code included)");
  // Nothing ticked: no report to write.
  await second.uncheck();
  assert.ok(await dialog.getByRole("button", { name: "Download PDF report" }).isDisabled());
  await dialog.getByText("Tick at least one model for the report.").waitFor();
  await dialog.getByRole("button", { name: "Close" }).click();

  // Edit the data: both fits are now out of date (this test fits by hand, no live refits).
  const grid = page.getByRole("region", { name: "Data" }).getByRole("grid");
  const cell = await gridCell(grid, 0, "frequency");
  await cell.dblclick();
  await page.keyboard.type("900");
  await page.keyboard.press("Enter");
  await cell.getByText("900").waitFor();

  dialog = await openExport();
  assert.equal(await dialog.getByRole("checkbox", { name: "Model 1" }).isChecked(), false, "an out-of-date fit is not ticked by default");
  assert.equal(await dialog.getByRole("checkbox", { name: "with gender" }).isChecked(), false);
  assert.equal(await dialog.getByText("out of date (fitted on other data) — will be refitted if ticked").count(), 2);
  await dialog.getByRole("checkbox", { name: "Model 1" }).check();
  await page.screenshot({ path: join(shots, "out-of-date.png") });
  text = await downloadReport(dialog, "refitted.pdf");
  assert.match(text, /Model: Model 1/);
  assert.doesNotMatch(text, /Left out:/, "the ticked out-of-date model is refitted, not left out");
  assert.doesNotMatch(text, /Model: with gender/);
  const row = /attitude: pol vs\. inf\s+(-?[0-9.]+)/.exec(text);
  assert.ok(row, "the refitted fixed effects are printed");
  assert.notEqual(row[1], printed(before.estimate), `the attitudepol estimate is that of the edited data, not the stale ${before.estimate}`);
  // The app's own refit on the edited data gives the number the report printed.
  await dialog.getByRole("button", { name: "Close" }).click();
  await model.getByRole("list", { name: "Models" }).getByText("Model 1", { exact: true }).click();
  await model.getByRole("button", { name: "Fit model" }).click();
  await page.waitForFunction(
    (old) => [...document.querySelectorAll("table")].some((t) => /attitude: pol vs\. inf/.test(t.textContent ?? "") && !(t.textContent ?? "").includes(old)),
    printed(before.estimate),
  );
  const after = (await fixedEffectsRows(fixed)).find((r) => r.term === "attitudepol")!;
  assert.equal(row[1], printed(after.estimate));
});
