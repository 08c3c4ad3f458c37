// The app's PDF export (report job): post-hoc requests kept after a refit, whose results were not
// computed again in the panel, are computed for the report from the project's data.
// R (tests/app/emmeans/reference.R, "cake recipe pairs satterthwaite tukey"): A - C p = 0.810168848416779.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PDFParse } from "pdf-parse";
import { completePosthoc, createProject, fitModel, projectDataFromTable } from "../../../app/project";
import { reportJob } from "../../../main/project/report-job";
import { cake, CAKE_FORMULA, spec } from "../../app/project/sample-projects";

function project(current: boolean) {
  const model = spec("Cake", CAKE_FORMULA);
  const result = { ...fitModel(cake, model), current };
  return createProject(
    {
      data: projectDataFromTable(cake, "cake.csv"),
      models: [{ spec: model, result, posthoc: [{ request: { specs: ["recipe"], by: [], adjust: "tukey", df: null }, result: null }] }],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
  );
}

test("completePosthoc computes a missing post-hoc result for a fit made on the saved data, not for an out-of-date one", () => {
  const done = completePosthoc(project(true)).models[0].posthoc![0].result!;
  const p = done.pairs!.rows.find((r) => r.contrast === "A - C")!.p;
  assert.ok(Math.abs(p - 0.810168848416779) < 1e-4 * 0.81, `Tukey p ${p}`);
  assert.equal(completePosthoc(project(false)).models[0].posthoc![0].result, null);
});

test("the report job writes the computed comparisons into the PDF", async () => {
  const pdf = await reportJob({ project: project(true), projectName: "cake.mixwell", numberStyle: "plain" }, { progress: () => {} });
  const parser = new PDFParse({ data: pdf });
  const text = (await parser.getText()).text.replace(/\s+/g, " ");
  await parser.destroy();
  assert.match(text, /Pairwise comparisons: recipe \(p-values adjusted by the Tukey method\)/);
  assert.match(text, /A - C 1\.52222 2\.456 42\.0 0\.6197 0\.81/);
});
