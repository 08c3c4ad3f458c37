/**
 * Issue 19's inference in the UI (browser mode, chromium): on sleepstudy, Reaction ~ Days +
 * (Days | Subject) fitted by REML; "Test random effects" under the Random effects table gives
 * lmerTest's ranova row "Days in (Days | Subject)": LRT 42.837 on 2 df
 * (tests/fixtures/ranova/ranova.json, made by tests/fixtures/ranova/make.R).
 * Then on tests/fixtures/johnson-neyman/jn-data.csv, y ~ x * m + (x | g): the Plots tab's
 * Johnson–Neyman plot and bounds (R: -2.1762 and 0.2837, tests/fixtures/johnson-neyman/jn.json).
 * Then standardized fixed effects (effectsize's refit), a table under the Fixed effects table.
 * Screenshots in test-results/inference-extras.
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
const shots = join(root, "test-results/inference-extras");
const ranovaCase = (JSON.parse(readFileSync(join(root, "tests/fixtures/ranova/ranova.json"), "utf8")) as { id: string; ranova: { term: string; LRT: number | null }[] }[]).find((c) => c.id === "sleepstudy-slope")!;

test("Test random effects shows lmerTest's ranova table under the Random effects table", async () => {
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await importFile(page, join(root, "tests/fixtures/reference/data/sleepstudy.csv"));
  await model.getByRole("textbox", { name: "Formula" }).fill("Reaction ~ Days + (Days | Subject)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Random effects" }).waitFor({ timeout: 60_000 });
  await results.getByRole("button", { name: "Test random effects" }).click();
  const table = results.getByRole("table", { name: "Random-effect tests" });
  await table.waitFor({ timeout: 60_000 });
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
  // Shown to four significant digits, so within 1e-3 of R.
  const read = async (name: string) => Number((await bounds.getByRole("row", { name }).getByRole("cell").last().innerText()).replace("−", "-"));
  assert.ok(Math.abs((await read("Lower bound")) - jn.satterthwaite.lower) < 1e-3, `lower ${await read("Lower bound")}`);
  assert.ok(Math.abs((await read("Upper bound")) - jn.satterthwaite.upper) < 1e-3);
  await results.getByRole("img", { name: /Johnson–Neyman plot: slope of x over m/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "jn-1440x900.png") });
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
