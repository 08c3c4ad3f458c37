/**
 * Binomial models in the UI (browser mode, chromium): fit the cbpp model, duplicate it as the
 * intercept-only model, and compare the two with a likelihood-ratio test on the Comparison tab —
 * the numbers read against lme4's anova(glmer, glmer); choose glmer's fast approximation
 * (nAGQ = 0) in the model options and read its estimates against glmer(nAGQ = 0); and see the
 * plain-words refusals for models fitted differently and for a linear model against a binomial one.
 *
 * R (lme4 1.1-31; tests/fixtures/reference/data/cbpp.csv, period a factor):
 *   m1 <- glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), data = d, family = binomial)
 *   m0 <- glmer(cbind(incidence, size - incidence) ~ 1 + (1 | herd), data = d, family = binomial)
 *   as.data.frame(anova(m1, m0))
 *      npar           AIC           BIC          logLik      deviance         Chisq Df       Pr(>Chisq)
 *   m0    2 213.663070375 217.713773756 -104.8315351875 209.663070375            NA NA               NA
 *   m1    5 194.053132779 204.179891233  -92.0265663895 184.053132779 25.6099375959  3 1.1510064891e-05
 *   coef(summary(update(m1, nAGQ = 0)))["period2", ]: estimate -0.976173236094, se 0.303286174991
 *   (tests/fixtures/glmm-nagq0/make.R)
 *   anova(m0, m0) (the same model twice): two rows, npar 2 each, logLik -104.8315351875, Chisq 0, Df 0
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { useAppSession } from "./session";
import { openSample } from "./model-steps";

let page: Page;
let model: Locator;
let results: Locator;

useAppSession(60_000, (s) => ({ page, model, results } = s));

/** A shown number at full precision: the cell's title when it is rounded, else its text. */
async function fullNumber(cell: Locator): Promise<number> {
  const text = (await cell.getAttribute("title")) ?? (await cell.innerText());
  return Number(text.replace("−", "-"));
}

async function compare(...names: string[]): Promise<void> {
  await results.getByRole("tab", { name: "Comparison" }).click();
  for (const box of await results.getByRole("checkbox").all()) await box.uncheck();
  for (const name of names) await results.getByRole("checkbox", { name, exact: true }).check();
  await results.getByRole("button", { name: "Compare" }).click();
}

test("two binomial models compared on the Comparison tab give lme4's anova(glmer, glmer)", async () => {
  await openSample(page, "Contagious bovine pleuropneumonia");
  await page.getByRole("region", { name: "Data" }).getByText(/56 rows/).waitFor();
  const formula = model.getByRole("textbox", { name: "Formula" });
  await formula.fill("cbind(incidence, size - incidence) ~ period + (1 | herd)");
  await model.getByRole("combobox", { name: "Family" }).selectOption("binomial");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /period: 4 vs\. 1/ }).waitFor();
  // With one model the Comparison tab says how to get a second.
  await results.getByRole("tab", { name: "Comparison" }).click();
  await results.getByText(/To compare, add a second model with Duplicate/).waitFor();
  await results.getByRole("tab", { name: "Summary" }).click();

  await model.getByRole("button", { name: "Duplicate Model 1" }).click();
  await model.getByRole("button", { name: "Rename Model 1 copy" }).click();
  const rename = model.getByRole("textbox", { name: "New name for Model 1 copy" });
  await rename.fill("herds only");
  await rename.press("Enter");
  await formula.fill("cbind(incidence, size - incidence) ~ 1 + (1 | herd)");

  await compare("Model 1", "herds only");
  const table = results.getByRole("table", { name: "Model comparison" });
  await table.waitFor();
  assert.equal(await results.getByText(/To compare, add a second model/).count(), 0, "the hint goes once there are two models");
  const rows = table.getByRole("row");
  assert.equal(await rows.count(), 3);
  // Ordered by the number of parameters, as anova() does: the smaller model first.
  assert.match(await rows.nth(1).innerText(), /^herds only/);
  assert.match(await rows.nth(2).innerText(), /^Model 1/);
  const expected = [
    [2, 213.663070375, 217.713773756, -104.8315351875, 209.663070375],
    [5, 194.053132779, 204.179891233, -92.0265663895, 184.053132779, 25.6099375959, 3],
  ];
  for (const [i, values] of expected.entries()) {
    const cells = rows.nth(i + 1).getByRole("cell");
    for (const [j, want] of values.entries()) {
      const shown = await fullNumber(cells.nth(j));
      assert.ok(Math.abs(shown - want) < 2e-3, `row ${i + 1}, column ${j + 1}: ${shown} vs ${want}`);
    }
  }
  const p = await fullNumber(rows.nth(2).getByRole("cell").nth(7));
  assert.ok(Math.abs(p - 1.1510064891e-5) < 1e-3 * 1.1510064891e-5, `p ${p}`);
  assert.equal(await rows.nth(2).getByRole("cell").nth(7).innerText(), "< .001");
  // No REML refit for glmer models.
  assert.equal(await results.getByText(/refitted by maximum likelihood/).count(), 0);
});

test("the fast approximation (nAGQ = 0) is a model option with an explanation, and its fit matches glmer(nAGQ = 0)", async () => {
  await model.getByRole("list", { name: "Models" }).getByText("Model 1", { exact: true }).click();
  const approximation = model.getByRole("combobox", { name: /Approximation/ });
  assert.equal(await approximation.inputValue(), "1");
  await approximation.selectOption({ label: "Fast, less exact (nAGQ = 0)" });
  await model.getByText(/estimates the fixed effects inside the iterative fit/).waitFor();
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("tab", { name: "Summary" }).click();
  await results.getByText("Maximum likelihood (fast approximation, nAGQ = 0)").waitFor();
  const row = results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /^period: 2 vs\. 1/ });
  const estimate = await fullNumber(row.getByRole("cell").nth(0));
  const se = await fullNumber(row.getByRole("cell").nth(1));
  assert.ok(Math.abs(estimate - -0.976173236094) < 1e-3 * 0.303286174991, `estimate ${estimate}`);
  assert.ok(Math.abs(se - 0.303286174991) < 1e-3 * 0.303286174991, `se ${se}`);
  // The R code says so too.
  await results.getByRole("tab", { name: "Code" }).click();
  await results.getByText(/nAGQ = 0\)/).first().waitFor();
});

test("models fitted with different approximations, or a linear against a binomial model, are refused in plain words", async () => {
  await compare("Model 1", "herds only");
  const alert = results.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /cannot be compared: .* fast approximation \(nAGQ = 0\) .* Laplace approximation|cannot be compared: .* Laplace approximation .* fast approximation \(nAGQ = 0\)/);

  await model.getByRole("button", { name: "New model" }).click();
  await model.getByRole("textbox", { name: "Formula" }).fill("incidence ~ period + (1 | herd)");
  await compare("Model 1", "Model 3");
  await results.getByRole("alert").getByText(/linear mixed model \(normal outcome\)/).waitFor();
});

test("two models with the same formula keep their own names in the comparison table", async () => {
  // Rows are matched to models by position in the compared list, not by formula.
  await model.getByRole("list", { name: "Models" }).getByText("herds only", { exact: true }).click();
  await model.getByRole("button", { name: "Duplicate herds only" }).click();
  await compare("herds only", "herds only copy");
  const table = results.getByRole("table", { name: "Model comparison" });
  // The previous comparison's table stays on screen until this one is computed.
  await table.getByRole("row", { name: /^herds only copy/ }).waitFor();
  const rows = table.getByRole("row");
  assert.equal(await rows.count(), 3);
  assert.match(await rows.nth(1).innerText(), /^herds only\t/);
  assert.match(await rows.nth(2).innerText(), /^herds only copy\t/);
  for (const i of [1, 2]) {
    const logLik = await fullNumber(rows.nth(i).getByRole("cell").nth(3));
    assert.ok(Math.abs(logLik - -104.8315351875) < 2e-3, `row ${i} logLik ${logLik}`);
  }
});
