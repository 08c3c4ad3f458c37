/**
 * Residual structures in the UI (browser mode, chromium): build y ~ week + x + arm + (1 | subject)
 * on the simulated longitudinal data, choose AR(1) over week in the Residuals section, fit, and
 * read Phi and the containment df against nlme (tests/fixtures/nlme-residual/cases/simlong-ar1-ml.json:
 * lme(y ~ week + x + arm, random = ~ 1 | subject, correlation = corAR1(form = ~ week | subject),
 * method = "ML")); then compare the model with the same model without the structure on the
 * Comparison tab (nlme's anova(m0, m1): L.Ratio 165.1361, logLik −841.9647 and −759.3967).
 * On the way, the Plots tab has the residual, caterpillar and effect plots of the fit.
 * Screenshots in test-results/residual-structure.
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
const shots = join(root, "test-results/residual-structure");
const reference = JSON.parse(readFileSync(join(root, "tests/fixtures/nlme-residual/cases/simlong-ar1-ml.json"), "utf8")) as {
  correlation: { parameter: number };
  fixef: { term: string; df: number }[];
};

test("AR(1) residuals chosen in the builder give nlme's Phi and df, and compare with the model without them", async () => {
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await importFile(page, join(root, "tests/fixtures/nlme-residual/data/simlong.csv"));
  await model.getByRole("textbox", { name: "Formula" }).fill("y ~ week + x + arm + (1 | subject)");
  await model.getByRole("combobox", { name: "Method" }).selectOption("ML");
  const residuals = model.getByRole("group", { name: "Residuals" });
  await residuals.getByRole("combobox", { name: "Correlation over time" }).selectOption("ar1");
  await residuals.getByRole("combobox", { name: "Time column" }).selectOption("week");
  await residuals.getByText("AR(1) over week within subject").waitFor();
  await model.getByRole("button", { name: "Fit model" }).click();
  const structure = results.getByRole("region", { name: "Residual structure" });
  const phiRow = structure.getByRole("row", { name: /Correlation \(Phi\)/ });
  await phiRow.waitFor({ timeout: 120_000 });
  const phi = Number((await phiRow.getByRole("cell").first().innerText()).replace("−", "-"));
  assert.ok(Math.abs(phi - reference.correlation.parameter) < 1e-3, `Phi ${phi}`);
  const fixed = results.getByRole("table", { name: "Fixed effects" });
  const armRow = fixed.getByRole("row", { name: /armB/ });
  assert.match(await armRow.innerText(), new RegExp(`\\b${reference.fixef.find((f) => f.term === "armB")!.df}\\b`));
  await page.screenshot({ path: join(shots, "fit-1440x900.png") });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: join(shots, "fit-1024x700.png") });
  await page.setViewportSize({ width: 1440, height: 900 });

  // The plots of an lmer fit: Pearson residuals (nlme's plot(m)), the caterpillar of ranef, effects
  await results.getByRole("tab", { name: "Plots" }).click();
  const plots = results.getByRole("toolbar", { name: "Plots" });
  await results.getByRole("img", { name: "Residuals vs fitted values of y" }).waitFor();
  await results.getByText(/Standardized \(Pearson\) residuals/).waitFor();
  await plots.getByRole("button", { name: "Caterpillar" }).click();
  await results.getByRole("img", { name: "Caterpillar plot: conditional modes of Intercept by subject with 95% intervals" }).waitFor();
  await plots.getByRole("button", { name: "Effects" }).click();
  await results.getByRole("img", { name: "Effect plot: predicted y over week" }).waitFor();
  await page.screenshot({ path: join(shots, "plots-effects-1440x900.png") });

  await model.getByRole("button", { name: "Duplicate Model 1" }).click();
  await residuals.getByRole("combobox", { name: "Correlation over time" }).selectOption("");
  await results.getByRole("tab", { name: "Comparison" }).click();
  for (const box of await results.getByRole("checkbox").all()) await box.uncheck();
  for (const name of ["Model 1", "Model 1 copy"]) await results.getByRole("checkbox", { name, exact: true }).check();
  await results.getByRole("button", { name: "Compare" }).click();
  const table = results.getByRole("table").filter({ hasText: "Model 1 copy" }).filter({ hasText: "165.1" });
  await table.waitFor({ timeout: 120_000 });
  const text = await table.innerText();
  assert.match(text, /165\.1/);
  await page.screenshot({ path: join(shots, "compare-1440x900.png") });
});
