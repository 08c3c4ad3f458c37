/**
 * Post-hoc comparisons as a person makes them (browser mode, chromium): import a CSV with a
 * 3-level factor and a grouping factor, fit a mixed model, open the Post hoc tab, choose Tukey,
 * and read the adjusted p-values of the pairwise comparisons — the same as app/emmeans computes
 * for the same model here in the test process. Then set a "by" factor and see the interaction plot.
 * Last, a model fitted with Kenward–Roger df: the Post hoc tab starts from Kenward–Roger and shows
 * R's emmeans(..., lmer.df = "kenward-roger") df; switching to Satterthwaite gives R's
 * Satterthwaite df. R code: tests/fixtures/posthoc/doses-unbalanced.R; output (emmeans 1.8,
 * lmerTest 3.1-3, pbkrtest) in doses-unbalanced-output.txt:
 *   lmer(score ~ dose + sex + (1 | subject)); emmeans(m, ~ dose, lmer.df = "kenward-roger")
 *     df  high 11.62211438  low 11.96203446  mid 11.96203446
 *   pairs(…, adjust = "tukey")  df  high - low 49.80611076  high - mid 49.80611076  low - mid 49.00609223
 *     p   high - low 5.410671911e-12  high - mid 2.817145869e-06  low - mid 1.947163421e-03
 *   lmer.df = "satterthwaite": df  high 11.63994459  low 11.98024848  mid 11.98024848
 * Then simple slopes and simple effects on the oats data, against tests/app/emmeans/reference.json
 * (R: tests/app/emmeans/reference.R): emtrends(lmer(Y ~ nitro * V + (1 | B/V)), ~ V, var = "nitro")
 * and joint_tests(emmeans(lmer(Y ~ N * V + (1 | B/V)), ~ N | V)). And a binomial model (cbpp):
 * no df choice (z tests), probabilities and Tukey p-values as emmeans(glmer(...), ~ period,
 * type = "response") and pairs(..., adjust = "tukey") in the same reference.json. Last, effect sizes
 * on politeness: the pairwise difference as emmeans' eff_size(emm, sigma = sigma(m), edf =
 * df.residual(m)) (tests/fixtures/posthoc-effsize: d 0.776, SE 0.228, df 6.77) in APA style, and
 * in R's digits after switching the number style to plain.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { openAppSession, type AppSession } from "./session";
import { importFile, openSample } from "./model-steps";
import { readTableFile } from "../../main/data/read-table-file";
import { runEmmeans } from "../../app/emmeans";
import { fileURLToPath } from "node:url";

const UNBALANCED = fileURLToPath(new URL("../fixtures/posthoc/doses-unbalanced.csv", import.meta.url));
const OATS = fileURLToPath(new URL("../fixtures/oats.csv", import.meta.url));
const REFERENCE = fileURLToPath(new URL("../app/emmeans/reference.json", import.meta.url));
const EFFSIZE = fileURLToPath(new URL("../fixtures/posthoc-effsize/effsize.json", import.meta.url));

const FORMULA = "score ~ dose + sex + (1 | subject)";

let session: AppSession;
let page: Page;
let model: Locator;
let results: Locator;
let csv: string;

/** 12 subjects (6 per sex), each measured twice at every dose (low, mid, high). */
function writeCsv(dir: string): string {
  const lines = ["subject,sex,dose,score"];
  let seed = 11;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const doseEffect: Record<string, number> = { low: 0, mid: 0.6, high: 1.5 };
  for (let s = 1; s <= 12; s++) {
    const u = (rand() - 0.5) * 2;
    const sex = s % 2 ? "F" : "M";
    for (const dose of ["low", "mid", "high"]) {
      for (let r = 0; r < 2; r++) lines.push(`s${s},${sex},${dose},${(10 + doseEffect[dose] + (sex === "M" ? 0.4 : 0) + u + (rand() - 0.5) * 2).toFixed(3)}`);
    }
  }
  const file = join(dir, "doses.csv");
  writeFileSync(file, lines.join("\n"));
  return file;
}

before(async () => {
  csv = writeCsv(mkdtempSync(join(tmpdir(), "mixwell-posthoc-")));
  session = await openAppSession(60_000);
  ({ page, model, results } = session);
});

after(async () => {
  await session?.close();
});

interface ShownPair {
  readonly contrast: string;
  readonly p: number;
  readonly pText: string;
}

async function pairwiseRows(table: Locator): Promise<ShownPair[]> {
  const rows = table.locator("tbody tr");
  const out: ShownPair[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const contrast = (await row.getByRole("rowheader").innerText()).replace(/−/g, "-");
    const cells = row.getByRole("cell");
    const pCell = cells.nth((await cells.count()) - 2); // p, then the adjusted interval
    const pText = await pCell.innerText();
    out.push({ contrast, pText, p: Number((await pCell.getAttribute("title")) ?? pText) });
  }
  return out;
}

test("the Post hoc tab shows Tukey-adjusted pairwise comparisons equal to app/emmeans'", async () => {
  await importFile(page, csv);
  await page.getByRole("region", { name: "Data" }).getByText("72 rows").waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill(FORMULA);
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /dose.*mid/ }).waitFor();

  await results.getByRole("tab", { name: "Post hoc" }).click();
  await results.getByRole("combobox", { name: "Compare levels of" }).selectOption("dose");
  await results.getByRole("combobox", { name: "Adjustment" }).selectOption("tukey");
  const pairsTable = results.getByRole("table", { name: "Pairwise comparisons" });
  await pairsTable.getByRole("row", { name: /high/ }).first().waitFor();
  await results.getByRole("table", { name: "Estimated marginal means" }).getByRole("row", { name: /mid/ }).waitFor();
  const shown = await pairwiseRows(pairsTable);

  const { table } = await readTableFile(csv);
  const expected = runEmmeans(table, { formula: FORMULA, method: "REML", contrasts: "treatment", categorical: [] }, { specs: ["dose"], adjust: "tukey" });
  assert.equal(expected.pairs!.adjust, "tukey");
  assert.equal(shown.length, 3);
  assert.deepEqual(
    shown.map((r) => r.contrast),
    expected.pairs!.rows.map((r) => r.contrast),
  );
  for (const [i, row] of expected.pairs!.rows.entries()) {
    assert.ok(Math.abs(shown[i].p - row.p) <= 1e-12 * Math.max(1, row.p), `${row.contrast}: shown p ${shown[i].p}, app/emmeans ${row.p}`);
    assert.equal(shown[i].pText, row.p < 0.001 ? "< .001" : row.p.toFixed(3).replace(/^0/, ""));
  }
  // R (this CSV; lmerTest 3.1-3, emmeans): pairs(emmeans(lmer(score ~ dose + sex + (1 | subject)),
  // ~ dose, lmer.df = "satterthwaite"), adjust = "tukey")  →  p 1.558686513e-11, 2.404978158e-06, 6.195403224e-04
  const fromR: Record<string, number> = { "high - low": 1.558686513e-11, "high - mid": 2.404978158e-6, "low - mid": 6.195403224e-4 };
  for (const r of shown) assert.ok(Math.abs(r.p - fromR[r.contrast]) <= 1e-4 * fromR[r.contrast], `${r.contrast}: shown p ${r.p}, R ${fromR[r.contrast]}`);
  // Tukey differs from no adjustment.
  await results.getByRole("combobox", { name: "Adjustment" }).selectOption("none");
  await results.getByText(/No adjustment for multiple comparisons/).waitFor();
  const unadjusted = await pairwiseRows(pairsTable);
  assert.ok(unadjusted.every((r, i) => r.p <= shown[i].p));
  assert.ok(unadjusted.some((r, i) => r.p < shown[i].p));
});

test("with a by factor, comparisons are made within each level and the interaction plot is drawn", async () => {
  await results.getByRole("combobox", { name: "Adjustment" }).selectOption("tukey");
  await results.getByRole("combobox", { name: "By" }).selectOption("sex");
  const figure = results.getByRole("img", { name: /Estimated marginal means of score over dose by sex/ });
  await figure.waitFor();
  const pairsTable = results.getByRole("table", { name: "Pairwise comparisons" });
  await pairsTable.getByRole("columnheader", { name: "sex" }).waitFor();
  assert.equal(await pairsTable.locator("tbody tr").count(), 6);
  const drawn = await figure.locator("canvas").evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
    return false;
  });
  assert.equal(drawn, true);
});

/** The df column of the marginal means table, by level, at full precision. */
async function meansDf(table: Locator): Promise<Record<string, number>> {
  const rows = table.locator("tbody tr");
  const out: Record<string, number> = {};
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const cell = row.getByRole("cell").nth(2);
    out[await row.getByRole("rowheader").innerText()] = Number((await cell.getAttribute("title")) ?? (await cell.innerText()));
  }
  return out;
}

test("a model fitted with Kenward–Roger df opens the Post hoc tab with Kenward–Roger df, equal to R's emmeans(lmer.df = \"kenward-roger\")", async () => {
  await importFile(page, UNBALANCED);
  await page.getByRole("region", { name: "Data" }).getByText("61 rows").waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill(FORMULA);
  await model.getByRole("combobox", { name: "Degrees of freedom" }).selectOption("Kenward-Roger");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("tab", { name: "Summary" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /dose.*mid/ }).waitFor();
  // The new fit's results (not the previous test's): its note names Kenward–Roger.
  await results.getByText("t tests with Kenward–Roger degrees of freedom (lmerTest); 95% confidence intervals from the t distribution with the same df.").waitFor();

  await results.getByRole("tab", { name: "Post hoc" }).click();
  await results.getByRole("combobox", { name: "Compare levels of" }).selectOption("dose");
  await results.getByRole("combobox", { name: "Adjustment" }).selectOption("tukey");
  await results.getByRole("combobox", { name: "By" }).selectOption({ label: "(none)" });
  const dfChoice = results.getByRole("combobox", { name: "Degrees of freedom" });
  assert.equal(await dfChoice.inputValue(), "kenward-roger");
  assert.equal((await dfChoice.locator("option:checked").innerText()).trim(), "Kenward–Roger");
  await results.getByText(/Degrees of freedom: Kenward–Roger\./).waitFor();
  const means = results.getByRole("table", { name: "Estimated marginal means" });
  await means.getByRole("row", { name: /mid/ }).waitFor();
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-4 * b;
  const kr = await meansDf(means);
  for (const [level, df] of Object.entries({ high: 11.62211438, low: 11.96203446, mid: 11.96203446 })) assert.ok(close(kr[level], df), `${level}: shown df ${kr[level]}, R ${df}`);
  const pairs = results.getByRole("table", { name: "Pairwise comparisons" });
  const expected: Record<string, [number, number]> = { "high - low": [49.80611076, 5.410671911e-12], "high - mid": [49.80611076, 2.817145869e-06], "low - mid": [49.00609223, 1.947163421e-03] };
  for (const [contrast, [df, p]] of Object.entries(expected)) {
    const cells = pairs.getByRole("row", { name: new RegExp(`^${contrast} `) }).getByRole("cell");
    const shownDf = Number((await cells.nth(2).getAttribute("title")) ?? (await cells.nth(2).innerText()));
    const pCell = cells.nth((await cells.count()) - 2); // p, then the adjusted interval
    const shownP = Number((await pCell.getAttribute("title")) ?? (await pCell.innerText()));
    assert.ok(close(shownDf, df), `${contrast}: df ${shownDf} vs R ${df}`);
    assert.ok(Math.abs(shownP - p) <= 1e-3 * p, `${contrast}: p ${shownP} vs R ${p}`);
  }

  // The user can still choose Satterthwaite.
  await dfChoice.selectOption("satterthwaite");
  await results.getByText(/Degrees of freedom: Satterthwaite\./).waitFor();
  const satt = await meansDf(means);
  for (const [level, df] of Object.entries({ high: 11.63994459, low: 11.98024848, mid: 11.98024848 })) assert.ok(close(satt[level], df), `${level}: shown df ${satt[level]}, R ${df}`);
});

/** A results table's body as text cells (row header first), full precision where rounded. */
async function bodyCells(table: Locator): Promise<string[][]> {
  const rows = table.locator("tbody tr");
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = rows.nth(i).locator("th, td");
    const row: string[] = [];
    for (let j = 0; j < (await cells.count()); j++) row.push(((await cells.nth(j).getAttribute("title")) ?? (await cells.nth(j).innerText())).replace(/−/g, "-"));
    out.push(row);
  }
  return out;
}

test("simple slopes of a numeric predictor per level, and the simple effects of a factor within each level of another, as R's emmeans", async () => {
  const ref = JSON.parse(readFileSync(REFERENCE, "utf8")) as { cases: { id: string; rows: Record<string, number | string>[] }[] };
  const rows = (id: string) => ref.cases.find((c) => c.id === id)!.rows;
  const close = (a: number, b: number, tol = 1e-4) => Math.abs(a - b) <= tol * Math.abs(b);
  await importFile(page, OATS);
  await page.getByRole("region", { name: "Data" }).getByText("72 rows").waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill("Y ~ nitro * V + (1 | B/V)");
  await model.getByRole("combobox", { name: "Degrees of freedom" }).selectOption("Satterthwaite");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("tab", { name: "Summary" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /nitro.*Victory/ }).waitFor();

  await results.getByRole("tab", { name: "Post hoc" }).click();
  await results.getByRole("combobox", { name: "Compare levels of" }).selectOption("V");
  await results.getByRole("combobox", { name: "By" }).selectOption({ label: "(none)" });
  await results.getByRole("combobox", { name: "Estimate" }).selectOption("nitro");
  const slopes = results.getByRole("table", { name: "Slopes of nitro" });
  await slopes.getByRole("row", { name: /Victory/ }).waitFor();
  // The report's table in the default (APA) style: the slope's column is b.
  await slopes.getByRole("columnheader", { name: "b", exact: true }).waitFor();
  const shown = await bodyCells(slopes);
  const expected = rows("oats slopes emtrends satterthwaite");
  assert.equal(shown.length, expected.length);
  expected.forEach((r, i) => {
    assert.equal(shown[i][0], r.V);
    assert.ok(close(Number(shown[i][1]), r["nitro.trend"] as number), `${r.V}: slope ${shown[i][1]} vs R ${r["nitro.trend"]}`);
    assert.ok(close(Number(shown[i][2]), r.SE as number), `${r.V}: SE ${shown[i][2]} vs R ${r.SE}`);
    assert.ok(close(Number(shown[i][3]), r.df as number, 1e-2), `${r.V}: df ${shown[i][3]} vs R ${r.df}`);
  });

  await model.getByRole("textbox", { name: "Formula" }).fill("Y ~ N * V + (1 | B/V)");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("tab", { name: "Summary" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /N.*0\.6cwt.*Victory/ }).waitFor();
  await results.getByRole("tab", { name: "Post hoc" }).click();
  await results.getByRole("combobox", { name: "Compare levels of" }).selectOption("N");
  await results.getByRole("combobox", { name: "By" }).selectOption("V");
  const tests = results.getByRole("table", { name: "Simple effects" });
  await tests.getByRole("row", { name: /Victory/ }).waitFor();
  const shownTests = await bodyCells(tests);
  const joint = rows("oats N|V joint satterthwaite");
  assert.equal(shownTests.length, 3);
  joint.forEach((r, i) => {
    assert.deepEqual(shownTests[i].slice(0, 3), ["N", r.V, String(r.df1)]);
    assert.ok(close(Number(shownTests[i][3]), r.df2 as number, 1e-3), `df2 ${shownTests[i][3]} vs R ${r.df2}`);
    assert.ok(Math.abs(Number(shownTests[i][4]) - (r["F.ratio"] as number)) <= 6e-4, `F ${shownTests[i][4]} vs R ${r["F.ratio"]} (R keeps 3 decimals)`);
    assert.ok(close(Number(shownTests[i][5]), r["p.value"] as number, 1e-3), `p ${shownTests[i][5]} vs R ${r["p.value"]}`);
  });
});

test("a binomial model: z tests without a df choice, the means as probabilities and Tukey p-values, as R's emmeans", async () => {
  const ref = JSON.parse(readFileSync(REFERENCE, "utf8")) as { cases: { id: string; rows: Record<string, number | string>[] }[] };
  const rows = (id: string) => ref.cases.find((c) => c.id === id)!.rows;
  await openSample(page, "Contagious bovine pleuropneumonia");
  await page.getByRole("region", { name: "Data" }).getByText(/56 rows/).waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill("cbind(incidence, size - incidence) ~ period + (1 | herd)");
  await model.getByRole("combobox", { name: "Family" }).selectOption("binomial");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("tab", { name: "Summary" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /^period:? ?4/ }).waitFor();

  await results.getByRole("tab", { name: "Post hoc" }).click();
  await results.getByRole("combobox", { name: "Compare levels of" }).selectOption("period");
  await results.getByRole("combobox", { name: "By" }).selectOption({ label: "(none)" });
  await results.getByRole("combobox", { name: "Adjustment" }).selectOption("tukey");
  const probabilities = results.getByRole("table", { name: "Marginal means on the response scale" });
  await probabilities.getByRole("row").nth(4).waitFor();
  assert.equal(await results.getByRole("combobox", { name: "Degrees of freedom" }).count(), 0);
  await results.getByText(/Degrees of freedom: asymptotic \(z\)\./).waitFor();
  const shown = await bodyCells(probabilities);
  rows("cbpp period emmeans response").forEach((r, i) => {
    assert.equal(shown[i][0], r.period);
    assert.ok(Math.abs(Number(shown[i][1]) - (r.prob as number)) <= 1e-4 * (r.prob as number), `period ${r.period}: ${shown[i][1]} vs R ${r.prob}`);
    assert.ok(Math.abs(Number(shown[i][2]) - (r.SE as number)) <= 1e-3 * (r.SE as number), `period ${r.period} SE: ${shown[i][2]} vs R ${r.SE}`);
  });
  const pairs = await bodyCells(results.getByRole("table", { name: "Pairwise comparisons" }));
  const expected = rows("cbpp period pairs link tukey");
  assert.equal(pairs.length, expected.length);
  expected.forEach((r, i) => {
    assert.equal(pairs[i][0], r.contrast);
    const p = Number(pairs[i][pairs[i].length - 2]);
    assert.ok(Math.abs(p - (r["p.value"] as number)) <= 1e-3 * (r["p.value"] as number), `${r.contrast}: p ${p} vs R ${r["p.value"]}`);
  });
});

test("effect sizes of the pairwise comparison on politeness equal R's eff_size, in APA style", async () => {
  const ref = (JSON.parse(readFileSync(EFFSIZE, "utf8")) as { name: string; formula: string; sigma: number; edf: number; rows: { contrast: string; estimate: number; se: number; df: number; lower: number; upper: number }[] }[])
    .find((c) => c.name === "politeness attitude")!;
  await openSample(page, "Politeness and voice pitch");
  await page.getByRole("region", { name: "Data" }).getByText("84 rows").waitFor();
  await model.getByRole("textbox", { name: "Formula" }).fill(ref.formula);
  await model.getByRole("combobox", { name: "Family" }).selectOption("gaussian");
  await model.getByRole("button", { name: "Fit model" }).click();
  await results.getByRole("tab", { name: "Summary" }).click();
  await results.getByRole("table", { name: "Fixed effects" }).getByRole("row", { name: /gender/ }).waitFor();
  await results.getByRole("tab", { name: "Post hoc" }).click();
  await results.getByRole("combobox", { name: "Compare levels of" }).selectOption("attitude");
  await results.getByRole("combobox", { name: "By" }).selectOption({ label: "(none)" });
  await results.getByRole("combobox", { name: "Adjustment" }).selectOption("tukey");
  const table = results.getByRole("table", { name: "Effect sizes" });
  const row = table.getByRole("row", { name: /^inf - pol / });
  await row.waitFor();
  assert.deepEqual(await table.getByRole("columnheader").allInnerTexts(), ["Contrast", "d", "SE", "df", "95% CI"]);
  const cells = row.getByRole("cell");
  const full = async (j: number) => Number(await cells.nth(j).getAttribute("title"));
  const r = ref.rows[0];
  assert.ok(Math.abs((await full(0)) - r.estimate) <= 1e-3 * r.se, `d ${await full(0)} vs R ${r.estimate}`);
  assert.ok(Math.abs((await full(1)) - r.se) <= 1e-3 * r.se, `SE ${await full(1)} vs R ${r.se}`);
  assert.ok(Math.abs((await full(2)) - r.df) <= 1e-3 * r.df, `df ${await full(2)} vs R ${r.df}`);
  const [lo, hi] = ((await cells.nth(3).getAttribute("title")) ?? "").split(",").map(Number);
  assert.ok(Math.abs(lo - r.lower) <= 2e-3 * r.se && Math.abs(hi - r.upper) <= 2e-3 * r.se, `[${lo}, ${hi}] vs R [${r.lower}, ${r.upper}]`);
  // APA: d, SE and the bounds share two decimals (the smallest, SE 0.23, needs no more), df to two.
  const apa = (x: number) => x.toFixed(2).replace("-", "−");
  assert.deepEqual(await cells.allInnerTexts(), [apa(r.estimate), apa(r.se), r.df.toFixed(2), `[${apa(r.lower)}, ${apa(r.upper)}]`]);
  await results.getByText(new RegExp(`σ = ${ref.sigma.toPrecision(4)} \\(residual SD\\); σ's uncertainty as χ² with edf = ${ref.edf} \\(df\\.residual`)).waitFor();
  await page.setViewportSize({ width: 1440, height: 900 });
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/posthoc-effect-sizes-1440.png" });
  // The plain style (R's digits) applies to the post-hoc tables too, and APA comes back.
  await results.getByRole("tab", { name: "Summary" }).click();
  await results.getByRole("combobox", { name: "Number style" }).selectOption("plain");
  await results.getByRole("tab", { name: "Post hoc" }).click();
  await table.getByRole("columnheader", { name: "effect.size" }).waitFor();
  assert.match(await cells.first().innerText(), /^0\.77[56]\d$/);
  await results.getByRole("tab", { name: "Summary" }).click();
  await results.getByRole("combobox", { name: "Number style" }).selectOption("apa");
  await results.getByRole("tab", { name: "Post hoc" }).click();
  await table.getByRole("columnheader", { name: "d", exact: true }).waitFor();
  // The emmeans code of what is shown, with eff_size and the σ and edf used.
  await results.getByText("R code", { exact: true }).click();
  const code = await results.getByLabel("Post hoc R code").innerText();
  assert.match(code, /emm <- emmeans\(m, ~ attitude, lmer\.df = "satterthwaite"\)/);
  assert.match(code, /eff_size\(emm, sigma = sigma\(m\), edf = df\.residual\(m\)\)/);
  await page.setViewportSize({ width: 1024, height: 700 });
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/posthoc-effect-sizes-1024.png" });
});
