// The PDF report's plots (issue 16): each predictor's effect plot, an interaction plot when the
// model has factors that interact, and a caterpillar plot for every grouping factor; the
// Johnson–Neyman plot only where the analysis was run (its content: inference-round-trip.test.ts),
// and the region it shades. Ordinal fits' charts: tests/app/emmeans/posthoc-report.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PDFParse } from "pdf-parse";
import { createProject, fitModel, projectDataFromTable } from "../../../app/project";
import { buildReportPdf } from "../../../app/report/pdf";
import { significantIntervals } from "../../../app/report/pdf/johnson-neyman-plot";
import { politeness, spec } from "../project/sample-projects";

async function reportText(formula: string): Promise<string> {
  const s = spec("Pol", formula);
  const project = createProject({ data: projectDataFromTable(politeness, "politeness.csv"), models: [{ spec: s, result: fitModel(politeness, s) }], view: { selectedModel: 0, settings: {} } }, "0.1.0");
  const parser = new PDFParse({ data: await buildReportPdf(project, { numberStyle: "apa" }) });
  return (await parser.getText()).text.replace(/\s+/g, " ");
}

test("the PDF has an effect plot per predictor, an interaction plot, and a caterpillar plot per grouping factor", async () => {
  const text = await reportText("frequency ~ attitude * gender + (1 | subject) + (1 | scenario)");
  assert.match(text, /Predicted frequency over attitude \(95% CI\)/);
  assert.match(text, /Predicted frequency over gender \(95% CI\)/);
  assert.match(text, /Predicted frequency over attitude by gender \(95% CI\)/);
  assert.match(text, /gender = F/);
  // The level labels of a categorical axis, not numbers between them.
  assert.match(text, /over attitude \(95% CI\) inf pol/);
  assert.match(text, /scenario: Intercept \(conditional modes ± 1\.96 SD\)/);
  assert.match(text, /subject: Intercept \(conditional modes ± 1\.96 SD\)/);
  assert.doesNotMatch(text, /Johnson–Neyman/, "no J-N plot without the analysis");
});

test("the PDF draws a caterpillar panel for each random effect of a grouping factor, slopes too", async () => {
  const text = await reportText("frequency ~ attitude + (attitude | subject)");
  const at = text.indexOf("subject: conditional modes ± 1.96 SD");
  assert.ok(at >= 0, "one title over the panels of subject");
  const panels = text.slice(at, text.indexOf("R code to reproduce"));
  // the intercept's panel, then the slope's: each a title over its axis
  assert.match(panels, /^subject: conditional modes ± 1\.96 SD Intercept .*Conditional mode.* attitude: pol vs\. inf .*Conditional mode/);
  assert.doesNotMatch(text, /subject: Intercept \(conditional modes/, "not the intercept alone");
});

test("the J-N plot shades where the slope differs from 0, clipped to the moderator's observed range", () => {
  const range = [-2, 6] as const;
  assert.deepEqual(significantIntervals({ range, lower: -1, upper: 3, significant: "outside" }), [[-2, -1], [3, 6]]);
  assert.deepEqual(significantIntervals({ range, lower: -5, upper: 3, significant: "outside" }), [[3, 6]]);
  assert.deepEqual(significantIntervals({ range, lower: 1, upper: 9, significant: "inside" }), [[1, 6]]);
  assert.deepEqual(significantIntervals({ range, lower: 7, upper: 9, significant: "inside" }), []);
  assert.deepEqual(significantIntervals({ range, lower: null, upper: null, significant: "everywhere" }), [[-2, 6]]);
  assert.deepEqual(significantIntervals({ range, lower: null, upper: null, significant: "nowhere" }), []);
});

test("without an interaction there is no interaction plot", async () => {
  const text = await reportText("frequency ~ attitude + gender + (1 | subject)");
  assert.match(text, /Predicted frequency over attitude \(95% CI\)/);
  assert.doesNotMatch(text, / by gender \(95% CI\)/);
});
