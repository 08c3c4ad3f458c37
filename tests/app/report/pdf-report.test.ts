import { test } from "node:test";
import assert from "node:assert/strict";
import { PDFParse } from "pdf-parse";
import { createProject, fitModel, projectDataFromTable } from "../../../app/project";
import { buildReportPdf } from "../../../app/report/pdf";
import { cbpp, sleepProject, spec } from "../project/sample-projects";

async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

test("the PDF's text has the title, date, data summary, options, all tables with the estimates, and the R code", async () => {
  const project = sleepProject();
  const fit = project.models[0].result!.view;
  const pdf = await buildReportPdf(project, { projectName: "sleep.mixwell", date: new Date("2026-11-26T10:30:00Z"), version: "0.1.0" });
  assert.equal(Buffer.from(pdf.subarray(0, 5)).toString(), "%PDF-");
  const text = await pdfText(pdf);
  assert.match(text, /Mixwell report: sleep\.mixwell/);
  assert.match(text, /Created 26 November 2026/);
  assert.match(text, /Source: sleepstudy\.csv/);
  assert.match(text, /180 rows, 3 columns/);
  assert.match(text, /Subject\s+category\s+0\s+18 levels: 308, 309/);
  assert.match(text, /Formula: Reaction ~ Days \+ \(Days \| Subject\)/);
  assert.match(text, /Method: REML/);
  for (const heading of ["Fixed effects", "Random effects", "Type III ANOVA", "Fit statistics", "Warnings", "Plots", "Residuals vs fitted", "Normal Q–Q plot", "R code to reproduce"]) {
    assert.ok(text.includes(heading), `missing '${heading}'`);
  }
  // The fitted estimates, as the table shows them (lme4: 251.405, 10.467; SE 6.825, 1.546).
  const [intercept, days] = fit.fixef.map((r) => r.estimate);
  assert.match(text, new RegExp(`Intercept\\s+${intercept.toFixed(2).replace(".", "\\.")}\\s+6\\.825`));
  assert.match(text, new RegExp(`Days\\s+${days.toFixed(2).replace(".", "\\.")}\\s+1\\.546\\s+17\\.0\\s+6\\.77\\s+3\\.26e-06`));
  assert.match(text, /Residual\s+654\.9\d\s+25\.59/);
  assert.match(text, /REML criterion\s+1743\.6/);
  assert.match(text, /This model has not been fitted\./);
  assert.match(text, /# Random slopes\s+library\(lme4\)[\s\S]*m <- lmer\(Reaction ~ Days \+ \(Days \| Subject\), data = d, REML = TRUE\)/);
  assert.match(text, /# Intercepts\s+library\(lme4\)[\s\S]*m <- lmer\(Reaction ~ Days \+ \(1 \| Subject\), data = d, REML = FALSE\)/);
  assert.match(text, /page 1 of \d/);
});

test("the fonts are embedded (DejaVu subsets), not referenced as standard PDF fonts", async () => {
  const pdf = Buffer.from(await buildReportPdf(sleepProject(), {})).toString("latin1");
  assert.match(pdf, /\/FontFile2/);
  assert.match(pdf, /\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
  assert.doesNotMatch(pdf, /\/BaseFont \/Helvetica/);
});

test("APA style: symbols as headers, two decimals, p < .001", async () => {
  const text = await pdfText(await buildReportPdf(sleepProject(), { numberStyle: "apa" }));
  assert.match(text, /APA style/);
  assert.match(text, /Term\s+b\s+SE\s+df\s+t\s+p\s+95% CI/);
  assert.match(text, /Days\s+10\.47\s+1\.55\s+17\.00\s+6\.77\s+< \.001/);
  assert.match(text, /Marginal R²\s+\.28/);
});

test("a binomial GLMM report: z tests, the link, deviance residuals and glmer code", async () => {
  const s = spec("cbpp", "cbind(incidence, size - incidence) ~ period + (1 | herd)", { family: "binomial" });
  const project = createProject(
    { data: projectDataFromTable(cbpp, "cbpp.csv"), models: [{ spec: s, result: fitModel(cbpp, s) }], view: { selectedModel: 0, settings: {} } },
    "0.1.0",
  );
  const text = (await pdfText(await buildReportPdf(project))).replace(/\s+/g, " ");
  assert.match(text, /Family: binomial, logit link/);
  assert.match(text, /Term\s+Estimate\s+Std\. Error\s+z value\s+Pr\(>\|z\|\)/);
  assert.match(text, /period: 2 vs\. 1\s+−0\.99\d*\s+0\.30\d*/);
  assert.match(text, /Deviance residual/);
  assert.match(text, /m <- glmer\(cbind\(incidence, size - incidence\) ~ period \+ \(1 \| herd\), data = d, family = binomial\(link = "logit"\)\)/);
});
