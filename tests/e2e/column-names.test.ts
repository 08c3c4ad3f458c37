/**
 * Real column names under a real model (issue 15), as a person works: import sleepstudy with the
 * headers a survey tool writes (`Subject ID`, `Days of sleep deprivation`, `Reaction time (ms)`),
 * build `(Days | Subject)` by clicking, fit and read lme4's estimates (tests/fixtures/reference
 * sleepstudy-slopes); refuse bad names at the field; rename the outcome to RT and see the model's
 * formula, builder and results follow with the fit still current, save and find RT in the project
 * file, undo and see them go back; delete a column the model uses (asked first); import politeness
 * over it and choose Replace (the report then has no fit of sleepstudy), undo, and Open as a new
 * project. Screenshots in test-results/column-names.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { PDFParse } from "pdf-parse";
import { parseProject } from "../../app/project";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { root } from "./harness";
import { useAppSession } from "./session";
import { fixedEffectsRows, importAndAsk, importFile } from "./model-steps";
import { gridCell } from "./grid";

const reference = JSON.parse(readFileSync(join(root, "tests/fixtures/reference/cases/sleepstudy-slopes.json"), "utf8")) as {
  fixef: { term: string; estimate: number; se: number }[];
};
const shots = join(root, "test-results/column-names");
let page: Page;
let model: Locator;
let results: Locator;

useAppSession(30_000, (s) => ({ page, model, results } = s));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
async function pick(...names: string[]): Promise<void> {
  const variables = model.getByRole("list", { name: "Variables" });
  for (const name of names) await variables.getByRole("button", { name: new RegExp(`^${escape(name)}(\\s|$)`) }).click();
}

const BUILT = "`Reaction time (ms)` ~ `Days of sleep deprivation` + (`Days of sleep deprivation` | `Subject ID`)";

test("sleepstudy with spaces and parentheses in its headers: build (Days | Subject) by clicking, fit, read lme4's estimates", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-e2e-names-"));
  const [, ...rows] = readFileSync(join(root, "tests/fixtures/reference/data/sleepstudy.csv"), "utf8").trimEnd().split("\n");
  // sleepstudy.csv's columns are Reaction, Days, Subject.
  const file = join(dir, "sleep survey.csv");
  writeFileSync(file, ['"Reaction time (ms)","Days of sleep deprivation","Subject ID"', ...rows].join("\n") + "\n");
  await importFile(page, file);
  await page.getByRole("region", { name: "Data" }).getByText("180 rows").waitFor();

  await pick("Reaction time (ms)");
  await model.getByRole("group", { name: "Outcome" }).getByRole("button", { name: "Set as outcome" }).click();
  await pick("Days of sleep deprivation");
  await model.getByRole("group", { name: "Fixed effects" }).getByRole("button", { name: "Add to fixed effects" }).click();
  await pick("Subject ID");
  await model.getByRole("group", { name: "Random effects" }).getByRole("button", { name: "Add as grouping factor" }).click();
  await model.getByRole("checkbox", { name: "Random slope of Days of sleep deprivation by Subject ID" }).check();

  const formula = model.getByRole("textbox", { name: "Formula" });
  assert.equal(await formula.inputValue(), BUILT);
  await model.getByRole("listitem", { name: "Group Subject ID" }).waitFor();

  await model.getByRole("button", { name: "Fit model" }).click();
  const table = results.getByRole("table", { name: "Fixed effects" });
  await table.getByRole("row", { name: /Days of sleep deprivation/ }).waitFor();
  const shown = await fixedEffectsRows(table);
  assert.equal(shown.length, reference.fixef.length);
  for (const [i, ref] of reference.fixef.entries()) {
    assert.ok(Math.abs(shown[i].estimateFull - ref.estimate) <= 1e-3 * ref.se, `${shown[i].term}: ${shown[i].estimateFull} vs lme4 ${ref.estimate}`);
  }
});

test("bad names are refused at the name field with a message; the column keeps its name", async () => {
  const data = page.getByRole("region", { name: "Data" });
  await (await gridCell(data.getByRole("grid"), 0, "Reaction time (ms)")).click();
  const panel = data.getByRole("region", { name: "Column Reaction time (ms)" });
  const name = panel.getByRole("textbox", { name: "Name" });
  for (const [typed, message] of [
    ["", /A column needs a name/],
    ["   ", /only spaces/],
    ["Subject ID", /There is already a column called 'Subject ID' \(column 3\)/],
  ] as const) {
    await name.fill(typed);
    await name.press("Enter");
    assert.match(await panel.getByRole("alert").innerText(), message);
    assert.equal(await name.getAttribute("aria-invalid"), "true");
  }
  assert.equal(await model.getByRole("textbox", { name: "Formula" }).inputValue(), BUILT);
});

test("renaming the outcome to RT renames it in the model and its results, which stay current; the saved project has RT; undo goes back", async () => {
  const data = page.getByRole("region", { name: "Data" });
  const modelList = model.getByRole("list", { name: "Models" });
  const panel = data.getByRole("region", { name: "Column Reaction time (ms)" });
  const name = panel.getByRole("textbox", { name: "Name" });
  await name.fill("RT");
  await name.press("Enter");
  await data.getByRole("region", { name: "Column RT" }).waitFor();
  const formula = model.getByRole("textbox", { name: "Formula" });
  assert.equal(await formula.inputValue(), "RT ~ `Days of sleep deprivation` + (`Days of sleep deprivation` | `Subject ID`)");
  await model.getByRole("button", { name: "Remove outcome RT" }).waitFor();
  assert.equal(await model.getByRole("alert", { name: "Formula error" }).count(), 0);

  // A rename changes no data: the fit stays current (no Fit pressed; live results are off) and its results say RT.
  await modelList.getByText("fitted", { exact: true }).waitFor();
  assert.equal(await modelList.getByText("out of date").count(), 0);
  await results.getByLabel("Model information").getByText(/^RT ~ Days of sleep deprivation/).waitFor();
  const shown = await fixedEffectsRows(results.getByRole("table", { name: "Fixed effects" }));
  assert.ok(Math.abs(shown[1].estimateFull - reference.fixef[1].estimate) <= 1e-3 * reference.fixef[1].se, "the same fit's numbers");
  assert.match(await page.getByRole("status", { name: "Status" }).innerText(), /Renamed 'Reaction time \(ms\)' to 'RT', in the model 'Model 1' too/);
  mkdirSync(shots, { recursive: true });
  for (const [width, height] of [[1440, 900], [1024, 700]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(shots, `renamed-${width}x${height}.png`) });
  }

  // Saved: the project file has the new name in the data, the model and its current fit.
  await page.getByRole("menuitem", { name: "File" }).click();
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Save", exact: true }).click();
  const save = page.getByRole("dialog", { name: "Save project" });
  const path = join(mkdtempSync(join(tmpdir(), "mixwell-e2e-names-save-")), "sleep");
  await save.getByRole("textbox", { name: "Save to" }).fill(path);
  await save.getByRole("button", { name: "Save", exact: true }).click();
  await save.waitFor({ state: "detached" });
  await page.waitForFunction(() => document.title === "sleep.mixwell — Mixwell");
  const saved = parseProject(readFileSync(`${path}.mixwell`), "sleep.mixwell");
  assert.deepEqual(saved.data?.table.columns.map((c) => c.name), ["RT", "Days of sleep deprivation", "Subject ID"]);
  const [m] = saved.models;
  assert.equal(m.spec.formula, await formula.inputValue());
  assert.equal(m.result?.current, true, "saved as current");
  assert.equal(m.result?.fittedSpec.formula, m.spec.formula);
  assert.equal(m.result?.view.responseName, "RT");

  await (await gridCell(data.getByRole("grid"), 1, "Subject ID")).click();
  await page.keyboard.press("Control+z");
  await data.getByRole("grid").getByRole("columnheader", { name: /Reaction time \(ms\)/ }).waitFor();
  assert.equal(await formula.inputValue(), BUILT);
  await model.getByRole("button", { name: "Remove outcome Reaction time (ms)" }).waitFor();
  await results.getByLabel("Model information").getByText(/^Reaction time \(ms\) ~ /).waitFor();
  assert.equal(await modelList.getByText("out of date").count(), 0, "the undo keeps the fit current too");
});

test("deleting a column the model uses asks first, naming the model; afterwards the model says which column it lost; undo restores", async () => {
  const data = page.getByRole("region", { name: "Data" });
  await (await gridCell(data.getByRole("grid"), 0, "Subject ID")).click();
  const panel = data.getByRole("region", { name: "Column Subject ID" });
  await panel.getByRole("button", { name: "Delete column" }).click();
  const ask = panel.getByRole("alertdialog", { name: "Delete column Subject ID?" });
  assert.match(await ask.innerText(), /'Subject ID' is used by the model 'Model 1'/);
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, "delete-asks.png") });
  await ask.getByRole("button", { name: "Keep it" }).click();
  await ask.waitFor({ state: "detached" });
  await panel.getByRole("button", { name: "Delete column" }).click();
  await ask.getByRole("button", { name: "Delete 'Subject ID'" }).click();
  await data.getByRole("grid").getByRole("columnheader", { name: /Subject ID/ }).waitFor({ state: "detached" });
  const problem = model.getByRole("alert", { name: "Formula error" });
  assert.match(await problem.innerText(), /There is no column 'Subject ID'/);
  await page.keyboard.press("Control+z");
  await data.getByRole("grid").getByRole("columnheader", { name: /Subject ID/ }).waitFor();
  await problem.waitFor({ state: "detached" });
  // The column is back with the values the fit read: the fit is current again, without a refit.
  await model.getByRole("list", { name: "Models" }).getByText("fitted", { exact: true }).waitFor();
});

test("re-import politeness: Replace keeps the model out of date and the report has only the fit on politeness; undo; Open as a new project", async () => {
  const data = page.getByRole("region", { name: "Data" });
  const modelList = model.getByRole("list", { name: "Models" });
  const politeness = join(root, "tests/fixtures/reference/data/politeness.csv");
  let question = await importAndAsk(page, politeness);
  await question.getByRole("button", { name: "Replace the data in this project" }).click();
  await data.getByText("84 rows").waitFor();
  await modelList.getByText("out of date").waitFor();
  await model.getByText("There is no column 'Reaction time (ms)'").first().waitFor();

  // A second model, fitted on politeness.
  await model.getByRole("button", { name: "New model" }).click();
  await model.getByRole("textbox", { name: "Formula" }).fill("frequency ~ attitude + (1 | subject)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /attitude/ }).waitFor();

  // The report: the out-of-date sleepstudy fit is not ticked, and nothing of it is printed.
  await page.getByRole("menuitem", { name: "File" }).click();
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Export…", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Export results" });
  assert.equal(await dialog.getByRole("checkbox", { name: "Model 1" }).isChecked(), false);
  assert.equal(await dialog.getByRole("checkbox", { name: "Model 2" }).isChecked(), true);
  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download PDF report" }).click();
  const file = join(mkdtempSync(join(tmpdir(), "mixwell-e2e-names-report-")), "report.pdf");
  await (await download).saveAs(file);
  const text = (await new PDFParse({ data: new Uint8Array(readFileSync(file)) }).getText()).text;
  assert.match(text, /Model: Model 2/);
  assert.doesNotMatch(text, /Model: Model 1/);
  assert.doesNotMatch(text, /Reaction time|Days of sleep deprivation|Subject ID/, "no name of the other data set");
  assert.doesNotMatch(text, /251\.4|10\.47/, "no estimate of the sleepstudy fit");
  await dialog.getByRole("button", { name: "Close" }).click();

  // Undo the replace: sleepstudy is back and Model 1's fit is current on it again.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("Control+z");
  await data.getByText("180 rows").waitFor();
  await modelList.getByRole("listitem").filter({ hasText: "Model 1" }).getByText("fitted", { exact: true }).waitFor();

  // Open as a new project: the unsaved-changes question, then a fresh project on politeness.
  question = await importAndAsk(page, politeness);
  await question.getByRole("button", { name: "Open as a new project" }).click();
  await page.getByRole("dialog", { name: "Unsaved changes" }).getByRole("button", { name: "Don't save" }).click();
  await data.getByText("84 rows").waitFor();
  assert.equal(await modelList.getByRole("listitem").count(), 1);
  await modelList.getByText("not fitted").waitFor();
});
