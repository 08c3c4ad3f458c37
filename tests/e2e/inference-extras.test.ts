/**
 * Issue 19's inference in the UI (browser mode, chromium): on sleepstudy, Reaction ~ Days +
 * (Days | Subject) fitted by REML; "Test random effects" under the Random effects table gives
 * lmerTest's ranova row "Days in (Days | Subject)": LRT 42.837 on 2 df
 * (tests/fixtures/ranova/ranova.json, made by tests/fixtures/ranova/make.R).
 * Then on tests/fixtures/johnson-neyman/jn-data.csv, y ~ x * m + (x | g): the Plots tab's
 * Johnson–Neyman plot and bounds (R: -2.1762 and 0.2837, tests/fixtures/johnson-neyman/jn.json).
 * Then standardized fixed effects (effectsize's refit), a table under the Fixed effects table.
 * Then the parametric bootstrap on sleepstudy again: "Bootstrap intervals…" refuses 5 refits, shows
 * "N of 100000 refits" and Cancel stops it; 200 refits with seed 7 give the intervals (Days within
 * Monte Carlo error of lme4's confint(method = "boot"), tests/fixtures/bootstrap/sleepstudy.json) and
 * the sentence; on the Comparison tab two models get the PB p-value (pbkrtest's PBmodcomp).
 * Screenshots in test-results/inference-extras.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { useAppSession } from "./session";
import { importFile } from "./model-steps";
import { focusedName } from "./a11y";

let page: Page;
let model: Locator;
let results: Locator;

useAppSession(60_000, (s) => ({ page, model, results } = s));

const root = join(import.meta.dirname, "../..");
const shots = join(root, "test-results/inference-extras");
const bootCase = JSON.parse(readFileSync(join(root, "tests/fixtures/bootstrap/sleepstudy.json"), "utf8")) as { rows: { name: string; lower: number; upper: number }[] };
const ranovaCase = (JSON.parse(readFileSync(join(root, "tests/fixtures/ranova/ranova.json"), "utf8")) as { id: string; ranova: { term: string; LRT: number | null }[] }[]).find((c) => c.id === "sleepstudy-slope")!;

/** Import sleepstudy and fit Reaction ~ Days + (Days | Subject), waiting for its random effects. */
async function fitSleepstudySlopes(): Promise<void> {
  await importFile(page, join(root, "tests/fixtures/reference/data/sleepstudy.csv"));
  await model.getByRole("textbox", { name: "Formula" }).fill("Reaction ~ Days + (Days | Subject)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Random effects" }).waitFor({ timeout: 60_000 });
}

test("Test random effects shows lmerTest's ranova table under the Random effects table", async () => {
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await fitSleepstudySlopes();
  // Two at once: the first to finish (stored with the model) must not cancel the other.
  await results.getByRole("button", { name: "Test random effects" }).click();
  await results.getByRole("button", { name: "Standardized fixed effects" }).click();
  const table = results.getByRole("table", { name: "Random-effect tests" });
  await table.waitFor({ timeout: 60_000 });
  await results.getByRole("table", { name: "Standardized fixed effects" }).waitFor({ timeout: 60_000 });
  const want = ranovaCase.ranova.find((r) => r.term === "Days in (Days | Subject)")!;
  const row = table.getByRole("row", { name: /Without Days in \(Days \| Subject\)/ });
  const text = (await row.innerText()).replace(/−/g, "-");
  assert.match(text, new RegExp(want.LRT!.toFixed(2).replace(".", "\\.")), text);
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "ranova-1440x900.png") });
});

test("The Plots tab shows the Johnson-Neyman plot and R's bounds for x by m", async () => {
  const jn = JSON.parse(readFileSync(join(root, "tests/fixtures/johnson-neyman/jn.json"), "utf8")) as { satterthwaite: { lower: number; upper: number } };
  await page.setViewportSize({ width: 1440, height: 900 });
  await importFile(page, join(root, "tests/fixtures/johnson-neyman/jn-data.csv"));
  await model.getByRole("textbox", { name: "Formula" }).fill("y ~ x * m + (x | g)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /x:m|x × m/ }).waitFor({ timeout: 60_000 });
  await results.getByRole("tab", { name: "Plots" }).click();
  await results.getByRole("combobox", { name: "Slope and moderator" }).selectOption({ label: "x, moderated by m" });
  await results.getByRole("button", { name: "Show Johnson–Neyman plot" }).click();
  const bounds = results.getByRole("table", { name: "Johnson–Neyman bounds" });
  await bounds.waitFor({ timeout: 60_000 });
  // Shown in the project's number style (APA: −2.18); the full value is on hover, checked within 1e-3 of R.
  const read = async (name: string) => {
    const cell = bounds.getByRole("row", { name }).getByRole("cell").last();
    return Number(((await cell.getAttribute("title")) ?? (await cell.innerText())).replace("−", "-"));
  };
  assert.match(await bounds.getByRole("row", { name: "Lower bound" }).getByRole("cell").last().innerText(), /^−\d+\.\d\d$/, "APA style, true minus sign");
  assert.ok(Math.abs((await read("Lower bound")) - jn.satterthwaite.lower) < 1e-3, `lower ${await read("Lower bound")}`);
  assert.ok(Math.abs((await read("Upper bound")) - jn.satterthwaite.upper) < 1e-3);
  // The sentence under the bounds says them as the table shows them (its number style), not to 4 decimals.
  const shown = (name: string) => bounds.getByRole("row", { name }).getByRole("cell").last().innerText();
  const note = await results.getByText(/The slope of x differs from 0/).innerText();
  assert.ok(note.includes(`below ${await shown("Lower bound")} or above ${await shown("Upper bound")};`), note);
  await results.getByRole("img", { name: /Johnson–Neyman plot: slope of x over m/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "jn-1440x900.png") });
  await results.getByRole("table", { name: "Simple slopes" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "jn-tables-1440x900.png") });
  // Standardized fixed effects, a table of their own under the Fixed effects table (effectsize
  // refit: x:m 0.2274 [0.1486, 0.3063], tests/fixtures/standardized/standardized.json); shown in the
  // project's number style, the full value on hover.
  const stdCase = (JSON.parse(readFileSync(join(root, "tests/fixtures/standardized/standardized.json"), "utf8")) as { id: string; fixef: { term: string; std_estimate: number }[] }[]).find((c) => c.id === "jn-interaction")!;
  await results.getByRole("tab", { name: "Summary" }).click();
  await results.getByRole("button", { name: "Standardized fixed effects" }).click();
  const std = results.getByRole("table", { name: "Standardized fixed effects" });
  await std.waitFor({ timeout: 60_000 });
  const full = Number(await std.getByRole("row", { name: /x:m|x × m/ }).getByRole("cell").first().getAttribute("title"));
  assert.ok(Math.abs(full - stdCase.fixef.find((f) => f.term === "x:m")!.std_estimate) < 1e-4, `x:m ${full}`);
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: join(shots, "jn-1024x700.png") });
});

test("Bootstrap intervals… runs the refits with progress and Cancel, then shows the intervals and what was done", async () => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await fitSleepstudySlopes();

  // A long run: progress in refits, then Cancel.
  await results.getByRole("button", { name: "Bootstrap intervals…" }).click();
  const refits = results.getByRole("spinbutton", { name: "Refits" });
  await refits.fill("5");
  await results.getByRole("alert").filter({ hasText: "Refits must be a whole number from 10" }).waitFor();
  assert.equal(await results.getByRole("button", { name: "Run bootstrap" }).isDisabled(), true);
  await refits.fill("100000");
  await results.getByRole("button", { name: "Run bootstrap" }).click();
  const status = results.getByRole("status", { name: "Bootstrap progress" });
  await status.filter({ hasText: /^\d+ of 100000 refits$/ }).waitFor({ timeout: 120_000 });
  await status.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "bootstrap-progress-1440x900.png") });
  await results.getByRole("button", { name: "Cancel" }).click();
  await results.getByRole("button", { name: "Bootstrap intervals…" }).waitFor();
  assert.equal(await focusedName(page), "Bootstrap intervals…", "Cancel hands the focus to the button that replaces it");

  await results.getByRole("button", { name: "Bootstrap intervals…" }).click();
  await refits.fill("200");
  await results.getByRole("spinbutton", { name: "Seed" }).fill("7");
  await results.getByRole("button", { name: "Run bootstrap" }).click();
  const table = results.getByRole("table", { name: "Parametric bootstrap intervals" });
  await table.waitFor({ timeout: 180_000 });
  assert.match(await results.getByText(/^Parametric bootstrap: 200 refits/).innerText(), /seed 7/);
  // 200 refits: a 2.5% quantile has a Monte Carlo SE of ≈ 0.19 bootstrap SDs ≈ 0.05 widths; 0.25 widths is 5 SEs.
  const days = bootCase.rows.find((r) => r.name === "Days")!;
  const rowTexts = await table.getByRole("row").allInnerTexts();
  const row = rowTexts.find((t) => /^Days\s/.test(t));
  assert.ok(row, rowTexts.join(" | "));
  const [lower, upper] = (row.replace(/−/g, "-").match(/-?\d+\.\d+/g) ?? []).map(Number);
  const width = days.upper - days.lower;
  assert.ok(Math.abs(lower - days.lower) < 0.25 * width, `Days lower ${lower} (${row})`);
  assert.ok(Math.abs(upper - days.upper) < 0.25 * width, `Days upper ${upper} (${row})`);
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "bootstrap-1440x900.png") });
  await page.setViewportSize({ width: 1024, height: 700 });
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "bootstrap-1024x700.png") });
});

test("the Comparison tab gives the parametric-bootstrap p-value of two models", async () => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await model.getByRole("button", { name: "Duplicate Model 1" }).click();
  await model.getByRole("textbox", { name: "Formula" }).fill("Reaction ~ 1 + (Days | Subject)");
  await results.getByRole("tab", { name: "Comparison" }).click();
  for (const box of await results.getByRole("checkbox").all()) await box.check();
  await results.getByRole("button", { name: "Compare" }).click();
  await results.getByRole("table", { name: "Model comparison" }).waitFor({ timeout: 60_000 });
  await results.getByRole("spinbutton", { name: "Simulations" }).fill("50");
  await results.getByRole("button", { name: "Parametric bootstrap p-value" }).click();
  const line = results.getByText(/χ² p = /);
  await line.waitFor({ timeout: 180_000 });
  // Days matters (LRT 23.5 on 1 df): none of 50 simulated LRTs under the null comes near it.
  assert.match(await line.innerText(), /PB p = .*LRT = 23\.5/);
  assert.match(await results.getByText(/^Parametric bootstrap test/).innerText(), /50 responses simulated/);
  assert.equal(await results.getByRole("spinbutton", { name: "Simulations" }).inputValue(), "50", "the form keeps the run's values");
  await page.screenshot({ path: join(shots, "pb-1440x900.png") });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: join(shots, "pb-1024x700.png") });
});
