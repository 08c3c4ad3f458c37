/**
 * The analyses around a fit survive a project round trip, as a person meets them (browser mode,
 * chromium): a singular fit of the politeness sample, one click on the guided fix's simpler model,
 * post-hoc comparisons of attitude by gender with Holm's adjustment on it, save, start Mixwell
 * again, open the project: the model still says how it was made, the Post hoc tab comes back with
 * the same choices and the same p-values as saved, and the PDF report states the step and names
 * the adjustment. (The post-hoc numbers against R are checked in tests/app/report and
 * tests/app/emmeans; here they must equal what was shown and saved.) Then simple slopes: a new
 * project with the oats data, the slopes of nitro per variety saved, Mixwell started again and
 * the project opened: the Post hoc tab comes back on the slopes, and they are R's
 * emtrends(lmer(Y ~ nitro * V + (1 | B/V)), ~ V, var = "nitro") (lmer.df = "satterthwaite"),
 * recorded in tests/app/emmeans/reference.json by tests/app/emmeans/reference.R. On that oats model the
 * random-effect tests (ranova) and the standardized fixed effects are run before saving: after the
 * restart they are shown again as they were, and the PDF report has both with their sentences.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import { PDFParse } from "pdf-parse";
import { parseProject } from "../../app/project";
import { ranovaNote } from "../../app/report";
import { STANDARDIZED_NOTE } from "../../app/report/analysis-sections";
import { RestartableApp } from "./session";
import { importFile, openSample } from "./model-steps";

const SINGULAR = "frequency ~ attitude + gender + (1 + attitude | subject) + (1 + attitude | scenario)";
const SIMPLER = "frequency ~ attitude + gender + (1 | subject) + (1 + attitude | scenario)";

const OATS = fileURLToPath(new URL("../fixtures/oats.csv", import.meta.url));
const REFERENCE = fileURLToPath(new URL("../app/emmeans/reference.json", import.meta.url));

const dir = mkdtempSync(join(tmpdir(), "mixwell-e2e-analyses-"));
const projectPath = join(dir, "steps.mixwell");
process.env.MIXWELL_CONFIG_DIR = join(dir, "config");

const mixwell = new RestartableApp(60_000);
let page: Page;
const launch = async (): Promise<void> => {
  page = await mixwell.launch();
};
const shutDown = (): Promise<void> => mixwell.shutDown();

before(launch);
after(async () => {
  await shutDown();
  rmSync(dir, { recursive: true, force: true });
});

const results = (): Locator => page.getByRole("region", { name: "Results" });
const modelRegion = (): Locator => page.getByRole("region", { name: "Model" });

async function fileMenu(item: string): Promise<void> {
  await page.getByRole("menuitem", { name: "File" }).click();
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: item, exact: true }).click();
}

/** File → Save of an unsaved project, into the test folder as NAME.mixwell. */
async function saveNew(name: string): Promise<void> {
  await fileMenu("Save");
  const save = page.getByRole("dialog", { name: "Save project" });
  await save.getByRole("textbox", { name: "Save to" }).fill(join(dir, name));
  await save.getByRole("button", { name: "Save", exact: true }).click();
  await save.waitFor({ state: "detached" });
  await page.waitForFunction((title) => document.title === title, `${name}.mixwell — Mixwell`);
}

/** Quit, start Mixwell again and open a recent project by its file name. */
async function restartAndOpen(file: string): Promise<void> {
  await shutDown();
  await launch();
  await fileMenu("Open…");
  const open = page.getByRole("dialog", { name: "Open project" });
  await open.getByRole("region", { name: "Recent projects" }).getByRole("button", { name: file }).click();
  await page.waitForFunction((title) => document.title === title, `${file} — Mixwell`);
}

/** File → Export…, Download PDF report into the test folder: the open dialog and the PDF's text (spaces collapsed). */
async function exportPdfText(name: string): Promise<{ exportDialog: Locator; text: string }> {
  await fileMenu("Export…");
  const exportDialog = page.getByRole("dialog", { name: "Export results" });
  const download = page.waitForEvent("download");
  await exportDialog.getByRole("button", { name: "Download PDF report" }).click();
  const file = join(dir, name);
  await (await download).saveAs(file);
  const parser = new PDFParse({ data: new Uint8Array(readFileSync(file)) });
  const text = (await parser.getText()).text.replace(/\s+/g, " ");
  await parser.destroy();
  return { exportDialog, text };
}

interface ShownPair {
  readonly contrast: string;
  readonly by: string;
  readonly p: number;
}

/** Rows of the Pairwise comparisons table with a 'by' column: contrast, by level, full p (its title). */
async function pairwiseRows(): Promise<ShownPair[]> {
  const table = results().getByRole("table", { name: "Pairwise comparisons" });
  await table.getByRole("columnheader", { name: "gender" }).waitFor();
  const rows = table.locator("tbody tr");
  const out: ShownPair[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const contrast = (await row.getByRole("rowheader").innerText()).replace(/−/g, "-");
    const cells = row.getByRole("cell");
    const pCell = cells.nth((await cells.count()) - 2); // p, then the adjusted interval
    out.push({ contrast, by: await cells.first().innerText(), p: Number((await pCell.getAttribute("title")) ?? (await pCell.innerText())) });
  }
  return out;
}

let shown: ShownPair[] = [];

test("guided fix, then post hoc (attitude by gender, Holm) on the simpler model, then save: the file keeps both", async () => {
  await openSample(page, "Politeness and voice pitch");
  await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();
  await modelRegion().getByRole("textbox", { name: "Formula" }).fill(SINGULAR);
  await modelRegion().getByRole("button", { name: "Fit model" }).click();
  const guided = results().getByRole("region", { name: "Guided fix" });
  await guided.getByRole("list", { name: "Simpler models" }).getByRole("button", { name: `Fit ${SIMPLER}` }).click();
  await results().getByRole("heading", { name: "Results: Model 1b" }).waitFor();
  await results().getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /attitude: pol vs\. inf/ }).waitFor();

  await results().getByRole("tab", { name: "Post hoc" }).click();
  await results().getByRole("combobox", { name: "Compare levels of" }).selectOption("attitude");
  await results().getByRole("combobox", { name: "By" }).selectOption("gender");
  await results().getByRole("combobox", { name: "Adjustment" }).selectOption("holm");
  await results().getByText(/P values adjusted by Holm's method/).waitFor();
  shown = await pairwiseRows();
  assert.equal(shown.length, 2, "one comparison of attitude within each gender");

  await saveNew("steps");

  const saved = parseProject(readFileSync(projectPath), "steps.mixwell");
  assert.equal(saved.version, 3);
  const simpler = saved.models.find((m) => m.spec.name === "Model 1b")!;
  assert.equal(simpler.guidedStep?.fromModel, "Model 1");
  assert.equal(simpler.guidedStep?.fromFormula, SINGULAR);
  assert.equal(simpler.guidedStep?.formula, SIMPLER);
  assert.equal(simpler.guidedStep?.action, "drop-slope");
  const last = simpler.posthoc!.at(-1)!;
  // df null: the model's own method (no df was chosen), which for this REML fit is Satterthwaite.
  assert.deepEqual(last.request, { specs: ["attitude"], by: ["gender"], adjust: "holm", df: null });
  assert.equal(last.result!.means.dfMethod, "satterthwaite");
  assert.deepEqual(
    last.result!.pairs!.rows.map((r) => r.p),
    shown.map((r) => r.p),
    "the saved p-values are those shown",
  );
});

test("start again and open the project: the step is stated and the post hoc comes back as it was", async () => {
  await restartAndOpen("steps.mixwell");
  await results().getByRole("heading", { name: "Results: Model 1b" }).waitFor();
  await results().getByRole("note").getByText(/Guided fix: made from Model 1 \(.*\(1 \+ attitude \| subject\).*\)/).waitFor();

  await results().getByRole("tab", { name: "Post hoc" }).click();
  assert.equal(await results().getByRole("combobox", { name: "Compare levels of" }).inputValue(), "attitude");
  assert.equal(await results().getByRole("combobox", { name: "By" }).inputValue(), "gender");
  assert.equal(await results().getByRole("combobox", { name: "Adjustment" }).inputValue(), "holm");
  await results().getByText(/P values adjusted by Holm's method/).waitFor();
  assert.deepEqual(await pairwiseRows(), shown);
  assert.equal(await page.title(), "steps.mixwell — Mixwell", "reopening and looking changes nothing to save");

  const { exportDialog, text } = await exportPdfText("report.pdf");
  assert.ok(
    text.includes(`Model 1b was derived from Model 1 (${SINGULAR}) by dropping a random slope, giving ${SIMPLER}`),
    "the report states the guided-fix step",
  );
  assert.match(text, /Pairwise comparisons: attitude by gender \(p-values adjusted by the Holm method\)/);

  // The post-hoc tables are exported like the result tables, with every digit shown in the app.
  const csvDownload = page.waitForEvent("download");
  await exportDialog.getByRole("button", { name: "Download Pairwise comparisons: attitude by gender (p-values adjusted by the Holm method) as CSV" }).click();
  const csvFile = join(dir, "pairs.csv");
  await (await csvDownload).saveAs(csvFile);
  const lines = readFileSync(csvFile, "utf8").trim().split("\r\n");
  assert.equal(lines[0], "Contrast,gender,Estimate,SE,df,t ratio,p (Holm),lower 95% CL,upper 95% CL");
  assert.deepEqual(
    lines.slice(1).map((l) => Number(l.split(",").at(-3))),
    shown.map((r) => r.p),
  );
  await exportDialog.getByRole("button", { name: "Close" }).click();
});

/** The Slopes of nitro table: variety, slope, SE, df at full precision (their titles). */
async function shownSlopes(): Promise<{ V: string; slope: number; se: number; df: number }[]> {
  const table = results().getByRole("table", { name: "Slopes of nitro" });
  await table.getByRole("columnheader", { name: "b", exact: true }).waitFor();
  await table.getByRole("row", { name: /Victory/ }).waitFor();
  const rows = table.locator("tbody tr");
  const out: { V: string; slope: number; se: number; df: number }[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const cells = row.getByRole("cell");
    const full = async (j: number) => Number(((await cells.nth(j).getAttribute("title")) ?? (await cells.nth(j).innerText())).replace(/−/g, "-"));
    out.push({ V: await row.getByRole("rowheader").innerText(), slope: await full(0), se: await full(1), df: await full(2) });
  }
  return out;
}

const slopesPath = join(dir, "slopes.mixwell");
let shownBeforeSave: Awaited<ReturnType<typeof shownSlopes>> = [];

/** The rows of a result table as shown (text of each row). */
const tableRows = async (name: string): Promise<string[]> => results().getByRole("table", { name }).locator("tbody tr").allInnerTexts();
let inferenceShown: { ranova: string[]; standardized: string[] } = { ranova: [], standardized: [] };

test("simple slopes (nitro per variety of oats) are saved with the project", async () => {
  await fileMenu("New");
  await page.waitForFunction(() => document.title === "Untitled — Mixwell");
  await importFile(page, OATS);
  await page.getByRole("region", { name: "Data" }).getByText("72 rows").waitFor();
  await modelRegion().getByRole("textbox", { name: "Formula" }).fill("Y ~ nitro * V + (1 | B/V)");
  await modelRegion().getByRole("combobox", { name: "Degrees of freedom" }).selectOption("Satterthwaite");
  await modelRegion().getByRole("button", { name: "Fit model" }).click();
  await results().getByRole("tab", { name: "Summary" }).click();
  await results().getByRole("table", { name: "Fixed effects", exact: true }).getByRole("row", { name: /nitro:VVictory|nitro × V: Victory/ }).waitFor();

  await results().getByRole("tab", { name: "Post hoc" }).click();
  await results().getByRole("combobox", { name: "Compare levels of" }).selectOption("V");
  await results().getByRole("combobox", { name: "Estimate" }).selectOption("nitro");
  shownBeforeSave = await shownSlopes();
  assert.equal(shownBeforeSave.length, 3);

  // Random-effect tests and standardized fixed effects on the same fit, kept with it.
  await results().getByRole("tab", { name: "Summary" }).click();
  await results().getByRole("button", { name: "Test random effects" }).click();
  await results().getByRole("table", { name: "Random-effect tests" }).waitFor({ timeout: 60_000 });
  await results().getByRole("button", { name: "Standardized fixed effects" }).click();
  await results().getByRole("table", { name: "Standardized fixed effects" }).waitFor({ timeout: 60_000 });
  inferenceShown = { ranova: await tableRows("Random-effect tests"), standardized: await tableRows("Standardized fixed effects") };
  assert.equal(inferenceShown.ranova.length, 3, "the full model and one row per random-effect term (B, V:B)");
  await results().getByRole("tab", { name: "Post hoc" }).click();

  await saveNew("slopes");
  const savedModel = parseProject(readFileSync(slopesPath), "slopes.mixwell").models[0];
  const last = savedModel.posthoc!.at(-1)!;
  assert.deepEqual(last.request, { specs: ["V"], by: [], adjust: "tukey", df: null, trendOf: "nitro" });
  assert.deepEqual(savedModel.inference?.ranova?.rows.map((r) => r.term), ["<none>", "(1 | V:B)", "(1 | B)"]);
  assert.equal(savedModel.inference?.standardized?.length, savedModel.result!.view.fixef.length);
});

test("start again and open it: the Post hoc tab shows the same slopes, equal to R's emtrends", async () => {
  await restartAndOpen("slopes.mixwell");
  await results().getByRole("tab", { name: "Summary" }).click();
  await results().getByRole("table", { name: "Fixed effects", exact: true }).getByRole("row", { name: /nitro:VVictory|nitro × V: Victory/ }).waitFor();

  await results().getByRole("tab", { name: "Post hoc" }).click();
  assert.equal(await results().getByRole("combobox", { name: "Estimate" }).inputValue(), "nitro");
  assert.equal(await results().getByRole("combobox", { name: "Compare levels of" }).inputValue(), "V");
  const slopes = await shownSlopes();
  assert.deepEqual(slopes, shownBeforeSave, "the slopes shown before saving");
  // R 4.x, lme4, lmerTest 3.1-3, emmeans (tests/app/emmeans/reference.R, case 'oats slopes emtrends satterthwaite'):
  // emtrends(lmer(Y ~ nitro * V + (1 | B/V), oats), ~ V, var = "nitro", lmer.df = "satterthwaite")
  const ref = JSON.parse(readFileSync(REFERENCE, "utf8")) as { cases: { id: string; rows: Record<string, number | string>[] }[] };
  const expected = ref.cases.find((c) => c.id === "oats slopes emtrends satterthwaite")!.rows;
  const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.abs(b);
  assert.equal(slopes.length, expected.length);
  expected.forEach((r, i) => {
    assert.equal(slopes[i].V, r.V);
    assert.ok(close(slopes[i].slope, r["nitro.trend"] as number, 1e-4), `${r.V}: slope ${slopes[i].slope} vs R ${r["nitro.trend"]}`);
    assert.ok(close(slopes[i].se, r.SE as number, 1e-4), `${r.V}: SE ${slopes[i].se} vs R ${r.SE}`);
    assert.ok(close(slopes[i].df, r.df as number, 1e-2), `${r.V}: df ${slopes[i].df} vs R ${r.df}`);
  });
  assert.equal(await page.title(), "slopes.mixwell — Mixwell", "reopening and looking changes nothing to save");
});

test("after the restart the random-effect tests and standardized effects are shown again, and the PDF has them", async () => {
  await results().getByRole("tab", { name: "Summary" }).click();
  await results().getByRole("table", { name: "Random-effect tests" }).waitFor();
  assert.deepEqual(await tableRows("Random-effect tests"), inferenceShown.ranova);
  assert.deepEqual(await tableRows("Standardized fixed effects"), inferenceShown.standardized);
  assert.equal(await results().getByRole("button", { name: "Test random effects" }).count(), 0, "no need to run them again");

  const { exportDialog, text } = await exportPdfText("inference.pdf");
  assert.ok(text.includes("Random-effect tests") && text.includes("Without (1 | B)"), "the ranova table");
  assert.ok(text.includes(ranovaNote(true)), "the sentence saying what ranova tested");
  assert.ok(text.includes("Standardized fixed effects") && text.includes(STANDARDIZED_NOTE), "the standardized table and its sentence");
  await exportDialog.getByRole("button", { name: "Close" }).click();
  assert.equal(await page.title(), "slopes.mixwell — Mixwell");
});

test("a parametric-bootstrap comparison is kept: after a restart, comparing the same two models shows its p-value again, and the PDF has it", async () => {
  // A smaller model beside the oats model (no nitro × variety interaction), fitted.
  await modelRegion().getByRole("button", { name: "Duplicate Model 1" }).click();
  await modelRegion().getByRole("textbox", { name: "Formula" }).fill("Y ~ nitro + V + (1 | B/V)");
  await modelRegion().getByRole("button", { name: "Fit model" }).click();
  await results().getByRole("table", { name: "Fixed effects", exact: true }).waitFor();
  const compareBoth = async () => {
    await results().getByRole("tab", { name: "Comparison" }).click();
    for (const box of await results().getByRole("group", { name: /Models to compare/ }).getByRole("checkbox").all()) await box.check();
    await results().getByRole("button", { name: "Compare" }).click();
    await results().getByRole("table", { name: "Model comparison" }).waitFor({ timeout: 60_000 });
  };
  await compareBoth();
  await results().getByRole("spinbutton", { name: "Simulations" }).fill("20");
  await results().getByRole("spinbutton", { name: "Seed" }).fill("3");
  await results().getByRole("button", { name: "Parametric bootstrap p-value" }).click();
  // The page is a new one after the restart: locators are made afresh.
  const line = () => results().getByText(/^PB p = /);
  await line().waitFor({ timeout: 120_000 });
  const shownLine = await line().innerText();
  const sentence = await results().getByText(/^Parametric bootstrap test \(as pbkrtest/).innerText();
  assert.match(sentence, /20 responses simulated .*\(seed 3\)/);
  assert.ok(!sentence.includes("Not kept in the project"), sentence);

  await fileMenu("Save");
  await page.waitForFunction(() => document.title === "slopes.mixwell — Mixwell");
  const saved = parseProject(readFileSync(slopesPath), "slopes.mixwell").models;
  const pb = saved[0].inference?.pbTest;
  assert.deepEqual(pb?.against, { name: saved[1].spec.name, formula: "Y ~ nitro + V + (1 | B/V)" }, "kept with the larger model, naming the smaller");
  assert.equal(pb?.result.nsim, 20);
  assert.equal(pb?.result.seed, 3);

  await restartAndOpen("slopes.mixwell");
  await compareBoth();
  await line().waitFor();
  assert.equal(await line().innerText(), shownLine, "the same p-value, without running the simulations again");
  assert.equal(await results().getByText(/^Parametric bootstrap test \(as pbkrtest/).innerText(), sentence);
  const { exportDialog, text } = await exportPdfText("pb.pdf");
  assert.ok(text.includes(`Parametric bootstrap test against ${saved[1].spec.name}`), "the PDF names the comparison");
  assert.ok(text.includes(shownLine.replace(/\s+/g, " ")), `the PDF has the line shown: ${shownLine}`);
  await exportDialog.getByRole("button", { name: "Close" }).click();
});
