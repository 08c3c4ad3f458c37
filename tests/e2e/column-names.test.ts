/**
 * Real column names under a real model (issue 15), as a person works: import sleepstudy with the
 * headers a survey tool writes (`Subject ID`, `Days of sleep deprivation`, `Reaction time (ms)`),
 * build `(Days | Subject)` by clicking, fit and read lme4's estimates (tests/fixtures/reference
 * sleepstudy-slopes); refuse bad names at the field; rename the outcome to RT and see the model's
 * formula and builder follow, undo and see them go back.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { root } from "./harness";
import { useAppSession } from "./session";
import { fixedEffectsRows, importFile } from "./model-steps";
import { gridCell } from "./grid";

const reference = JSON.parse(readFileSync(join(root, "tests/fixtures/reference/cases/sleepstudy-slopes.json"), "utf8")) as {
  fixef: { term: string; estimate: number; se: number }[];
};
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

test("renaming the outcome to RT renames it in the model; undo brings the old name back in both", async () => {
  const data = page.getByRole("region", { name: "Data" });
  const panel = data.getByRole("region", { name: "Column Reaction time (ms)" });
  const name = panel.getByRole("textbox", { name: "Name" });
  await name.fill("RT");
  await name.press("Enter");
  await data.getByRole("region", { name: "Column RT" }).waitFor();
  const formula = model.getByRole("textbox", { name: "Formula" });
  assert.equal(await formula.inputValue(), "RT ~ `Days of sleep deprivation` + (`Days of sleep deprivation` | `Subject ID`)");
  await model.getByRole("button", { name: "Remove outcome RT" }).waitFor();
  assert.equal(await model.getByRole("alert", { name: "Formula error" }).count(), 0);

  await (await gridCell(data.getByRole("grid"), 1, "Subject ID")).click();
  await page.keyboard.press("Control+z");
  await data.getByRole("grid").getByRole("columnheader", { name: /Reaction time \(ms\)/ }).waitFor();
  assert.equal(await formula.inputValue(), BUILT);
  await model.getByRole("button", { name: "Remove outcome Reaction time (ms)" }).waitFor();

  // Fitting after the rename and its undo gives the same numbers (a rename changes no data).
  await model.getByRole("button", { name: "Fit model" }).click();
  await model.getByRole("list", { name: "Models" }).getByText("fitted", { exact: true }).waitFor();
  const shown = await fixedEffectsRows(results.getByRole("table", { name: "Fixed effects" }));
  assert.ok(Math.abs(shown[1].estimateFull - reference.fixef[1].estimate) <= 1e-3 * reference.fixef[1].se);
});

test("deleting a column the model uses asks first, naming the model; afterwards the model says which column it lost; undo restores", async () => {
  const data = page.getByRole("region", { name: "Data" });
  await (await gridCell(data.getByRole("grid"), 0, "Subject ID")).click();
  const panel = data.getByRole("region", { name: "Column Subject ID" });
  await panel.getByRole("button", { name: "Delete column" }).click();
  const ask = panel.getByRole("alertdialog", { name: "Delete column Subject ID?" });
  assert.match(await ask.innerText(), /'Subject ID' is used by the model 'Model 1'/);
  mkdirSync(join(root, "test-results/column-names"), { recursive: true });
  await page.screenshot({ path: join(root, "test-results/column-names/delete-asks.png") });
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
});
