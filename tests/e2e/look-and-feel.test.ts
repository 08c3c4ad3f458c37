/**
 * The window as a desktop statistics application (issue 17), in chromium at 1024×700: axe-core
 * finds no serious or critical violation on any screen or dialog; from the empty window the
 * keyboard alone opens a sample, builds the politeness model, fits it with Ctrl+Enter and reaches
 * the Results; dragging a splitter brings the p and CI columns into view; with live results on,
 * ticking a random slope changes the Random effects table without pressing Fit. Screenshots of
 * each screen at 1024×700 and 1440×900 go to test-results/look-and-feel/ for review.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { root } from "./harness";
import { useAppSession } from "./session";
import { focusedName, pressUntilFocused, seriousViolations, whollyVisible } from "./a11y";
import { writeLargeCsv } from "./large-data";
import { importFile, replaceIfAsked } from "./model-steps";

let page: Page;
let model: Locator;
let results: Locator;

useAppSession(30_000, (s) => ({ page, model, results } = s), { liveResults: true });

const shots = join(root, "test-results/look-and-feel");
const reference = JSON.parse(readFileSync(join(root, "tests/fixtures/reference/cases/politeness-intercepts.json"), "utf8")) as {
  fixef: { term: string; estimate: number }[];
};

/** Screenshots at both window sizes, back at 1024×700 afterwards. */
async function screenshots(name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: join(shots, `${name}-1440x900.png`) });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: join(shots, `${name}-1024x700.png`) });
}

async function assertAxeClean(screen: string): Promise<void> {
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 1)}`);
}

const focusedIs = (selector: string) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

test("the empty window: no serious accessibility problem; F10 and Alt+letter open the menus, Esc closes", async () => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole("region", { name: "Data" }).waitFor();
  await assertAxeClean("empty window");
  await screenshots("01-empty");

  await page.keyboard.press("F10");
  await page.getByRole("menu", { name: "File" }).waitFor();
  assert.equal(await focusedName(page), "New");
  await page.keyboard.press("ArrowRight");
  await page.getByRole("menu", { name: "Edit" }).waitFor();
  await page.keyboard.press("Escape");
  await page.getByRole("menu", { name: "Edit" }).waitFor({ state: "hidden" });
  await page.keyboard.press("Alt+H");
  const help = page.getByRole("menu", { name: "Help" });
  await help.waitFor();
  await assertAxeClean("Help menu open");
  await page.keyboard.press("Escape");
  await help.waitFor({ state: "hidden" });

  // Open project (reached here, while nothing is unsaved; later File → Open… asks about changes first).
  await page.keyboard.press("Control+o");
  const openProject = page.getByRole("dialog", { name: "Open project" });
  await openProject.waitFor();
  await assertAxeClean("Open project dialog");
  await page.keyboard.press("Escape");
  await openProject.waitFor({ state: "detached" });
});

test("keyboard alone: open the politeness sample, build the model, fit with Ctrl+Enter, reach the Results", async () => {
  // Manual mode first, so that Ctrl+Enter is what fits: View → Update results automatically.
  await page.keyboard.press("Alt+V");
  await pressUntilFocused(page, /Update results automatically/, "ArrowDown", 12);
  await page.keyboard.press("Enter");
  assert.equal(await model.getByRole("checkbox", { name: "Update results automatically" }).isChecked(), false);

  await page.keyboard.press("F10");
  await pressUntilFocused(page, /^Open sample…$/, "ArrowDown", 12);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Open sample data" });
  await dialog.waitFor();
  await assertAxeClean("Open sample dialog");
  await screenshots("02-open-sample");
  // Tab stays in the dialog: Shift+Tab from the first stop (the scrolling list) goes round to the last.
  await page.keyboard.press("Tab");
  assert.equal(await focusedName(page), "Sample data sets");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await focusedName(page), "Cancel");
  await page.keyboard.press("Tab");
  assert.equal(await focusedName(page), "Sample data sets");
  await page.keyboard.press("Tab");
  assert.equal(await focusedName(page), "Politeness and voice pitch");
  await page.keyboard.press("Enter");
  await dialog.waitFor({ state: "detached" });
  await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();
  assert.equal(await focusedName(page), "File", "focus returns to where it was before the dialog");
  await assertAxeClean("window with data");

  // Ctrl+1 lands in Data; Tab crosses the grid as one stop and reaches the Model's variables.
  await page.keyboard.press("Control+1");
  assert.ok(await focusedIs("section.data"), "Ctrl+1 focuses the Data region");
  const presses = await pressUntilFocused(page, /^frequency\b/, "Tab", 60);
  assert.ok(presses < 60, `Tab reached the Model region in ${presses} presses`);

  await page.keyboard.press("Space");
  await pressUntilFocused(page, /^Set as outcome$/);
  await page.keyboard.press("Enter");
  await model.getByRole("group", { name: "Outcome" }).getByText("frequency").waitFor();

  await page.keyboard.press("Control+2");
  assert.ok(await focusedIs("section.model"), "Ctrl+2 focuses the Model region");
  await pressUntilFocused(page, /^attitude\b/);
  await page.keyboard.press("Space");
  await pressUntilFocused(page, /^gender\b/);
  await page.keyboard.press("Space");
  await pressUntilFocused(page, /^Add to fixed effects$/);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+2");
  await pressUntilFocused(page, /^subject\b/);
  await page.keyboard.press("Space");
  await pressUntilFocused(page, /^scenario\b/);
  await page.keyboard.press("Space");
  await pressUntilFocused(page, /^Add as grouping factor$/);
  await page.keyboard.press("Enter");
  assert.equal(await model.getByRole("textbox", { name: "Formula" }).inputValue(), "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)");
  assert.equal(await results.getByRole("table", { name: "Fixed effects" }).count(), 0, "manual mode: no fit before Ctrl+Enter");

  await page.keyboard.press("Control+Enter");
  const fixed = results.getByRole("table", { name: "Fixed effects" });
  const row = fixed.getByRole("row", { name: /^attitude: pol vs\. inf/ });
  await row.waitFor();
  const estimate = Number(await row.getByRole("cell").first().getAttribute("title"));
  const ref = reference.fixef.find((f) => f.term === "attitudepol")!.estimate;
  assert.ok(Math.abs(estimate - ref) < 1e-4, `attitudepol ${estimate} vs lmer ${ref}`);
  await page.keyboard.press("Control+3");
  assert.ok(await focusedIs("section.results"), "Ctrl+3 focuses the Results region");
});

test("each results tab: no serious accessibility problem; What is this? explains a table", async () => {
  // The tab list is one Tab stop; arrow keys choose the tab.
  await results.getByRole("tab", { name: "Summary" }).focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await results.getByRole("tab", { name: "Plots" }).getAttribute("aria-selected"), "true");
  assert.equal(await focusedName(page), "Plots");
  await page.keyboard.press("ArrowLeft");
  for (const name of ["Summary", "Plots", "Post hoc", "Comparison", "Code"]) {
    await results.getByRole("tab", { name }).click();
    await results.getByRole("tabpanel").waitFor();
    await page.waitForTimeout(300);
    await assertAxeClean(`Results tab ${name}`);
    await screenshots(`03-results-${name.replace(/ /g, "-").toLowerCase()}`);
  }
  await results.getByRole("tab", { name: "Summary" }).click();
  // The dark theme (the system's setting) keeps the contrast too.
  await page.emulateMedia({ colorScheme: "dark" });
  await assertAxeClean("Results, dark theme");
  await screenshots("03-results-summary-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await results.getByRole("button", { name: "What is this? The Random effects table" }).click();
  const about = page.getByRole("dialog", { name: "About the Random effects table" });
  await about.getByText(/How much the groups .* differ/).waitFor();
  await assertAxeClean("What is this? popover");
  await page.keyboard.press("Escape");
  await about.waitFor({ state: "detached" });
});

test("dragging the splitter widens Results until the p and 95% CI columns are in view", async () => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const fixed = results.getByRole("table", { name: "Fixed effects" });
  const ci = fixed.getByRole("columnheader", { name: "95% CI" });
  const p = fixed.getByRole("columnheader", { name: "p", exact: true });
  assert.equal(await whollyVisible(ci), false, "at the default layout the CI column is cut off");

  const sash = page.getByRole("separator", { name: "Resize the Model and Results regions" });
  const before = Number(await sash.getAttribute("aria-valuenow"));
  await sash.focus();
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction((b) => Number(document.querySelector('[role="separator"][aria-label="Resize the Model and Results regions"]')?.getAttribute("aria-valuenow")) < b, before, { timeout: 5000 });
  const afterKey = Number(await sash.getAttribute("aria-valuenow"));

  const box = (await sash.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 200, box.y + box.height / 2, { steps: 8 });
  await page.mouse.move(box.x - 400, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  assert.ok(Number(await sash.getAttribute("aria-valuenow")) < afterKey);
  assert.equal(await whollyVisible(p), true, "p column in view");
  assert.equal(await whollyVisible(ci), true, "95% CI column in view");
  assert.equal(await page.getByRole("button", { name: "Show the Model region" }).count(), 1, "Model gave its room to Results");
  await page.screenshot({ path: join(shots, "04-results-widened-1024x700.png") });
});

test("with live results on, ticking a random slope changes the Random effects table without pressing Fit", async () => {
  // The drag above collapsed Model into a strip; Ctrl+2 brings it back.
  await page.keyboard.press("Control+2");
  await model.getByRole("checkbox", { name: "Update results automatically" }).check();
  const random = results.getByRole("table", { name: "Random effects" });
  assert.equal(await random.getByRole("row", { name: /attitude: pol vs\. inf/ }).count(), 0);
  await model.getByRole("checkbox", { name: "Random slope of attitude by subject" }).check();
  await random.getByRole("row", { name: /attitude: pol vs\. inf/ }).first().waitFor({ timeout: 30_000 });
  assert.match(await model.getByRole("textbox", { name: "Formula" }).inputValue(), /\(attitude \| subject\)/);
  await screenshots("05-live-random-slope");
});

test("every dialog: no serious accessibility problem, Esc closes it and focus comes back", async () => {
  const open = async (menu: string, item: string, label: string) => {
    await page.getByRole("menuitem", { name: menu, exact: true }).click();
    await page.getByRole("menu", { name: menu }).getByRole("menuitem", { name: item }).click();
    const dialog = page.getByRole("dialog", { name: label });
    await dialog.waitFor();
    await assertAxeClean(`${label} dialog`);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    assert.equal(await focusedName(page), menu, `focus back on the ${menu} menu after ${label}`);
  };
  await open("Help", "Keyboard shortcuts", "Keyboard shortcuts");
  await open("Help", "Walk through the politeness example…", "Open sample data");
  await open("File", "Save As…", "Save project");
  await open("File", "Open…", "Unsaved changes");
  await open("File", "Export…", "Export results");
  await open("File", "New", "Unsaved changes");

  await page.getByRole("menuitem", { name: "File", exact: true }).click();
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Import data…" }).click();
  // A table whose first column has a 40-character name.
  const longName = "reaction_time_in_milliseconds_after_cue1";
  const csv = join(mkdtempSync(join(tmpdir(), "mixwell-e2e-look-")), "long.csv");
  writeFileSync(csv, [`${longName},g`, ...Array.from({ length: 12 }, (_, i) => `${300 + i * 7},s${i % 3}`)].join("\n"));
  await (await chooser).setFiles(csv);
  const importDialog = page.getByRole("dialog", { name: "Import data" });
  await importDialog.getByRole("button", { name: "Import" }).waitFor();
  await assertAxeClean("Import data dialog");
  await screenshots("06-import-dialog");
  await importDialog.getByRole("button", { name: "Import" }).click();
  await importDialog.waitFor({ state: "detached" });
  await replaceIfAsked(page);

  // The long name is cut with an ellipsis (whole in its tooltip) and the Model region does not scroll sideways.
  const modelRegion = page.getByRole("region", { name: "Model", exact: true });
  const chip = modelRegion.getByRole("button", { name: new RegExp(`^${longName}`) });
  await chip.waitFor();
  assert.equal(await chip.locator(".name").getAttribute("title"), longName);
  const overflow = await modelRegion.evaluate((el) => el.scrollWidth - el.clientWidth);
  assert.ok(overflow <= 0, `Model region scrolls sideways by ${overflow}px`);
  await screenshots("07-long-name");
});

test("live results on a large table: a change cancels the running fit, and the old results stay, dimmed, meanwhile", async () => {
  await page.keyboard.press("Control+2");
  await importFile(page, writeLargeCsv(mkdtempSync(join(tmpdir(), "mixwell-e2e-live-"))));
  await page.getByRole("region", { name: "Data" }).getByText(/120,?000 rows/).waitFor({ timeout: 120_000 });
  const modelRegion = page.getByRole("region", { name: "Model", exact: true });
  const live = modelRegion.getByRole("checkbox", { name: "Update results automatically" });
  await live.check(); // the choice made above holds for every table (the default is off past 50,000 rows)

  const formula = modelRegion.getByRole("textbox", { name: "Formula" });
  const fixed = results.getByRole("table", { name: "Fixed effects" });
  await formula.fill("y ~ x + (1 | g)");
  await fixed.getByRole("row", { name: /^x/ }).waitFor({ timeout: 120_000 });

  // A slow model: while it runs, the previous results stay on screen, marked busy (dimmed).
  await formula.fill("y ~ x + z + (x + z | g) + (x | h)");
  await modelRegion.getByRole("status", { name: "Fit progress" }).getByText(/Iteration \d+/).waitFor({ timeout: 60_000 });
  assert.equal(await results.getByRole("tabpanel").getAttribute("aria-busy"), "true");
  await fixed.getByRole("row", { name: /^x/ }).waitFor();
  await page.screenshot({ path: join(shots, "08-live-dimmed-1024x700.png") });

  // A change meanwhile cancels that fit and fits the new model.
  await formula.fill("y ~ x + z + (1 | g)");
  await results.getByLabel("Model information").getByText("y ~ x + z + (1 | g)", { exact: true }).waitFor({ timeout: 120_000 });
  await fixed.getByRole("row", { name: /^z/ }).waitFor();
  assert.equal(await modelRegion.getByText("The fit was cancelled.").count(), 0);
  assert.equal(await results.getByRole("tabpanel").getAttribute("aria-busy"), "false");
});

test("region sizes are remembered: another window opens with the splitters where they were left", async () => {
  const sash = page.getByRole("separator", { name: "Resize the Data and Model regions" });
  await sash.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  const names = ["Resize the Data and Model regions", "Resize the Model and Results regions"];
  const values = await Promise.all(names.map((name) => page.getByRole("separator", { name }).getAttribute("aria-valuenow")));
  assert.notEqual(values[0], "30", "the Data region is no longer at its default size");
  const second = await page.context().newPage();
  try {
    await second.setViewportSize({ width: 1024, height: 700 });
    await second.goto(page.url());
    for (const [i, name] of names.entries()) {
      const again = second.getByRole("separator", { name });
      await again.waitFor();
      assert.equal(await again.getAttribute("aria-valuenow"), values[i], name);
    }
  } finally {
    await second.close();
  }
});
