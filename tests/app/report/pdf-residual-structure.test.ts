// The PDF report of a model with a residual structure names it, gives Phi with its approximate
// interval, and carries the nlme::lme R code; it has the plots of an lmer fit: Pearson residuals
// against fitted values (nlme's plot(m)), their normal Q–Q plot, the effect plots and the caterpillar.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFParse } from "pdf-parse";
import { parseCsv } from "../../../app/data";
import { createProject, fitModel, projectDataFromTable } from "../../../app/project";
import { buildReportPdf } from "../../../app/report/pdf";
import type { ModelSpec } from "../../../app/model-spec";

async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

test("the PDF shows the residual structure, Phi and the nlme code", async () => {
  const table = parseCsv(readFileSync(join(import.meta.dirname, "../../fixtures/nlme-residual/data/ovary.csv")));
  const spec: ModelSpec = {
    name: "AR(1)",
    formula: "follicles ~ sin2pi + cos2pi + (1 | Mare)",
    family: "gaussian",
    method: "REML",
    contrasts: "treatment",
    categorical: ["Mare"],
    residual: { correlation: "ar1", time: "obs" },
  };
  const project = createProject(
    { data: projectDataFromTable(table, "ovary.csv", ["NA", ""]), models: [{ spec, result: fitModel(table, spec) }], view: { selectedModel: 0, settings: {} } },
    "0.1.0",
  );
  const text = (await pdfText(await buildReportPdf(project))).replace(/\s+/g, " ");
  assert.match(text, /AR\(1\) over obs within Mare/);
  assert.match(text, /Correlation \(Phi\): 0\.607, approximate 95% CI \[0\.488, 0\.705\]/);
  assert.match(text, /corAR1\(form = ~ obs \| Mare\)/);
  assert.match(text, /Marginal F tests/);
  assert.doesNotMatch(text, /Satterthwaite/);
  assert.match(text, /Residuals vs fitted/);
  assert.match(text, /Standardized \(Pearson\) residual/);
  assert.match(text, /Normal Q–Q/);
  assert.match(text, /Predicted follicles over sin2pi \(95% CI\)/);
  assert.match(text, /Mare: Intercept \(conditional modes ± 1\.96 SD\)/);
});
