/**
 * A Gamma mixed model as a person fits one (browser mode, chromium): import the simulated
 * positive outcomes of tests/fixtures/reference-families, type the model, choose Gamma in the
 * builder (its "when to use" line shows), the log link, fit, and read lme4's estimates
 * (gamma-log.json) with exp(b) and its interval in the Fixed effects table, and lme4's sigma()
 * in Fit statistics.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { root } from "./harness";
import { useAppSession } from "./session";
import { importFile, termRow } from "./model-steps";

interface Case {
  readonly fixef: { term: string; estimate: number; se: number }[];
  readonly sigma: number;
}
const reference = JSON.parse(readFileSync(join(root, "tests/fixtures/reference-families/cases/gamma-log.json"), "utf8")) as Case;

let page: Page;
let model: Locator;
let results: Locator;

useAppSession(60_000, (s) => ({ page, model, results } = s));

const shown = (text: string) => Number(text.replace("−", "-"));

test("a Gamma model with the log link: lme4's estimates, exp(b) with its interval, sigma", async () => {
  await importFile(page, join(root, "tests/fixtures/reference-families/data/positive-crossed.csv"));
  await page.getByRole("region", { name: "Data" }).getByText(/500 rows/).waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill("time ~ x + cond + (1 | subj) + (1 | item)");
  const family = model.getByRole("combobox", { name: "Family" });
  await family.selectOption({ label: "Gamma (positive, skewed)" });
  await model.getByText(/positive continuous outcome whose spread grows with its mean/).waitFor();
  await model.getByRole("combobox", { name: "Link" }).selectOption("log");
  await model.getByRole("button", { name: "Fit model" }).click();
  const table = results.getByRole("table", { name: "Fixed effects" });
  await table.getByRole("row", { name: /cond: c vs\./ }).waitFor();
  await results.getByText("Gamma, log link").waitFor();
  await results.getByText(/Wald tests \(lme4 labels them t/).waitFor();
  const headers = await table.getByRole("columnheader").allInnerTexts();
  const col = (re: RegExp) => headers.findIndex((h) => re.test(h)) - 1; // the first column is the term (row header)
  const expCol = col(/^exp\(b\)$/);
  assert.ok(expCol >= 0, `an exp(b) column in ${headers.join(" | ")}`);
  for (const r of reference.fixef) {
    const cells = termRow(table, r.term).getByRole("cell");
    const full = Number(await cells.nth(0).getAttribute("title"));
    assert.ok(Math.abs(full - r.estimate) <= 1e-3 * r.se, `${r.term}: ${full} vs ${r.estimate}`);
    const expShown = shown(await cells.nth(expCol).innerText());
    assert.ok(Math.abs(expShown - Math.exp(r.estimate)) <= 0.01 * Math.exp(r.estimate), `${r.term} exp(b): ${expShown} vs ${Math.exp(r.estimate)}`);
  }
  const stats = results.getByRole("table", { name: "Fit statistics" });
  const sigmaRow = stats.getByRole("row", { name: /Dispersion sigma/ });
  assert.ok(Math.abs(shown(await sigmaRow.getByRole("cell").last().innerText()) - reference.sigma) < 0.01, "sigma as lme4's sigma()");
  await page.screenshot({ path: join(root, "test-results/gamma-model.png") });
});
