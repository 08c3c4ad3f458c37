/**
 * Guided fix as a person meets it (browser mode, chromium): a singular fit of the politeness
 * sample names its cause and offers a simpler model; one click adds that model (short name
 * "Model 1b", the step as its subtitle in the model list), fits it and shows its results, which
 * say where the model came from; the warning box below points to the guided fix instead of
 * giving other advice. Orthodont's slope of Sex by Subject (Sex never changes within a Subject)
 * is named as the cause and dropped. The same for a binomial model (cbpp), with the refit by
 * other optimisers (lme4's allFit).
 *
 * R (tests/app/guided-fix/orthodont-reference.R): lmer(distance ~ age * Sex + (1 + age + Sex | Subject))
 *   fails to converge; without the Sex slope age:SexMale = 0.3048295455.
 *
 * R (lme4 1.1-31; tests/app/guided-fix/glmm-reference.R and its output):
 *   glmer(cbind(incidence, size - incidence) ~ period + (1 | herd) + (1 | period), cbpp, binomial)
 *     isSingular TRUE; period SD 3.208e-05; allFit: all 7 optimisers −2logLik 184.0531322–184.0531330
 *   glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), cbpp, binomial)
 *     period4 estimate -1.579745414 (SE 0.4220491594)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { useAppSession } from "./session";
import { fixedEffectsRows, importFile, openSample } from "./model-steps";
import { root } from "./harness";

const SINGULAR = "frequency ~ attitude + gender + (1 + attitude | subject) + (1 + attitude | scenario)";
const SIMPLER = "frequency ~ attitude + gender + (1 | subject) + (1 + attitude | scenario)";

let page: Page;
let model: Locator;
let results: Locator;

useAppSession(60_000, (s) => ({ page, model, results } = s));

test("a singular fit shows the guided fix; one click fits the simpler model as a new model", async () => {
  await openSample(page, "Politeness and voice pitch");
  await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill(SINGULAR);
  await model.getByRole("button", { name: "Fit model" }).click();

  const guided = results.getByRole("region", { name: "Guided fix" });
  await guided.waitFor();
  await guided.getByText("This fit is singular.").waitFor();
  const causes = guided.getByRole("list", { name: "Causes" });
  await causes.getByText(/correlation between the intercept and the slope of attitudepol across 'subject' groups/).waitFor();
  await oneSourceOfAdvice();

  const simpler = guided.getByRole("list", { name: "Simpler models" }).getByRole("button", { name: `Fit ${SIMPLER}` });
  await simpler.click();

  await results.getByRole("heading", { name: "Results: Model 1b" }).waitFor();
  const list = model.getByRole("list", { name: "Models" });
  await list.getByRole("button", { name: "Model 1b slope of attitude by subject dropped" }).waitFor();
  await list.getByText("slope of attitude by subject dropped", { exact: true }).waitFor();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /attitude: pol vs\. inf/ }).waitFor();
  await results.getByRole("note").getByText(/Guided fix: made from Model 1 \(.*\(1 \+ attitude \| subject\).*\)/).waitFor();
  assert.equal(await model.getByRole("textbox", { name: "Formula" }).inputValue(), SIMPLER);
  // The simpler model's fit is clean: no guided fix is offered for it.
  assert.equal(await results.getByRole("region", { name: "Guided fix" }).count(), 0);
});

test("Check design, before fitting, says in plain words that a slope cannot vary within its groups", async () => {
  await model.getByRole("textbox", { name: "Formula" }).fill("frequency ~ attitude + gender + (1 + gender | subject)");
  await model.getByText("Design check", { exact: true }).click();
  await model.getByRole("button", { name: "Check design" }).click();
  const findings = model.getByRole("region", { name: "Design check findings" });
  await findings.getByText(/Problem: 'gender' has a random slope by 'subject', but it never changes within a subject group/).waitFor();
  await findings.getByText(/subject: 6 groups/).waitFor();
  // Editing the formula makes the findings out of date.
  await model.getByRole("textbox", { name: "Formula" }).fill("frequency ~ attitude + gender + (1 + attitude | subject)");
  await model.getByText("The model or data changed since the last check.").waitFor();
  await model.getByRole("button", { name: "Check design" }).click();
  await findings.getByText(/subject: 6 groups/).waitFor();
  assert.equal(await findings.getByText(/Problem:/).count(), 0);
});

test("Orthodont: the guided fix names Sex (constant within each Subject) as the cause and drops its slope as Model 3b", async () => {
  await importFile(page, `${root}/tests/fixtures/nlme-residual/data/orthodont.csv`);
  await page.getByRole("region", { name: "Data" }).getByText(/108 rows/).waitFor();
  await model.getByRole("button", { name: "New model" }).click();
  await model.getByRole("textbox", { name: "Formula" }).fill("distance ~ age * Sex + (1 + age + Sex | Subject)");
  await model.getByRole("button", { name: "Fit model" }).click();

  const guided = results.getByRole("region", { name: "Guided fix" });
  await guided.getByText("This fit did not converge.").waitFor();
  await guided.getByRole("list", { name: "Causes" }).getByText(/^Sex varies only between Subject groups/).waitFor();
  const suggestions = guided.getByRole("list", { name: "Simpler models" }).getByRole("button");
  assert.deepEqual(await suggestions.allInnerTexts(), ["Fit distance ~ age * Sex + (1 + age | Subject)"]);
  await oneSourceOfAdvice();
  await suggestions.first().click();

  await results.getByRole("heading", { name: "Results: Model 3b" }).waitFor();
  const labels = await model.getByRole("list", { name: "Models" }).getByRole("listitem").getByRole("button", { name: /^Model \d/ }).allInnerTexts();
  assert.ok(labels.some((l) => /^Model 3b\s+slope of Sex dropped$/.test(l)), labels.join(" | "));
  assert.equal(new Set(labels).size, labels.length, `two identical labels: ${labels.join(" | ")}`);
  const rows = await fixedEffectsRows(results.getByRole("table", { name: "Fixed effects" }));
  const interaction = rows.find((r) => /age/.test(r.term) && /Sex/.test(r.term))!;
  assert.ok(Math.abs(interaction.estimateFull - 0.3048295455) < 1e-4, `age × Sex ${interaction.estimateFull}`);
  assert.equal(await results.getByRole("region", { name: "Guided fix" }).count(), 0);
});

/** The warning box agrees with the guided fix: it points to it once and gives no advice of its own. */
async function oneSourceOfAdvice(): Promise<void> {
  const warnings = results.getByRole("list", { name: "Warnings" });
  await warnings.waitFor();
  const text = await warnings.innerText();
  assert.equal(text.split("The Guided fix above names the cause").length - 1, 1, text);
  assert.ok(!/untick Correlated|remove the random slope/i.test(text), text);
  const lines = (await warnings.getByRole("listitem").allInnerTexts()).map((l) => l.trim());
  assert.equal(new Set(lines).size, lines.length, text);
}

test("a singular binomial fit names the zero variance, refits the simpler model, and all optimisers agree as in lme4's allFit", async () => {
  await openSample(page, "Contagious bovine pleuropneumonia");
  await page.getByRole("region", { name: "Data" }).getByText(/56 rows/).waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill("cbind(incidence, size - incidence) ~ period + (1 | herd) + (1 | period)");
  await model.getByRole("combobox", { name: "Family" }).selectOption("binomial");
  await model.getByRole("button", { name: "Fit model" }).click();

  const guided = results.getByRole("region", { name: "Guided fix" });
  await guided.getByText("This fit is singular.").waitFor();
  const causes = guided.getByRole("list", { name: "Causes" });
  await causes.getByText(/variance of the intercept across 'period' groups is estimated as zero/).waitFor();
  await causes.getByText(/'period' has only 4 groups/).waitFor();

  await guided.getByRole("button", { name: "Refit with other optimisers" }).click();
  const table = guided.getByRole("table", { name: "Optimiser comparison" });
  await table.waitFor({ timeout: 60_000 });
  assert.equal(await table.getByRole("row").count(), 5); // header + 4 optimisers
  for (const name of ["bobyqa + Nelder_Mead (glmer's default)", "bobyqa", "Nelder_Mead", "nloptwrap (BOBYQA)"]) {
    const row = table.getByRole("row", { name: new RegExp(`^${name.replace(/[()+]/g, "\\$&")} `) });
    const criterion = Number(await row.getByRole("cell").nth(0).innerText());
    assert.ok(Math.abs(criterion - 184.053132779) < 1e-4, `${name}: ${criterion}`);
    assert.equal(await row.getByRole("cell").last().innerText(), "yes");
  }
  await guided.getByText(/All optimisers reach the same estimates/).waitFor();

  await guided.getByRole("list", { name: "Simpler models" }).getByRole("button", { name: "Fit cbind(incidence, size - incidence) ~ period + (1 | herd)" }).click();
  await results.getByRole("heading", { name: /^Results: Model \d+[b-z]$/ }).waitFor();
  const period4 = results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /period: 4 vs\. 1/ });
  await period4.waitFor();
  const cell = period4.getByRole("cell").nth(0);
  const estimate = Number(((await cell.getAttribute("title")) ?? (await cell.innerText())).replace("−", "-"));
  assert.ok(Math.abs(estimate - -1.579745414) < 1e-3 * 0.4220491594, `period4 ${estimate}`);
  assert.equal(await results.getByRole("region", { name: "Guided fix" }).count(), 0);
});
