/**
 * Offsets and poly() as a person uses them (browser mode, chromium): type a Poisson model with
 * offset(log(size)) on the cbpp sample, fit, read lme4's estimates (tests/fixtures/reference-extra/
 * cases/cbpp-poisson-offset.json) in the Fixed effects table, which has no row for the offset;
 * edit the model with the builder and find the offset still in the formula. Then poly(Days, 2)
 * on the sleep study, against sleepstudy-poly.json.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { root } from "./harness";
import { useAppSession } from "./session";
import { fixedEffectsRows, openSample } from "./model-steps";

const reference = (id: string) =>
  JSON.parse(readFileSync(join(root, `tests/fixtures/reference-extra/cases/${id}.json`), "utf8")) as { fixef: { term: string; estimate: number; se: number }[] };

let page: Page;
let model: Locator;
let results: Locator;

useAppSession(30_000, (s) => ({ page, model, results } = s));

test("a Poisson model with offset(log(size)): lme4's estimates, no offset row, and the offset survives builder edits", async () => {
  const ref = reference("cbpp-poisson-offset");
  await openSample(page, "Contagious bovine pleuropneumonia");
  await page.getByRole("region", { name: "Data" }).getByText(/56 rows/).waitFor();
  const formula = model.getByRole("textbox", { name: "Formula" });
  await formula.fill("incidence ~ period + offset(log(size)) + (1 | herd)");
  await model.getByRole("combobox", { name: "Family" }).selectOption("poisson");
  await model.getByRole("button", { name: "Fit model" }).click();
  const table = results.getByRole("table", { name: "Fixed effects" });
  await table.getByRole("row", { name: /period: 4 vs\. 1/ }).waitFor();
  const rows = await fixedEffectsRows(table);
  assert.deepEqual(rows.map((r) => r.term), ["(Intercept)", "period2", "period3", "period4"]);
  for (const [i, r] of ref.fixef.entries()) {
    assert.ok(Math.abs(rows[i].estimateFull - r.estimate) <= 1e-3 * r.se, `${r.term}: ${rows[i].estimateFull} vs ${r.estimate}`);
  }
  await model.getByRole("button", { name: "Remove fixed effect period" }).click();
  assert.equal(await formula.inputValue(), "incidence ~ 1 + offset(log(size)) + (1 | herd)");
});

test("poly(Days, 2) on the sleep study: R's term names and lme4's estimates", async () => {
  const ref = reference("sleepstudy-poly");
  await openSample(page, "Reaction times under sleep deprivation");
  await page.getByRole("region", { name: "Data" }).getByText(/180 rows/).waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill("Reaction ~ poly(Days, 2) + (1 | Subject)");
  await model.getByRole("combobox", { name: "Family" }).selectOption("gaussian");
  await model.getByRole("button", { name: "Fit model" }).click();
  const table = results.getByRole("table", { name: "Fixed effects" });
  await table.getByRole("row", { name: /Days \(quadratic\)/ }).waitFor();
  const rows = await fixedEffectsRows(table);
  assert.deepEqual(rows.map((r) => r.term), ref.fixef.map((r) => r.term));
  for (const [i, r] of ref.fixef.entries()) {
    assert.ok(Math.abs(rows[i].estimateFull - r.estimate) <= 1e-3 * r.se, `${r.term}: ${rows[i].estimateFull} vs ${r.estimate}`);
  }
  await results.getByRole("table", { name: "ANOVA" }).getByRole("row", { name: /Days \(polynomial, degree 2\)/ }).waitFor();
});
