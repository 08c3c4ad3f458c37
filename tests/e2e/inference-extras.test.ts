/**
 * Issue 19's inference in the UI (browser mode, chromium): on sleepstudy, Reaction ~ Days +
 * (Days | Subject) fitted by REML; "Test random effects" under the Random effects table gives
 * lmerTest's ranova row "Days in (Days | Subject)": LRT 42.837 on 2 df
 * (tests/fixtures/ranova/ranova.json, made by tests/fixtures/ranova/make.R).
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
