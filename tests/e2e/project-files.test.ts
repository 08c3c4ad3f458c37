/**
 * Projects as a person uses them (browser mode, chromium): fit a model, save the project to a
 * path, start Mixwell again, open it and see the same results, export the PDF report; damaged,
 * newer and foreign files are refused and the open project stays; unsaved changes are asked
 * about; work left unsaved by a crash is offered at the next start.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { PDFParse } from "pdf-parse";
import { RecoveryStore } from "../../main/project";
import { parseProject } from "../../app/project";
import { RestartableApp } from "./session";
import { fixedEffectsRows, openSample, type ShownFixedEffect } from "./model-steps";

const dir = mkdtempSync(join(tmpdir(), "mixwell-e2e-project-"));
const projectPath = join(dir, "polite.mixwell");
// Recent projects and the recovery file go to a folder of this test, not the user's.
process.env.MIXWELL_CONFIG_DIR = join(dir, "config");

const mixwell = new RestartableApp(30_000);
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

async function fileMenu(item: string): Promise<void> {
  await page.getByRole("menuitem", { name: "File" }).click();
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: item, exact: true }).click();
}

async function shownFixedEffects(): Promise<ShownFixedEffect[]> {
  const table = results().getByRole("table", { name: "Fixed effects" });
  await table.getByRole("row", { name: /gender: M vs\. F/ }).waitFor();
  return fixedEffectsRows(table);
}

async function openByPath(path: string): Promise<void> {
  await fileMenu("Open…");
  const dialog = page.getByRole("dialog", { name: "Open project" });
  await dialog.getByRole("textbox", { name: "Path on this computer" }).fill(path);
  await dialog.getByRole("button", { name: "Open", exact: true }).click();
}

let fitted: ShownFixedEffect[] = [];

test("fit, save to a path, start again, open: the same data, model and results; then export the PDF", async () => {
  await openSample(page, "Politeness and voice pitch");
  await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();
  const model = page.getByRole("region", { name: "Model" });
  await model.getByRole("textbox", { name: "Formula" }).fill("frequency ~ attitude + gender + (1 | subject) + (1 | scenario)");
  await model.getByRole("button", { name: "Fit model" }).click();
  fitted = await shownFixedEffects();
  assert.match(await page.title(), /^• Untitled — Mixwell$/, "unsaved changes are marked in the title");

  await fileMenu("Save");
  const save = page.getByRole("dialog", { name: "Save project" });
  await save.getByRole("textbox", { name: "Save to" }).fill(join(dir, "polite"));
  await save.getByRole("button", { name: "Save", exact: true }).click();
  await save.waitFor({ state: "detached" });
  await page.waitForFunction(() => document.title === "polite.mixwell — Mixwell");
  const saved = parseProject(readFileSync(projectPath), "polite.mixwell");
  assert.equal(saved.data?.table.nrow, 84);
  assert.equal(saved.models[0].spec.formula, "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)");

  await shutDown();
  await launch();
  assert.equal(await page.title(), "Untitled — Mixwell");
  await fileMenu("Open…");
  const open = page.getByRole("dialog", { name: "Open project" });
  await open.getByRole("region", { name: "Recent projects" }).getByRole("button", { name: "polite.mixwell" }).click();
  await page.waitForFunction(() => document.title === "polite.mixwell — Mixwell");
  await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();
  assert.equal(await page.getByRole("region", { name: "Model" }).getByRole("textbox", { name: "Formula" }).inputValue(), saved.models[0].spec.formula);
  assert.deepEqual(await shownFixedEffects(), fitted, "the same results, not refitted differently");

  await fileMenu("Export…");
  const exportDialog = page.getByRole("dialog", { name: "Export results" });
  const download = page.waitForEvent("download");
  await exportDialog.getByRole("button", { name: "Download PDF report" }).click();
  const file = join(dir, "report.pdf");
  await (await download).saveAs(file);
  const text = (await new PDFParse({ data: new Uint8Array(readFileSync(file)) }).getText()).text;
  assert.match(text, /Mixwell report: polite\.mixwell/);
  const gender = fitted.find((r) => r.term === "genderM")!;
  // The report writes a true minus sign (U+2212), as the screen does.
  assert.ok(text.includes(`−${Math.abs(gender.estimate).toFixed(2)}`), `the report shows the genderM estimate ${gender.estimate}`);
  assert.match(text, /frequency ~ attitude \+ gender \+ \(1 \| subject\) \+ \(1 \| scenario\)/);

  const csv = page.waitForEvent("download");
  await exportDialog.getByRole("button", { name: "Download Fixed effects as CSV" }).click();
  const csvFile = join(dir, "fixed.csv");
  await (await csv).saveAs(csvFile);
  assert.match(readFileSync(csvFile, "utf8"), /^Term,Estimate,Std\. Error,df,t value,Pr\(>\|t\|\)/);
  await exportDialog.getByRole("button", { name: "Close" }).click();
});

test("a results table copies to the clipboard as tab-separated text and as an HTML table (APA style)", async () => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(page.url()).origin });
  await fileMenu("Export…");
  const exportDialog = page.getByRole("dialog", { name: "Export results" });
  await exportDialog.getByRole("radio", { name: "APA style" }).check();
  await exportDialog.getByRole("button", { name: "Copy Fixed effects" }).click();
  await page.getByRole("status", { name: "Status" }).getByText("Copied the fixed effects table.").waitFor();
  const clip = await page.evaluate(async () => {
    const out: Record<string, string> = {};
    for (const item of await navigator.clipboard.read()) for (const type of item.types) out[type] = await (await item.getType(type)).text();
    return out;
  });
  assert.match(clip["text/plain"] ?? "", /^Fixed effects\nTerm\tb\tSE\tdf\tt\tp\t95% CI\nIntercept\t\d+\.\d\d\t/);
  assert.match(clip["text/html"] ?? "", /<table[^>]*>[\s\S]*<th[^>]*><i>b<\/i><\/th>[\s\S]*gender: M vs\. F/);
  await exportDialog.getByRole("radio", { name: "APA style" }).check(); // the default again, for the tests after this one
  await exportDialog.getByRole("button", { name: "Close" }).click();
});

test("a truncated file, a file from a newer Mixwell and a CSV file are refused; the open project stays", async () => {
  const text = readFileSync(projectPath, "utf8");
  writeFileSync(join(dir, "cut.mixwell"), text.slice(0, Math.floor(text.length / 2)));
  writeFileSync(join(dir, "newer.mixwell"), JSON.stringify({ ...JSON.parse(text), version: 99, savedBy: "9.0.0" }));
  writeFileSync(join(dir, "data.mixwell"), "y,x\n1,2\n");
  const cases: [string, RegExp][] = [
    ["cut.mixwell", /'cut\.mixwell' is damaged or incomplete/],
    ["newer.mixwell", /saved by a newer version of Mixwell \(Mixwell 9\.0\.0\).*Update Mixwell/],
    ["data.mixwell", /'data\.mixwell' is not a Mixwell project file/],
  ];
  for (const [name, message] of cases) {
    await openByPath(join(dir, name));
    const alert = page.getByRole("alert").filter({ hasText: message });
    await alert.waitFor();
    await alert.getByRole("button", { name: "Dismiss" }).click();
    assert.equal(await page.title(), "polite.mixwell — Mixwell");
    assert.deepEqual(await shownFixedEffects(), fitted);
  }
});

test("unsaved changes are marked and asked about before they would be lost", async () => {
  const formula = page.getByRole("region", { name: "Model" }).getByRole("textbox", { name: "Formula" });
  await formula.fill("frequency ~ attitude + (1 | subject)");
  await page.waitForFunction(() => document.title === "• polite.mixwell — Mixwell");
  await fileMenu("New");
  const ask = page.getByRole("dialog", { name: "Unsaved changes" });
  await ask.getByText(/polite\.mixwell has changes that are not saved\. Save them before you start a new project\?/).waitFor();
  await ask.getByRole("button", { name: "Cancel" }).click();
  assert.equal(await formula.inputValue(), "frequency ~ attitude + (1 | subject)");
  await fileMenu("New");
  await ask.getByRole("button", { name: "Don't save" }).click();
  await page.waitForFunction(() => document.title === "Untitled — Mixwell");
  assert.equal(parseProject(readFileSync(projectPath), "p").models[0].spec.formula, "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)", "the file is untouched");
});

test("after a crash, the next start offers the autosaved work", async () => {
  await shutDown();
  const unsaved = parseProject(readFileSync(projectPath), "p");
  const edited = { ...unsaved, models: [{ ...unsaved.models[0], spec: { ...unsaved.models[0].spec, name: "Recovered model" } }] };
  await new RecoveryStore(join(dir, "config")).write(edited, projectPath);
  await launch();
  const banner = page.getByRole("alert", { name: "Unsaved work found" });
  await banner.getByText(/polite\.mixwell/).waitFor();
  await banner.getByRole("button", { name: "Recover" }).click();
  await page.waitForFunction(() => document.title === "• polite.mixwell — Mixwell");
  await page.getByRole("region", { name: "Model" }).getByText("Recovered model").first().waitFor();
  assert.deepEqual(await shownFixedEffects(), fitted);
});
