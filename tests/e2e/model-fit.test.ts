/**
 * Fitting as a person sees it (browser mode, chromium): open every plot of a fit and save one as
 * PNG; read the R code; cancel a long fit and find the app usable afterwards.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { root } from "./harness";
import { useAppSession } from "./session";
import { importFile, openSample, termRow } from "./model-steps";
import { gridCell } from "./grid";
import { writeLargeCsv } from "./large-data";

let page: Page;
let model: Locator;
let results: Locator;

useAppSession(30_000, (s) => ({ page, model, results } = s));

test("every plot of the politeness fit opens, with axes named after the variables, and saves as PNG", async () => {
  await openSample(page, "Politeness and voice pitch");
  await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill("frequency ~ attitude * gender + (1 | subject) + (1 | scenario)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /attitude × gender: \(pol vs\. inf\) × \(M vs\. F\)/ }).waitFor();

  await results.getByRole("tab", { name: "Plots" }).click();
  const plots = results.getByRole("toolbar", { name: "Plots" });
  const expected: [string, RegExp][] = [
    ["Residuals vs fitted", /Residuals vs fitted values of frequency/],
    ["Normal Q–Q", /Normal Q–Q plot of the residuals/],
    ["Caterpillar", /conditional modes of Intercept by (subject|scenario)/],
    ["Observed vs fitted", /Observed vs fitted frequency/],
    ["Effects", /predicted frequency over attitude/],
  ];
  for (const [button, name] of expected) {
    await plots.getByRole("button", { name: button }).click();
    const figure = results.getByRole("img", { name });
    await figure.waitFor();
    // The chart has drawn something: the canvas is not blank.
    const drawn = await figure.locator("canvas").evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    });
    assert.equal(drawn, true, `${button} drew nothing`);
  }
  await results.getByRole("combobox", { name: "Lines by" }).selectOption("gender");
  await results.getByRole("img", { name: /over attitude by gender/ }).waitFor();

  const download = page.waitForEvent("download");
  await results.getByRole("button", { name: "Save as PNG" }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), "effect-attitude-by-gender.png");
  const saved = readFileSync((await file.path())!);
  assert.deepEqual([...saved.subarray(1, 4)], [0x50, 0x4e, 0x47]);
});

test("the Code tab shows lme4 code that reads the CSV", async () => {
  await results.getByRole("tab", { name: "Code" }).click();
  const r = await results.getByRole("region", { name: "R code" }).innerText();
  assert.match(r, /read\.csv\("politeness\.csv"/);
  assert.match(r, /lmer\(frequency ~ attitude \* gender \+ \(1 \| subject\) \+ \(1 \| scenario\), data = d, REML = TRUE\)/);
  const py = await results.getByRole("region", { name: "Python code" }).innerText();
  assert.match(py, /vc_formula/);
});

test("editing the data marks the fit out of date; fitting again makes it current", async () => {
  const data = page.getByRole("region", { name: "Data" });
  // The first row of the frequency column holds 213.3.
  const cell = await gridCell(data.getByRole("grid"), 0, "frequency");
  await cell.dblclick();
  await page.keyboard.type("250");
  await page.keyboard.press("Enter");
  await cell.getByText("250").waitFor();
  await model.getByRole("list", { name: "Models" }).getByText("out of date").waitFor();
  await results.getByRole("tab", { name: "Summary" }).click();
  await results.getByText(/Out of date: the data or the model changed/).waitFor();
  await model.getByRole("button", { name: "Fit model" }).click();
  await model.getByRole("list", { name: "Models" }).getByText("fitted", { exact: true }).waitFor();
});

test("after a fit, descriptives open in their own tab, and the tabs switch freely", async () => {
  await page.getByRole("region", { name: "Data" }).getByRole("button", { name: "Describe columns" }).click();
  await results.getByRole("table", { name: /Column descriptives/ }).waitFor();
  await results.getByRole("tab", { name: "Summary" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).waitFor();
  await results.getByRole("tab", { name: "Descriptives" }).click();
  await results.getByRole("table", { name: /Column descriptives/ }).waitFor();
  assert.equal(await results.getByRole("tab", { name: "Descriptives" }).getAttribute("aria-selected"), "true");
});

test("a binomial model (cbpp): z tests, no ANOVA, estimates as glmer", async () => {
  const reference = JSON.parse(readFileSync(join(root, "tests/fixtures/reference/cases/cbpp-binomial.json"), "utf8")) as { fixef: { term: string; estimate: number }[] };
  await openSample(page, "Contagious bovine pleuropneumonia");
  await page.getByRole("region", { name: "Data" }).getByText(/56 rows/).waitFor();
  await model.getByRole("button", { name: "New model" }).click();
  await model.getByRole("textbox", { name: "Formula" }).fill("cbind(incidence, size - incidence) ~ period + (1 | herd)");
  await model.getByRole("combobox", { name: "Family" }).selectOption("binomial");
  assert.equal(await model.getByRole("combobox", { name: "Link" }).inputValue(), "logit");
  await model.getByRole("button", { name: "Fit model" }).click();
  const table = results.getByRole("table", { name: "Fixed effects" });
  await table.getByRole("row", { name: /period: 4 vs\. 1/ }).waitFor();
  assert.deepEqual((await table.getByRole("columnheader").allInnerTexts()).slice(0, 6), ["Term", "b", "SE", "z", "p", "95% CI"]);
  for (const ref of reference.fixef) {
    const full = await termRow(table, ref.term).getByRole("cell").first().getAttribute("title");
    assert.ok(Math.abs(Number(full) - ref.estimate) < 1e-3, `${ref.term}: ${full} vs ${ref.estimate}`);
  }
  assert.equal(await results.getByRole("table", { name: "ANOVA" }).count(), 0);
  await results.getByText("Binomial, logit link").waitFor();
});

test("a long fit can be cancelled, and the app stays usable", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-e2e-fit-"));
  await importFile(page, writeLargeCsv(dir));
  await page.getByRole("region", { name: "Data" }).getByText(/120,?000 rows/).waitFor({ timeout: 120_000 });
  await model.getByRole("button", { name: "New model" }).click();
  await model.getByRole("textbox", { name: "Formula" }).fill("y ~ x + z + (x + z | g) + (x | h)");
  await model.getByRole("button", { name: "Fit model" }).click();
  const progress = model.getByRole("status", { name: "Fit progress" });
  await progress.getByText(/Iteration \d+, deviance/).waitFor({ timeout: 60_000 });
  // The UI stays responsive while the worker fits: the tabs still switch.
  await results.getByRole("tab", { name: "Summary" }).click();
  await model.getByRole("button", { name: "Cancel" }).click();
  await model.getByText("The fit was cancelled.").waitFor();
  assert.equal(await model.getByRole("button", { name: "Cancel" }).count(), 0);
  // Usable afterwards: a smaller model fits.
  await model.getByRole("textbox", { name: "Formula" }).fill("y ~ x + (1 | g)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /^x/ }).waitFor({ timeout: 120_000 });
});
