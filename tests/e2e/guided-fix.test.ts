/**
 * Guided fix as a person meets it (browser mode, chromium): a singular fit of the politeness
 * sample names its cause and offers a simpler model; one click adds that model (named after the
 * step), fits it and shows its results, which say where the model came from.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { openAppSession, type AppSession } from "./session";
import { openSample } from "./model-steps";

const SINGULAR = "frequency ~ attitude + gender + (1 + attitude | subject) + (1 + attitude | scenario)";
const SIMPLER = "frequency ~ attitude + gender + (1 | subject) + (1 + attitude | scenario)";

let session: AppSession;
let page: Page;
let model: Locator;
let results: Locator;

before(async () => {
  session = await openAppSession(60_000);
  ({ page, model, results } = session);
});

after(async () => {
  await session?.close();
});

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

  const simpler = guided.getByRole("list", { name: "Simpler models" }).getByRole("button", { name: `Fit ${SIMPLER}` });
  await simpler.click();

  await results.getByRole("heading", { name: "Results: Model 1, slope dropped" }).waitFor();
  await model.getByRole("list", { name: "Models" }).getByText("Model 1, slope dropped").waitFor();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /attitudepol/ }).waitFor();
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
