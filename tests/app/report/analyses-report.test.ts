// The analyses around a fit in the PDF (and CSV) report: post-hoc marginal means and Tukey
// comparisons, the guided-fix step, the design check and the optimiser comparison. The numbers
// in the PDF must be those of the stored result objects (the UI's), and those agree with R.
//
// R (values in tests/app/emmeans/reference.json, script tests/app/emmeans/reference.R):
//   m <- lmer(angle ~ recipe * temperature + (1 | recipe:replicate), data = cake)
//   e <- emmeans(m, "recipe", lmer.df = "satterthwaite")
//    recipe emmean   SE df lower.CL upper.CL      (emmean 33.1222, 31.6444, 31.6000; SE 1.736833; df 42)
//   summary(pairs(e), adjust = "tukey", infer = c(TRUE, TRUE))
//    A - B  1.4778 2.46 42  -4.49  7.45  0.602  0.8200   (p 0.81998782229173)
//    A - C  1.5222 2.46 42  -4.45  7.49  0.620  0.8102   (p 0.810168848416779)
//    B - C  0.0444 2.46 42  -5.92  6.01  0.018  0.9998   (p 0.999819507973082)
//   sleepstudy, lmer(Reaction ~ Days + (Days | Subject)): REML criterion 1743.6282719 (allFit: all agree)
import { test } from "node:test";
import assert from "node:assert/strict";
import { PDFParse } from "pdf-parse";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { createProject, computePosthoc, fitModel, parseProject, projectDataFromTable, serializeProject, type GuidedStep, type Project } from "../../../app/project";
import { buildReportPdf } from "../../../app/report/pdf";
import { csvFileName, formatTable, guidedStepSentence, pairwiseTable, marginalMeansTable, posthocTables, simpleEffectsTable, tableToCsv, optimizerTable } from "../../../app/report";
import { diagnose, fitForFix, compareOptimizers } from "../../../app/guided-fix";
import { cake, CAKE_FORMULA, cbpp, politeness, POLITENESS_SINGULAR, sleepProject, sleepstudy, spec } from "../project/sample-projects";

async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    // Lines wrap where the page is full: compare words, not line breaks.
    return (await parser.getText()).text.replace(/\s+/g, " ");
  } finally {
    await parser.destroy();
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A table row as the PDF's text shows it: its cells in order, separated by white space. */
const rowPattern = (cells: readonly string[]) => new RegExp(cells.filter((c) => c !== "").map(escape).join("\\s+"));

function close(actual: number, expected: number, what: string) {
  assert.ok(Math.abs(actual - expected) <= 1e-4 * Math.max(Math.abs(expected), 1e-3), `${what}: Mixwell ${actual}, R ${expected}`);
}

let cached: Project | null = null;
function cakeProject(): Project {
  if (cached) return cached;
  const model = spec("Cake", CAKE_FORMULA);
  const request = { specs: ["recipe"], by: [], adjust: "tukey", df: "satterthwaite" } as const;
  cached = createProject(
    {
      data: projectDataFromTable(cake, "cake.csv"),
      models: [{ spec: model, result: fitModel(cake, model, "2026-11-26T12:00:00.000Z"), guidedStep: null, posthoc: [{ request, result: computePosthoc(cake, model, request) }] }],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
  );
  return cached;
}

test("the stored post-hoc result agrees with R's emmeans (cake recipe, Tukey)", () => {
  const view = cakeProject().models[0].posthoc![0].result!;
  const means = [33.122222222223, 31.6444444444443, 31.5999999999998];
  view.means.rows.forEach((r, i) => {
    close(r.estimate, means[i], `emmean ${r.levels.recipe}`);
    close(r.se, 1.73683339744937, "SE");
    close(r.df, 41.9999998187917, "df");
  });
  const p = [0.81998782229173, 0.810168848416779, 0.999819507973082];
  assert.deepEqual(view.pairs!.rows.map((r) => r.contrast), ["A - B", "A - C", "B - C"]);
  view.pairs!.rows.forEach((r, i) => close(r.p, p[i], `Tukey p ${r.contrast}`));
  close(view.pairs!.rows[0].lower, -4.48967439354792, "Tukey lower CL");
});

test("PDF: the marginal means and Tukey comparisons, as the stored result object formatted, with the adjustment named", async () => {
  const project = cakeProject();
  const view = project.models[0].posthoc![0].result!;
  const text = await pdfText(await buildReportPdf(project, { date: new Date("2026-11-26T10:30:00Z") }));
  assert.match(text, /Post-hoc comparisons/);
  assert.match(text, /Estimated marginal means: recipe/);
  assert.match(text, /recipe\s+emmean\s+SE\s+df\s+95% CI/);
  const means = formatTable(marginalMeansTable(view));
  assert.equal(means.rows.length, 3);
  for (const row of means.rows) assert.match(text, rowPattern(row), `means row ${row.join(" ")}`);
  assert.deepEqual(means.rows[0].slice(0, 3), ["A", "33.12", "1.737"]);
  assert.match(text, /Pairwise comparisons: recipe \(p-values adjusted by the Tukey method\)/);
  assert.match(text, /Contrast\s+Estimate\s+SE\s+df\s+t ratio\s+p \(Tukey\)/);
  const pairs = formatTable(pairwiseTable(view, "t")!);
  for (const row of pairs.rows) assert.match(text, rowPattern(row), `contrast row ${row.join(" ")}`);
  assert.deepEqual([pairs.rows[0][0], pairs.rows[0].at(-2)], ["A - B", "0.82"]);
  assert.match(text, /P values and intervals adjusted by Tukey's method for comparing a family of \d+ estimates\./);
  assert.match(text, /Averaged over temperature\./);
  assert.match(text, /Degrees of freedom: Satterthwaite/);
});

test("PDF: the design check of the model (groups, rows per group, within-group predictors, findings)", async () => {
  const text = await pdfText(await buildReportPdf(cakeProject(), {}));
  assert.match(text, /Design check/);
  // 270 rows; 45 recipe:replicate groups of 6 rows each.
  assert.match(text, /Rows used: 270\./);
  assert.match(text, /recipe:replicate\s+45\s+6\s+6\s+6\s+0/);
  assert.match(text, /recipe:replicate: temperature varies within its groups \(random slopes possible\); constant within each group: recipe\./);
  assert.match(text, /\(1 \| recipe:replicate\)\s+1\s+45\s+45\s+270\s+no/);
});

function guidedProject(): Project {
  const first = spec("Model 1", POLITENESS_SINGULAR);
  const diagnosis = diagnose(fitForFix(politeness, { formula: POLITENESS_SINGULAR }));
  const s = diagnosis.suggestions[0];
  const step: GuidedStep = {
    fromModel: "Model 1",
    fromFormula: POLITENESS_SINGULAR,
    causes: diagnosis.causes.map((c) => c.message),
    action: s.action,
    reason: s.reason,
    formula: s.formula,
    at: "2026-11-26T12:05:00.000Z",
  };
  const second = spec("Model 1, slope dropped", s.formula);
  return createProject(
    {
      data: projectDataFromTable(politeness, "politeness.csv"),
      models: [
        { spec: first, result: fitModel(politeness, first) },
        { spec: second, result: fitModel(politeness, second), guidedStep: step, posthoc: [] },
      ],
      view: { selectedModel: 1, settings: {} },
    },
    "0.1.0",
  );
}

test("PDF: a model made by a guided-fix step says from which model, what was changed and why", async () => {
  const project = guidedProject();
  const step = project.models[1].guidedStep!;
  const sentence = guidedStepSentence("Model 1, slope dropped", step);
  assert.match(
    sentence,
    /^Model 1, slope dropped was derived from Model 1 \(frequency ~ attitude \+ gender \+ \(1 \+ attitude \| subject\) \+ \(1 \+ attitude \| scenario\)\) by dropping a random slope, giving frequency ~ attitude \+ gender \+ \(1 \| subject\) \+ \(1 \+ attitude \| scenario\)/,
  );
  assert.match(sentence, /correlation between the intercept and the slope of attitudepol across 'subject' groups is estimated as 1\.00/);
  const text = await pdfText(await buildReportPdf(project, {}));
  assert.match(text, /How this model was made/);
  assert.ok(text.includes(sentence), "the step's sentence is in the PDF");
  // Model 1 has no step: the heading appears once.
  assert.equal(text.split("How this model was made").length, 2);
});

test("PDF: the optimiser comparison table when one was run (sleepstudy reaches lme4's 1743.6283 with each optimiser)", async () => {
  const base = sleepProject();
  const fitted = fitForFix(sleepstudy, { formula: "Reaction ~ Days + (Days | Subject)" });
  const check = compareOptimizers(fitted.frame, true);
  for (const r of check.runs) close(r.objective, 1743.6282719, r.optimizer);
  const project: Project = { ...base, models: [{ ...base.models[0], optimizerCheck: check }, base.models[1]] };
  const text = await pdfText(await buildReportPdf(project, {}));
  assert.match(text, /Refits with other optimisers \(as lme4's allFit\)/);
  const table = formatTable(optimizerTable(check));
  for (const row of table.rows) assert.match(text, rowPattern(row), `optimiser row ${row.join(" ")}\n${text.slice(text.indexOf("Refits"), text.indexOf("Refits") + 600)}`);
  assert.match(text, /bobyqa \(lme4's start\) 1743\.628\d+ /);
  assert.ok(text.includes(check.message));
});

test("CSV: the post-hoc tables keep full precision and are named after the model and the analysis", () => {
  const view = cakeProject().models[0].posthoc![0].result!;
  const pairs = pairwiseTable(view, "t")!;
  assert.equal(csvFileName("Cake", pairs), "Cake-pairwise-comparisons-recipe.csv");
  const lines = tableToCsv(pairs).trim().split("\r\n");
  assert.equal(lines[0], "Contrast,Estimate,SE,df,t ratio,p (Tukey),lower 95% CL,upper 95% CL");
  const first = view.pairs!.rows[0];
  assert.equal(lines[1], ["A - B", ...[first.estimate, first.se, first.df, first.t, first.p, first.lower, first.upper].map(String)].join(","));
});

// R (tests/app/emmeans/reference.json, "cbpp period ..."):
//   m <- glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), cbpp, binomial)
//   summary(emmeans(m, "period"), type = "response"): prob 0.19807920550964, 0.0839178392750749, 0.0740171370072976, 0.0484256460057628
//   summary(pairs(emmeans(m, "period")), adjust = "tukey"): z 3.27205299687456, 3.49476715439924, 3.74303651213643, ...;
//     p 0.00588356873618157, 0.00267295755228902, 0.0010434985128166, 0.983700124301428, 0.584318857614123, 0.780673964596692; df Inf
test("PDF, binomial GLMM: z tests with df Inf, the response-scale probabilities, Tukey p-values as R's", async () => {
  const model = spec("cbpp", "cbind(incidence, size - incidence) ~ period + (1 | herd)", { family: "binomial" });
  const request = { specs: ["period"], by: [], adjust: "tukey", df: null } as const;
  const view = computePosthoc(cbpp, model, request);
  [0.19807920550964, 0.0839178392750749, 0.0740171370072976, 0.0484256460057628].forEach((p, i) => close(view.means.response!.rows[i].estimate, p, `prob ${i + 1}`));
  [0.00588356873618157, 0.00267295755228902, 0.0010434985128166, 0.983700124301428, 0.584318857614123, 0.780673964596692].forEach((p, i) =>
    close(view.pairs!.rows[i].p, p, `Tukey p ${view.pairs!.rows[i].contrast}`),
  );
  const project = createProject(
    { data: projectDataFromTable(cbpp, "cbpp.csv"), models: [{ spec: model, result: fitModel(cbpp, model), posthoc: [{ request, result: view }] }], view: { selectedModel: 0, settings: {} } },
    "0.1.0",
  );
  const text = await pdfText(await buildReportPdf(project, {}));
  assert.match(text, /Contrast Estimate SE df z ratio p \(Tukey\)/);
  assert.match(text, /Estimated marginal means on the response scale: period \(prob; intervals back- ?transformed from the logit scale\)/);
  for (const table of posthocTables(view, "z")) for (const row of formatTable(table).rows) assert.match(text, rowPattern(row), row.join(" "));
  assert.equal(formatTable(pairwiseTable(view, "z")!).rows[0][3], "Inf");
  assert.match(text, /Degrees of freedom: asymptotic \(z\)\./);
  assert.match(text, /summary\(emm, type = "response"\)/);
});

test("PDF, APA style: the post-hoc tables use the APA symbols and p without a leading zero", async () => {
  const text = await pdfText(await buildReportPdf(cakeProject(), { numberStyle: "apa" }));
  const view = cakeProject().models[0].posthoc![0].result!;
  assert.match(text, /recipe M SE df 95% CI/);
  assert.match(text, /Contrast Estimate SE df t p/);
  const pairs = formatTable(pairwiseTable(view, "t")!, "apa");
  assert.deepEqual(pairs.rows[0], ["A - B", "1.478", "2.456", "42.00", "0.60", ".820", "[−4.490, 7.445]"]);
  for (const row of pairs.rows) assert.match(text, rowPattern(row));
});

test("PDF: the design check's problems in plain words, also for a model that has not been fitted", async () => {
  const model = spec("Gender slope", "frequency ~ attitude + gender + (1 + gender | subject)");
  const project = createProject({ data: projectDataFromTable(politeness, "politeness.csv"), models: [{ spec: model, result: null }], view: { selectedModel: 0, settings: {} } }, "0.1.0");
  const text = await pdfText(await buildReportPdf(project, {}));
  assert.match(text, /Design check Rows used: 83 \(1 left out for missing values\)\./);
  assert.match(text, /subject: attitude varies within its groups \(random slopes possible\); constant within each group: gender\./);
  assert.match(text, /Error: 'gender' has a random slope by 'subject', but it never changes within a subject group, so there is no slope to estimate per group\./);
  assert.match(text, /Note: 1 of 84 rows have a missing value in a model variable and are left out\./);
  assert.match(text, /This model has not been fitted\./);
});

// R (tests/app/emmeans/reference.json; oats = tests/fixtures/oats.csv):
//   m <- lmer(Y ~ nitro * V + (1 | B / V), oats); emtrends(m, "V", var = "nitro")
//     nitro.trend 75.3333333333322, 64.5833333333321, 81.0833333333319; SE 11.8585410080532; df 51.0000048
//   m2 <- lmer(Y ~ N * V + (1 | B / V), oats); test(contrast(emmeans(m2, ~ N | V), "consec"), joint = TRUE)
//     Golden.rain F 13.023 p 2.96903910799142e-06; Marvellous F 9.953 p 3.76925843837365e-05; Victory F 15.316 p 5.25691045015437e-07
test("slopes (emtrends) and simple-effect F tests: saved, validated, in the PDF and its R code, equal to R's", async () => {
  const oats = parseCsv(readFileSync(join(import.meta.dirname, "../../fixtures/oats.csv")));
  const slopes = spec("Slopes", "Y ~ nitro * V + (1 | B / V)");
  const nested = spec("Nested", "Y ~ N * V + (1 | B / V)");
  const trend = { specs: ["V"], by: [], adjust: "tukey", df: null, trendOf: "nitro" } as const;
  const simple = { specs: ["N"], by: ["V"], adjust: "holm", df: null } as const;
  const project = createProject(
    {
      data: projectDataFromTable(oats, "oats.csv"),
      models: [
        { spec: slopes, result: fitModel(oats, slopes), posthoc: [{ request: trend, result: computePosthoc(oats, slopes, trend) }] },
        { spec: nested, result: fitModel(oats, nested), posthoc: [{ request: simple, result: computePosthoc(oats, nested, simple) }] },
      ],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
  );
  const back = parseProject(serializeProject(project), "oats.mixwell");
  const t = back.models[0].posthoc![0].result!;
  assert.equal(t.means.kind, "emtrends");
  [75.3333333333322, 64.5833333333321, 81.0833333333319].forEach((x, i) => close(t.means.rows[i].estimate, x, `slope ${t.means.rows[i].levels.V}`));
  close(t.means.rows[0].se, 11.8585410080532, "slope SE");
  const tests = back.models[1].posthoc![0].result!.tests!;
  [2.96903910799142e-6, 3.76925843837365e-5, 5.25691045015437e-7].forEach((p, i) => close(tests[i].p, p, `joint p ${tests[i].by.V}`));
  [13.023, 9.953, 15.316].forEach((F, i) => assert.ok(Math.abs(tests[i].F - F) < 5e-4, `F ${tests[i].F} vs R ${F} (R stores it to 3 decimals)`));

  const text = await pdfText(await buildReportPdf(back, {}));
  assert.match(text, /Estimated marginal trends: slopes of nitro per V/);
  assert.match(text, /V nitro\.trend SE df 95% CI/);
  assert.match(text, /Simple effects \(joint F tests\): N by V/);
  for (const table of posthocTables(t, "t")) for (const row of formatTable(table).rows) assert.match(text, rowPattern(row), row.join(" "));
  for (const row of formatTable(simpleEffectsTable(back.models[1].posthoc![0].result!)!).rows) assert.match(text, rowPattern(row), row.join(" "));
  assert.match(text, /emm <- emtrends\(m, ~ V, var = "nitro", lmer\.df = "satterthwaite"\)/);
  assert.match(text, /emm <- emmeans\(m, ~ N \| V, lmer\.df = "satterthwaite"\)/);
  assert.match(text, /test\(contrast\(emm, "consec"\), joint = TRUE\)/);

  const doc = JSON.parse(serializeProject(project));
  delete doc.models[0].posthoc[0].request.trendOf;
  assert.throws(() => parseProject(JSON.stringify(doc), "oats.mixwell"), /models\[0\]\.posthoc\[0\]\.result\.means\.trendOf should be absent \(means, not slopes, were asked for\)/);
});
