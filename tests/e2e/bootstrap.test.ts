/**
 * Issue 19's parametric bootstrap in the UI (browser mode, chromium): on sleepstudy, Reaction ~ Days +
 * (Days | Subject): "Bootstrap intervals…" under the Random effects table with 200 refits and seed 7
 * gives the intervals table (the Days row within Monte Carlo error of lme4's confint(method = "boot"),
 * tests/fixtures/bootstrap/sleepstudy.json) and the sentence with refits and seed; a long run shows
 * "N of M refits" and Cancel stops it. On the Comparison tab, two models get the PB p-value.
 * Screenshots in test-results/bootstrap.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { useAppSession } from "./session";
import { importFile } from "./model-steps";

let page: Page;
let model: Locator;
let results: Locator;

useAppSession(60_000, (s) => ({ page, model, results } = s));

const root = join(import.meta.dirname, "../..");
const shots = join(root, "test-results/bootstrap");
const lme4 = JSON.parse(readFileSync(join(root, "tests/fixtures/bootstrap/sleepstudy.json"), "utf8")) as { rows: { name: string; lower: number; upper: number }[] };

test("Bootstrap intervals… runs the refits with progress and Cancel, then shows the intervals and what was done", async () => {
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await importFile(page, join(root, "tests/fixtures/reference/data/sleepstudy.csv"));
  await model.getByRole("textbox", { name: "Formula" }).fill("Reaction ~ Days + (Days | Subject)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Random effects" }).waitFor({ timeout: 60_000 });

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
  await page.screenshot({ path: join(shots, "progress-1440x900.png") });
  await results.getByRole("button", { name: "Cancel" }).click();
  await results.getByRole("button", { name: "Bootstrap intervals…" }).waitFor();

  await results.getByRole("button", { name: "Bootstrap intervals…" }).click();
  await refits.fill("200");
  await results.getByRole("spinbutton", { name: "Seed" }).fill("7");
  await results.getByRole("button", { name: "Run bootstrap" }).click();
  const table = results.getByRole("table", { name: "Parametric bootstrap intervals" });
  await table.waitFor({ timeout: 180_000 });
  assert.match(await results.getByText(/^Parametric bootstrap: 200 refits/).innerText(), /seed 7/);
  // 200 refits: a 2.5% quantile has a Monte Carlo SE of ≈ 0.19 bootstrap SDs ≈ 0.05 widths; 0.25 widths is 5 SEs.
  const days = lme4.rows.find((r) => r.name === "Days")!;
  const rowTexts = await table.getByRole("row").allInnerTexts();
  const row = rowTexts.find((t) => /^Days\s/.test(t));
  assert.ok(row, rowTexts.join(" | "));
  const [lower, upper] = (row.replace(/−/g, "-").match(/-?\d+\.\d+/g) ?? []).map(Number);
  const width = days.upper - days.lower;
  assert.ok(Math.abs(lower - days.lower) < 0.25 * width, `Days lower ${lower} (${row})`);
  assert.ok(Math.abs(upper - days.upper) < 0.25 * width, `Days upper ${upper} (${row})`);
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "intervals-1440x900.png") });
  await page.setViewportSize({ width: 1024, height: 700 });
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "intervals-1024x700.png") });
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
