/**
 * An ordinal (cumulative link) mixed model as a person fits one (browser mode, chromium): import
 * the wine ratings of tests/fixtures/reference-ordinal, make the rating column categorical (its
 * levels 1 < … < 5 are the category order), type the model, choose Family "Ordinal (cumulative
 * link)" (its when-to-use line shows), fit, and read the thresholds and the temp/contact estimates
 * as ordinal::clmm gives them (cases/wine-logit.json), with exp(b) — the cumulative odds ratio —
 * in the Fixed effects table; the Code tab shows the clmm code; the Plots tab offers only the caterpillar of judge
 * and the category probabilities per factor (no residual plots); the Post hoc tab shows the probability
 * of each rating per temperature and the mean class as emmeans' mode = "prob" / "mean.class"
 * (reference-ordinal/emmeans/wine-temp.json) with a stacked bar chart. Screenshots at 1440×900 and 1024×700.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { root } from "./harness";
import { useAppSession } from "./session";
import { importFile, termRow } from "./model-steps";
import { gridCell } from "./grid";

interface Coef { name?: string; term?: string; estimate: number; se: number }
const reference = JSON.parse(readFileSync(join(root, "tests/fixtures/reference-ordinal/cases/wine-logit.json"), "utf8")) as {
  formula: string;
  thresholds: Coef[];
  fixef: Coef[];
};

let page: Page;
let model: Locator;
let results: Locator;

useAppSession(60_000, (s) => ({ page, model, results } = s));

const shown = (text: string) => Number(text.replace("−", "-"));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function fullValue(table: Locator, name: string, column: number): Promise<number> {
  const cells = table.getByRole("row", { name: new RegExp(`^${escape(name)}`) }).getByRole("cell");
  return Number(await cells.nth(column).getAttribute("title"));
}

test("an ordinal model of the wine ratings: clmm's thresholds, coefficients and odds ratios; the clmm code", async () => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await importFile(page, join(root, "tests/fixtures/reference-ordinal/data/wine.csv"));
  const data = page.getByRole("region", { name: "Data" });
  await data.getByText(/72 rows/).waitFor();
  await (await gridCell(data.getByRole("grid"), 0, "rating")).click();
  await data.getByRole("region", { name: "Column rating" }).getByLabel("Type of rating").selectOption("categorical");
  await data.getByText("rating: categorical, 5 levels").waitFor();

  await model.getByRole("textbox", { name: "Formula" }).fill(reference.formula);
  await model.getByRole("combobox", { name: "Family" }).selectOption({ label: "Ordinal (cumulative link)" });
  await model.getByText(/ratings or ordered categories such as Likert items/i).waitFor();
  assert.equal(await model.getByRole("combobox", { name: "Link" }).inputValue(), "logit");
  await model.getByRole("button", { name: "Fit model" }).click();

  const thresholds = results.getByRole("table", { name: "Thresholds" });
  await thresholds.getByRole("row", { name: /^4\|5/ }).waitFor();
  await results.getByText("Ordinal, logit link").waitFor();
  for (const r of reference.thresholds) {
    const ours = await fullValue(thresholds, r.name!, 0);
    assert.ok(Math.abs(ours - r.estimate) <= 1e-3 * r.se, `threshold ${r.name}: ${ours} vs clmm ${r.estimate}`);
  }
  const fixed = results.getByRole("table", { name: "Fixed effects" });
  const headers = await fixed.getByRole("columnheader").allInnerTexts();
  assert.ok(!(await fixed.getByRole("row", { name: /Intercept/ }).count()), "no intercept row");
  const expCol = headers.findIndex((h) => /^exp\(b\)$/.test(h)) - 1; // the first column is the term (row header)
  assert.ok(expCol >= 0, `an exp(b) column in ${headers.join(" | ")}`);
  for (const r of reference.fixef) {
    const ours = Number(await termRow(fixed, r.term!).getByRole("cell").nth(0).getAttribute("title"));
    assert.ok(Math.abs(ours - r.estimate) <= 1e-3 * r.se, `${r.term}: ${ours} vs clmm ${r.estimate}`);
    const cells = termRow(fixed, r.term!).getByRole("cell");
    const odds = shown(await cells.nth(expCol).innerText());
    assert.ok(Math.abs(odds - Math.exp(r.estimate)) <= 0.01 * Math.exp(r.estimate), `${r.term} exp(b): ${odds} vs ${Math.exp(r.estimate)}`);
  }
  await page.screenshot({ path: join(root, "test-results/ordinal-model-1440.png") });
  await page.setViewportSize({ width: 1024, height: 700 });
  await thresholds.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(root, "test-results/ordinal-model-1024.png") });

  await results.getByRole("tab", { name: "Code" }).click();
  const r = await results.getByRole("region", { name: "R code" }).innerText();
  assert.match(r, /library\(ordinal\)/);
  assert.match(r, /factor\(d\$rating, levels = c\("1", "2", "3", "4", "5"\), ordered = TRUE\)/);
  assert.match(r, /clmm\(rating ~ temp \+ contact \+ \(1 \| judge\), data = d/);

  // Plots: only the kinds that make sense for clmm — the caterpillar of clmm's ranef/condVar
  // (unit-tested against R in tests/app/engine/ordinal/ordinal-ranef.test.ts) and the category
  // probabilities per factor; no residual plots, with a line saying why.
  await page.setViewportSize({ width: 1440, height: 900 });
  await results.getByRole("tab", { name: "Plots" }).click();
  const kinds = results.getByRole("toolbar", { name: "Plots" });
  assert.deepEqual(await kinds.getByRole("button").allInnerTexts(), ["Caterpillar", "Effects"]);
  await results.getByText(/No residual plots: ordered categories have no residuals/).waitFor();
  await results.getByRole("img", { name: /^Caterpillar plot: conditional modes of .*Intercept.* by judge with 95% intervals$/ }).waitFor();
  await page.screenshot({ path: join(root, "test-results/ordinal-model-plots.png") });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: join(root, "test-results/ordinal-model-plots-1024.png") });
  await kinds.getByRole("button", { name: "Effects" }).click();
  await results.getByRole("combobox", { name: "Factor" }).selectOption("temp");
  await results.getByRole("img", { name: "Category probabilities of rating by temp" }).waitFor();
  await page.screenshot({ path: join(root, "test-results/ordinal-model-plots-effects-1024.png") });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Post hoc: the probability of each rating per temperature and the mean class, equal to
  // emmeans(m, ~ rating | temp, mode = "prob") and mode = "mean.class" (reference-ordinal/emmeans/wine-temp.json).
  await results.getByRole("tab", { name: "Post hoc" }).click();
  await results.getByRole("combobox", { name: "Probabilities by" }).selectOption("temp");
  const probs = results.getByRole("table", { name: "Category probabilities" });
  await probs.getByRole("row").nth(10).waitFor();
  const emm = JSON.parse(readFileSync(join(root, "tests/fixtures/reference-ordinal/emmeans/wine-temp.json"), "utf8")) as { rows: { level: string; category: string; estimate: number; se: number }[] };
  const rows = probs.locator("tbody tr");
  assert.equal(await rows.count(), 10, "2 temperatures × 5 ratings");
  for (let i = 0; i < 10; i++) {
    const level = await rows.nth(i).getByRole("rowheader").innerText();
    const cells = rows.nth(i).getByRole("cell");
    const category = await cells.nth(0).innerText();
    const r = emm.rows.find((x) => x.level === level && x.category === category)!;
    const p = Number(await cells.nth(1).getAttribute("title"));
    assert.ok(Math.abs(p - r.estimate) <= 1e-3 * r.se, `P(rating = ${category} | ${level}): ${p} vs emmeans ${r.estimate}`);
    // APA: probabilities to two decimals without a leading zero.
    assert.match(await cells.nth(1).innerText(), /^\.\d\d$/);
  }
  const meanClass = results.getByRole("table", { name: "Mean class" });
  for (const r of emm.rows.filter((x) => x.category === "mean.class")) {
    const m = Number(await meanClass.getByRole("row", { name: new RegExp(`^${r.level}`) }).getByRole("cell").first().getAttribute("title"));
    assert.ok(Math.abs(m - r.estimate) <= 1e-3 * r.se, `mean class ${r.level}: ${m} vs emmeans ${r.estimate}`);
  }
  await results.getByText("R code", { exact: true }).click();
  assert.match(await results.getByLabel("Post hoc R code").innerText(), /emmeans\(m, ~ rating \| temp, mode = "prob"\)/);
  await results.getByRole("img", { name: "Probability of each rating category by temp" }).waitFor();
  await results.getByRole("img", { name: "Probability of each rating category by temp" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(root, "test-results/ordinal-model-posthoc.png") });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: join(root, "test-results/ordinal-model-posthoc-1024.png") });
});
