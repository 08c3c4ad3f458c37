/**
 * Results a student can put in a thesis (issue 16), as a person meets them (browser mode,
 * chromium), on the politeness sample: the Post hoc tab computes once and then sends nothing while
 * it stays open (requests counted on the page's WebSocket for 5 s); the Fixed effects, Random
 * effects and ANOVA tables show the same strings on screen, in the PDF report (its text read with
 * pdf-parse) and in the HTML their Copy button puts on the clipboard, in APA and in plain style;
 * the status bar says a fit is done and how long it took; terms have readable names (`attitude: pol
 * vs. inf`) on screen and in the PDF, and the "R names" setting shows R's (`attitudepol`); the pairwise comparisons show adjusted intervals equal to R's emmeans. R code:
 * tests/fixtures/posthoc/pairs-intervals.R; its output (emmeans 1.8, lmerTest 3.1-3),
 * pairs-intervals-output.txt: confint(pairs(emmeans(lmer(score ~ dose + sex + (1 | subject)),
 * ~ dose, lmer.df = "satterthwaite")), adjust = …) on doses-unbalanced.csv:
 *   tukey       high - low [1.2179409141, 2.0917986030]  high - mid [0.5766909141, 1.4505486030]  low - mid [-1.0686980865, -0.2138019135]
 *   bonferroni  high - low [1.2067589362, 2.1029805810]  high - mid [0.5655089362, 1.4617305810]  low - mid [-1.0796679186, -0.2028320814]
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { useAppSession } from "./session";
import { importFile, openSample } from "./model-steps";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { PDFParse } from "pdf-parse";

let page: Page;
let model: Locator;
let results: Locator;
/** API calls the page has sent over its WebSocket so far. */
const sent: string[] = [];

useAppSession(60_000, (s) => ({ page, model, results } = s));

test("the Post hoc tab computes once and sends no request while it stays open for 5 s", async () => {
  // Reloaded so that the page's WebSocket opens after the listener is in place.
  page.on("websocket", (ws) => ws.on("framesent", (f) => void sent.push(String(f.payload).slice(0, 120))));
  await page.reload();
  await openSample(page, "Politeness and voice pitch");
  await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill("frequency ~ attitude + gender + (1 | subject) + (1 | scenario)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).waitFor();
  // The status bar says what just happened, not the import before it.
  assert.match(await page.getByRole("status", { name: "Status" }).innerText(), /Fitted Model 1 in [\d,]+ ms\./);

  await results.getByRole("tab", { name: "Post hoc" }).click();
  await results.getByRole("table", { name: "Pairwise comparisons" }).waitFor();
  await page.waitForTimeout(500);
  const before = sent.length;
  await page.waitForTimeout(5000);
  const idle = sent.slice(before);
  assert.deepEqual(idle, [], `the Post hoc tab sent ${idle.length} requests in 5 s while idle`);
  assert.equal(await results.getByRole("status").filter({ hasText: "Computing marginal means" }).count(), 0);
});

const TABLES = ["Fixed effects", "Random effects", "ANOVA"];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A row's non-empty cells in order, with any white space between them (as a PDF's text has them). */
const rowPattern = (cells: readonly string[]) => new RegExp(cells.filter((c) => c.trim() !== "").map((c) => escape(c.trim())).join("\\s+"));

/** Each row of a results table as shown: header row first, then the body rows' cells. */
async function shownRows(name: string): Promise<string[][]> {
  const table = results.getByRole("table", { name, exact: true });
  const header = await table.getByRole("columnheader").allInnerTexts();
  const rows = table.locator("tbody tr");
  const out = [header];
  for (let i = 0; i < (await rows.count()); i++) out.push(await rows.nth(i).locator("th, td").allInnerTexts());
  return out;
}

async function pdfText(): Promise<string> {
  await page.getByRole("menuitem", { name: "File" }).click();
  await page.getByRole("menu", { name: "File" }).getByRole("menuitem", { name: "Export…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export results" });
  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download PDF report" }).click();
  const path = await (await download).path();
  await dialog.getByRole("button", { name: "Close" }).click();
  const text = (await new PDFParse({ data: new Uint8Array(readFileSync(path!)) }).getText()).text;
  return text.replace(/\s+/g, " ");
}

/** The HTML the table's Copy button writes to the clipboard (the clipboard itself stubbed in the page). */
async function copiedHtml(name: string): Promise<string> {
  await page.evaluate(() => {
    const w = window as unknown as { copiedHtml: string };
    w.copiedHtml = "";
    navigator.clipboard.write = async (items: ClipboardItem[]) => {
      for (const item of items) if (item.types.includes("text/html")) w.copiedHtml = await (await item.getType("text/html")).text();
    };
  });
  await results.getByRole("button", { name: `Copy ${name} table`, exact: true }).click();
  const copied = await page.waitForFunction(() => (window as unknown as { copiedHtml: string }).copiedHtml || null);
  return (await copied.jsonValue()) as string;
}

for (const style of ["apa", "plain"] as const) {
  test(`${style} style: the screen's Fixed effects, Random effects and ANOVA strings are the PDF's and the copied HTML's`, async () => {
    await results.getByRole("tab", { name: "Summary" }).click();
    await results.getByRole("combobox", { name: "Number style" }).selectOption(style);
    const shown = new Map<string, string[][]>();
    for (const name of TABLES) shown.set(name, await shownRows(name));
    const fixed = shown.get("Fixed effects")!;
    if (style === "apa") {
      assert.deepEqual(fixed[0], ["Term", "b", "SE", "df", "t", "p", "95% CI"]);
      // Estimates, SE and interval bounds share their decimals; df to 2; p without a leading zero.
      for (const row of fixed.slice(1)) {
        assert.match(row[1], /^−?\d+\.\d\d$/);
        assert.match(row[2], /^\d+\.\d\d$/);
        assert.match(row[3], /^\d+\.\d\d$/);
        assert.match(row[5], /^(< \.001|\.\d{3})$/);
        assert.match(row[6], /^\[−?\d+\.\d\d, −?\d+\.\d\d\]$/);
      }
    } else assert.deepEqual(fixed[0], ["Term", "Estimate", "Std. Error", "df", "t value", "Pr(>|t|)", "95% CI"]);
    // Readable term names by default: the level against the baseline.
    assert.deepEqual(fixed.slice(1).map((row) => row[0]), ["Intercept", "attitude: pol vs. inf", "gender: M vs. F"]);
    assert.ok(fixed.slice(1).some((row) => row.join(" ").includes("−")), "negative numbers take a true minus sign");

    const text = await pdfText();
    if (style === "apa") assert.match(text, /APA style/);
    assert.match(text, /attitude: pol vs\. inf/);
    assert.doesNotMatch(text, /attitudepol/);
    for (const [name, rows] of shown) for (const row of rows) assert.match(text, rowPattern(row), `${name}: ${row.join(" | ")} is not in the PDF`);

    for (const [name, rows] of shown) {
      const html = await copiedHtml(name);
      const cells = [...html.matchAll(/<t[hd](?:\s[^>]*)?>(?:<i>)?(.*?)(?:<\/i>)?<\/t[hd]>/g)].map((m) => m[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
      assert.deepEqual(cells, rows.flat(), `${name}: the copied HTML has the strings shown`);
    }
  });
}

test("the R names setting shows R's coefficient names on screen, and the readable names come back", async () => {
  const fixed = results.getByRole("table", { name: "Fixed effects", exact: true });
  const names = results.getByRole("checkbox", { name: "R names" });
  assert.equal(await names.isChecked(), false);
  await names.check();
  await fixed.getByRole("rowheader", { name: "attitudepol", exact: true }).waitFor();
  assert.deepEqual(await fixed.getByRole("rowheader").allInnerTexts(), ["(Intercept)", "attitudepol", "genderM"]);
  await names.uncheck();
  await fixed.getByRole("rowheader", { name: "attitude: pol vs. inf", exact: true }).waitFor();
  // R's name stays on hover of the readable one.
  assert.equal(await fixed.getByRole("rowheader", { name: "attitude: pol vs. inf" }).getAttribute("title"), "R: attitudepol");
});

const R_INTERVALS: Record<string, Record<string, [number, number]>> = {
  Tukey: { "high - low": [1.2179409141, 2.091798603], "high - mid": [0.5766909141, 1.450548603], "low - mid": [-1.0686980865, -0.2138019135] },
  Bonferroni: { "high - low": [1.2067589362, 2.102980581], "high - mid": [0.5655089362, 1.461730581], "low - mid": [-1.0796679186, -0.2028320814] },
};

test("pairwise comparisons show intervals adjusted as the p-values are, equal to R's confint(pairs(…), adjust = …)", async () => {
  await importFile(page, fileURLToPath(new URL("../fixtures/posthoc/doses-unbalanced.csv", import.meta.url)));
  await model.getByRole("textbox", { name: "Formula" }).fill("score ~ dose + sex + (1 | subject)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /^dose: mid vs\. high/ }).waitFor();
  await results.getByRole("tab", { name: "Post hoc" }).click();
  await results.getByRole("combobox", { name: "Compare levels of" }).selectOption("dose");
  for (const [adjust, expected] of Object.entries(R_INTERVALS)) {
    await results.getByRole("combobox", { name: "Adjustment" }).selectOption({ label: adjust });
    const table = results.getByRole("table", { name: "Pairwise comparisons" });
    await table.getByRole("columnheader", { name: "95% CI" }).waitFor();
    await page.waitForFunction(() => !document.querySelector('[role="status"]')?.textContent?.includes("Computing marginal means"));
    for (const [contrast, [lower, upper]] of Object.entries(expected)) {
      const cells = table.getByRole("row", { name: new RegExp(`^${contrast} `) }).getByRole("cell");
      const ci = cells.last();
      assert.match(await ci.innerText(), /^\[−?\d+\.\d+, −?\d+\.\d+\]$/);
      const [lo, hi] = ((await ci.getAttribute("title")) ?? "").split(",").map(Number);
      assert.ok(Math.abs(lo - lower) < 1e-4 && Math.abs(hi - upper) < 1e-4, `${adjust} ${contrast}: [${lo}, ${hi}] vs R [${lower}, ${upper}]`);
    }
  }
});
