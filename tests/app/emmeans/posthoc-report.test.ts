// Effect sizes and an ordinal model's category probabilities in the PDF report and the project
// file: the PDF shows the strings formatTable gives the stored results (APA), its R code has
// eff_size() / emmeans(mode = "prob"), and a saved project reads them back. The numbers themselves
// are checked against R in effect-size.test.ts and ordinal-probabilities.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pdfText } from "../report/pdf-text";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, type DataTable } from "../../../app/data";
import { computePosthoc, createProject, fitModel, parseProject, projectDataFromTable, serializeProject, type PosthocSpec, type Project } from "../../../app/project";
import type { ModelSpec } from "../../../app/model-spec";
import { buildReportPdf } from "../../../app/report/pdf";
import { categoryProbabilityTable, effectSizeTable, formatTable, marginalMeansTable, meanClassTable, pairwiseTable, tableToCsv, type ResultTable } from "../../../app/report";

const root = join(import.meta.dirname, "../../..");

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Each row of the table as the APA formatting shows it must be in the PDF's text, cells in order. */
function assertRowsIn(text: string, table: ResultTable) {
  for (const row of formatTable(table, "apa").rows) assert.match(text, new RegExp(row.filter((c) => c !== "").map(escape).join("\\s+")), `row ${row.join(" | ")}`);
}

function project(table: DataTable, file: string, spec: ModelSpec, request: PosthocSpec): Project {
  return createProject(
    {
      data: projectDataFromTable(table, file),
      models: [{ spec, result: fitModel(table, spec, "2026-12-07T12:00:00.000Z"), guidedStep: null, posthoc: [{ request, result: computePosthoc(table, spec, request) }] }],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
  );
}

test("PDF and project file: the effect sizes of politeness' attitude comparison (emmeans' eff_size)", async () => {
  const politeness = parseCsv(readFileSync(join(root, "tests/fixtures/reference/data/politeness.csv")));
  const spec: ModelSpec = { name: "Politeness", formula: "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)", family: "gaussian", method: "REML", contrasts: "treatment", categorical: [] };
  const p = project(politeness, "politeness.csv", spec, { specs: ["attitude"], by: [], adjust: "tukey", df: null });
  const view = p.models[0].posthoc![0].result!;
  const table = effectSizeTable(view)!;
  const bytes = await buildReportPdf(p, { date: new Date("2026-12-07T12:00:00Z"), numberStyle: "apa" });
  writeFileSync("/tmp/posthoc16-effsize.pdf", bytes);
  const text = await pdfText(bytes);
  assert.match(text, /Effect sizes: attitude \(d = difference \/ σ, σ = 25\.41, edf = 77; emmeans' eff_size\)/);
  assert.match(text, /Contrast\s+d\s+SE\s+df\s+95% CI/);
  assertRowsIn(text, table);
  assert.match(text, /σ's uncertainty as χ² with edf = 77 \(df\.residual: observations − parameters\); intervals not adjusted for multiplicity/);
  assert.match(text, /eff_size\(emm, sigma = sigma\(m\), edf = df\.residual\(m\)\)/);
  const back = parseProject(serializeProject(p), "politeness.mixwell");
  assert.deepEqual(back.models[0].posthoc![0].result!.pairs!.effectSizes, view.pairs!.effectSizes);
});

test("PDF and project file: an ordinal model's category probabilities and mean class (emmeans mode = prob / mean.class)", async () => {
  const wine = parseCsv(readFileSync(join(root, "tests/fixtures/reference-ordinal/data/wine.csv")), { categorical: ["rating"] });
  const spec: ModelSpec = { name: "Wine", formula: "rating ~ temp + contact + (1 | judge)", family: "ordinal", method: "REML", contrasts: "treatment", categorical: ["rating"] };
  const p = project(wine, "wine.csv", spec, { specs: ["temp"], by: [], adjust: "tukey", df: null });
  const view = p.models[0].posthoc![0].result!;
  assert.ok(view.ordinal);
  assert.equal(view.pairs, null);
  const bytes = await buildReportPdf(p, { date: new Date("2026-12-07T12:00:00Z"), numberStyle: "apa" });
  writeFileSync("/tmp/posthoc16-ordinal.pdf", bytes);
  const text = await pdfText(bytes);
  assert.match(text, /Category probabilities of rating by temp/);
  assertRowsIn(text, categoryProbabilityTable(view)!);
  assertRowsIn(text, meanClassTable(view)!);
  // emmeans' asymptotic intervals cross 0 near 0 (cold/5: lower −0.0047): APA shows ".00", not "−.00";
  // a bound below −.005 keeps its sign; Full precision and the CSV keep the real value.
  const probs = categoryProbabilityTable(view)!;
  const apa = formatTable(probs, "apa");
  const nearZero = probs.rows.findIndex((r) => (r[4] as number) < 0 && (r[4] as number) > -0.005);
  const below = probs.rows.findIndex((r) => (r[4] as number) < -0.005);
  assert.ok(nearZero >= 0 && below >= 0, "wine has both kinds of lower bound");
  assert.match(apa.rows[nearZero][4], /^\[\.00, \.\d\d\]$/);
  assert.match(apa.rows[below][4], /^\[−\.01, /);
  assert.ok(!text.includes("−.00"), "no minus zero in the PDF");
  assert.match(apa.full![nearZero][4], /^-0\.004\d+, /);
  // The Plots tab's category-probability charts, one per factor (contact had no post-hoc analysis), beside the caterpillar.
  const plots = text.slice(text.indexOf("Plots Category probabilities"));
  for (const factor of ["temp", "contact"]) assert.match(plots, new RegExp(`Category probabilities of rating by ${factor} .*Probability of each rating category .*rating 5 4 3 2 1`), factor);
  assert.match(plots, / cold warm .* no yes /);
  assert.match(plots, /judge: Intercept \(conditional modes ± 1\.96 SD\)/);
  assert.match(plots, /a stacked bar shows no intervals/);
  assert.match(tableToCsv(probs, "apa"), new RegExp(escape(String(probs.rows[nearZero][4]))));
  assert.match(text, /emmeans\(m, ~ rating \| temp, mode = "prob"\)/);
  assert.match(text, /emmeans\(m, ~ temp, mode = "mean\.class"\)/);
  const back = parseProject(serializeProject(p), "wine.mixwell");
  assert.deepEqual(back.models[0].posthoc![0].result!.ordinal, view.ordinal);
});

test("post-hoc tables name a column that needs R's backticks plainly; the R code quotes it once", async () => {
  // doses-unbalanced.csv with the columns renamed 'subject id' and 'dose level'.
  const lines = readFileSync(join(root, "tests/fixtures/posthoc/doses-unbalanced.csv"), "utf8").split("\n");
  lines[0] = "subject id,sex,dose level,score";
  const table = parseCsv(lines.join("\n"));
  const spec: ModelSpec = { name: "Doses", formula: "score ~ `dose level` + sex + (1 | `subject id`)", family: "gaussian", method: "REML", contrasts: "treatment", categorical: [] };
  const p = project(table, "doses.csv", spec, { specs: ["`dose level`"], by: ["sex"], adjust: "tukey", df: null });
  const view = p.models[0].posthoc![0].result!;
  for (const t of [marginalMeansTable(view), pairwiseTable(view, "t")!, effectSizeTable(view)!]) {
    assert.doesNotMatch(t.title, /`/, t.title);
    assert.ok(t.columns.every((c) => !c.label.includes("`")), t.columns.map((c) => c.label).join(" | "));
  }
  assert.equal(marginalMeansTable(view).columns[0].label, "dose level");
  const text = await pdfText(await buildReportPdf(p, { date: new Date("2026-12-07T12:00:00Z"), numberStyle: "apa" }));
  assert.match(text, /emm <- emmeans\(m, ~ `dose level` \| sex, lmer\.df = "satterthwaite"\)/);
  assert.match(text, /Estimated marginal means: dose level by sex/);
});
