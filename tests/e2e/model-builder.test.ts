/**
 * The model builder as a person uses it (browser mode, chromium): load the politeness data,
 * build `frequency ~ attitude + gender + (1|subject) + (1|scenario)` by clicking only, fit, and
 * read the Fixed effects table against lme4/lmerTest; type a mistake into the formula and see
 * where it is; keep several models; compare them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { root } from "./harness";
import { useAppSession } from "./session";
import { fixedEffectsRows, openSample } from "./model-steps";
import { seriousViolations, textContrast } from "./a11y";

const reference = JSON.parse(readFileSync(join(root, "tests/fixtures/reference/cases/politeness-intercepts.json"), "utf8")) as {
  fixef: { term: string; estimate: number; se: number; df: number; statistic: number; p: number }[];
  nobs: number;
};
let page: Page;
let model: Locator;
let results: Locator;

useAppSession(30_000, (s) => ({ page, model, results } = s));

async function pick(...names: string[]): Promise<void> {
  const variables = model.getByRole("list", { name: "Variables" });
  for (const name of names) await variables.getByRole("button", { name: new RegExp(`^${name}\\b`) }).click();
}

test("build the politeness model by clicking, fit it, and read lme4's estimates in the Fixed effects table", async () => {
  await openSample(page, "Politeness and voice pitch");
  await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();

  await pick("frequency");
  await model.getByRole("group", { name: "Outcome" }).getByRole("button", { name: "Set as outcome" }).click();
  await pick("attitude", "gender");
  await model.getByRole("group", { name: "Fixed effects" }).getByRole("button", { name: "Add to fixed effects" }).click();
  await pick("subject", "scenario");
  await model.getByRole("group", { name: "Random effects" }).getByRole("button", { name: "Add as grouping factor" }).click();

  const formula = model.getByRole("textbox", { name: "Formula" });
  assert.equal(await formula.inputValue(), "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)");

  await model.getByRole("button", { name: "Fit model" }).click();
  const table = results.getByRole("table", { name: "Fixed effects" });
  await table.waitFor();
  const rows = await fixedEffectsRows(table);
  assert.deepEqual(
    rows.map((r) => r.term),
    reference.fixef.map((r) => r.term),
  );
  for (const [i, ref] of reference.fixef.entries()) {
    const shown = rows[i];
    // Shown to about 4 significant digits: equal to the reference at that precision.
    assert.ok(Math.abs(shown.estimate - ref.estimate) <= 0.06, `${ref.term} estimate ${shown.estimate} vs ${ref.estimate}`);
    assert.ok(Math.abs(shown.se - ref.se) <= 0.006, `${ref.term} SE ${shown.se} vs ${ref.se}`);
    assert.ok(Math.abs(shown.df - ref.df) <= 0.01 * ref.df, `${ref.term} df ${shown.df} vs ${ref.df}`);
    // Full precision on hover.
    assert.ok(Math.abs(shown.estimateFull - ref.estimate) <= 1e-3 * ref.se, `${ref.term} full estimate ${shown.estimateFull}`);
  }
  assert.deepEqual(
    rows.map((r) => r.p),
    ["< .001", "< .001", ".007"],
  );
  const info = await results.getByRole("definition").allInnerTexts();
  assert.ok(info.some((t) => t.startsWith(`${reference.nobs} (1 left out`)), info.join(" | "));
  await results.getByRole("table", { name: "Random effects" }).getByRole("row", { name: /subject/ }).waitFor();
  await results.getByRole("table", { name: "ANOVA" }).getByRole("row", { name: /attitude/ }).waitFor();
  await results.getByRole("table", { name: "Fit statistics" }).getByRole("row", { name: /Marginal R²/ }).waitFor();
});

test("a mistake in the formula box is shown inline at its position, and the fix updates the builder", async () => {
  const formula = model.getByRole("textbox", { name: "Formula" });
  await formula.fill("frequency ~ attitude + + (1 | subject)");
  const problem = model.getByRole("alert", { name: "Formula error" });
  await problem.waitFor();
  assert.match(await problem.innerText(), /position 24/);
  assert.equal(await formula.getAttribute("aria-invalid"), "true");
  assert.equal(await model.getByRole("button", { name: "Fit model" }).isDisabled(), true);

  await formula.fill("frequency ~ attitude + (1 | subject)");
  await problem.waitFor({ state: "detached" });
  const terms = model.getByRole("list", { name: "Fixed-effect terms" });
  const shown = await terms.getByRole("listitem").allInnerTexts();
  assert.deepEqual(
    shown.map((t) => t.replace(/\s*×$/, "")),
    ["attitude"],
  );
  // The shown fit no longer matches the model.
  await results.getByText(/Out of date/).waitFor();
});

test("models can be duplicated, renamed and compared with a likelihood-ratio test", async () => {
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /attitude: pol vs\. inf/ }).waitFor();
  await model.getByRole("button", { name: "Duplicate Model 1" }).click();
  await model.getByRole("button", { name: "Rename Model 1 copy" }).click();
  const rename = model.getByRole("textbox", { name: "New name for Model 1 copy" });
  await rename.fill("with gender");
  await rename.press("Enter");
  const formula = model.getByRole("textbox", { name: "Formula" });
  await formula.fill("frequency ~ attitude + gender + (1 | subject)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /gender: M vs\. F/ }).waitFor();

  await results.getByRole("tab", { name: "Comparison" }).click();
  await results.getByRole("checkbox", { name: "Model 1" }).check();
  await results.getByRole("checkbox", { name: "with gender" }).check();
  await results.getByRole("button", { name: "Compare" }).click();
  const table = results.getByRole("table", { name: "Model comparison" });
  await table.waitFor();
  const rows = await table.getByRole("row").allInnerTexts();
  assert.equal(rows.length, 3);
  assert.match(rows[2], /with gender/);
});

test("variables can be dragged onto the zones; slopes, correlation and nesting follow in the formula", async () => {
  await model.getByRole("button", { name: "New model" }).click();
  const formula = model.getByRole("textbox", { name: "Formula" });
  assert.equal(await formula.inputValue(), "");
  const variables = model.getByRole("list", { name: "Variables" });
  const chip = (name: string) => variables.getByRole("button", { name: new RegExp(`^${name}\\b`) });
  await chip("frequency").dragTo(model.getByRole("group", { name: "Outcome" }));
  await chip("attitude").dragTo(model.getByRole("group", { name: "Fixed effects" }));
  await chip("subject").dragTo(model.getByRole("group", { name: "Random effects" }));
  assert.equal(await formula.inputValue(), "frequency ~ attitude + (1 | subject)");

  await model.getByRole("checkbox", { name: "Random slope of attitude by subject" }).check();
  assert.equal(await formula.inputValue(), "frequency ~ attitude + (attitude | subject)");
  await model.getByRole("checkbox", { name: "Correlated" }).uncheck();
  assert.equal(await formula.inputValue(), "frequency ~ attitude + (attitude || subject)");

  await chip("gender").click();
  await chip("subject").click();
  await model.getByRole("group", { name: "Random effects" }).getByRole("button", { name: "Add nested grouping" }).click();
  assert.equal(await formula.inputValue(), "frequency ~ attitude + (attitude || subject) + (1 | gender/subject)");
  await model.getByRole("button", { name: "Remove group gender/subject" }).click();

  // A name that is not a column is caught while typing, with the nearest column.
  await formula.fill("frequency ~ attitude + gendr + (1 | subject)");
  const problem = model.getByRole("alert", { name: "Formula error" });
  assert.match(await problem.innerText(), /no column 'gendr' \(position 24\); did you mean 'gender'\?/);
  assert.equal(await model.getByRole("button", { name: "Fit model" }).isDisabled(), true);
  await model.getByRole("button", { name: "Delete Model 3" }).click();
});

test("a slope the data cannot estimate is offered disabled with its reason; an ordinal model has no Intercept and no nAGQ = 0", async () => {
  await model.getByRole("button", { name: "New model" }).click();
  const formula = model.getByRole("textbox", { name: "Formula" });
  await formula.fill("frequency ~ attitude + gender + (1 | subject) + (1 | scenario)");
  // gender is a speaker's: it never changes within a subject, but it does within a scenario.
  const genderBySubject = model.getByRole("checkbox", { name: "Random slope of gender by subject" });
  await until(() => genderBySubject.isDisabled());
  assert.equal(await model.getByRole("checkbox", { name: "Random slope of attitude by subject" }).isDisabled(), false);
  assert.equal(await model.getByRole("checkbox", { name: "Random slope of gender by scenario" }).isDisabled(), false);
  const reason = "gender does not change within subject, so it cannot have a random slope by subject";
  const describedBy = (await genderBySubject.getAttribute("aria-describedby")) ?? "";
  assert.equal(await page.locator(`[id="${describedBy}"]`).textContent(), `${reason}.`);
  // On hover: the option's label carries the reason as its tooltip.
  await genderBySubject.hover();
  assert.equal(await model.getByRole("group", { name: "Random slopes by subject" }).getByTitle(reason).count(), 1);
  // Clearly disabled but readable: the label's text at WCAG AA contrast (no dimming stacked on the
  // muted colour), the box itself not faded, and nothing axe-core calls serious on the page.
  const label = model.getByRole("group", { name: "Random slopes by subject" }).getByTitle(reason);
  const contrast = await textContrast(label);
  assert.ok(contrast >= 4.5, `label contrast ${contrast.toFixed(2)}:1`);
  assert.equal(await genderBySubject.evaluate((box) => getComputedStyle(box).opacity), "1");
  assert.deepEqual(await seriousViolations(page), []);

  // Typed by hand, the slope shows ticked (so it can be unticked) with the reason as a warning.
  await formula.fill("frequency ~ attitude + gender + (1 + gender | subject) + (1 | scenario)");
  await model.getByRole("note").getByText(`${reason}: untick it.`).waitFor();
  assert.equal(await genderBySubject.isChecked(), true);
  await genderBySubject.uncheck();
  assert.equal(await formula.inputValue(), "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)");
  await until(() => genderBySubject.isDisabled());

  // Ordinal (clmm): thresholds instead of an intercept; Laplace, and quadrature only for one random intercept.
  const family = model.getByRole("combobox", { name: "Family" });
  const approximation = model.getByRole("combobox", { name: "Approximation" });
  await family.selectOption("ordinal");
  assert.equal(await model.getByRole("checkbox", { name: "Intercept", exact: true }).count(), 0);
  await model.getByText(/No intercept: an ordinal model estimates thresholds/).waitFor();
  assert.deepEqual(await approximation.getByRole("option").allInnerTexts(), ["Laplace (nAGQ = 1)"]);
  await formula.fill("frequency ~ attitude + gender + (1 | subject)");
  const options = await approximation.getByRole("option").allInnerTexts();
  assert.ok(options.includes("Laplace (nAGQ = 1)") && options.some((o) => /Adaptive Gauss–Hermite/.test(o)), options.join(" | "));
  assert.ok(!options.some((o) => /nAGQ = 0/.test(o)), options.join(" | "));
  await family.selectOption("gaussian");
  await model.getByRole("checkbox", { name: "Intercept", exact: true }).waitFor();
});

/** Wait until `check` holds (the slope choices come from the back end's design check). */
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting for the condition");
    await page.waitForTimeout(50);
  }
}
