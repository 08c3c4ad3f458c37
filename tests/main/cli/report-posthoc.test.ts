// `mixwell report` with post-hoc analyses saved in the project (format 3): a request saved without
// results is computed on the project's data, and its tables go into the PDF and the CSV files.
// R (tests/app/emmeans/reference.R, "cake recipe pairs satterthwaite tukey"):
//   summary(pairs(emmeans(lmer(angle ~ recipe * temperature + (1 | recipe:replicate), cake), "recipe")), adjust = "tukey")
//   A - B  estimate 1.4777777777787  SE 2.45625334625543  t 0.601638988108285  p 0.81998782229173
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFParse } from "pdf-parse";
import { createProject, projectDataFromTable, serializeProject } from "../../../app/project";
import { runCli } from "../../../main/cli/main";
import { cake, CAKE_FORMULA, spec } from "../../app/project/sample-projects";

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd });
  return { code, out, err };
}

test("report: a saved post-hoc request without results is computed, and its Tukey table is in the PDF and the CSV", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-report-posthoc-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const project = createProject(
    {
      data: projectDataFromTable(cake, "cake.csv"),
      models: [{ spec: spec("Cake", CAKE_FORMULA), result: null, posthoc: [{ request: { specs: ["recipe"], by: [], adjust: "tukey", df: null }, result: null }] }],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
  );
  writeFileSync(join(dir, "cake.mixwell"), serializeProject(project));
  const r = await cli(dir, "report", "--project", "cake.mixwell", "--pdf", "cake.pdf", "--csv", "tables", "--text", "cake.txt");
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /computing the marginal means of recipe for 'Cake'/);
  const csv = readFileSync(join(dir, "tables", "Cake-pairwise-comparisons-recipe.csv"), "utf8").trim().split("\r\n");
  assert.equal(csv[0], "Contrast,Estimate,SE,df,t ratio,p (Tukey),lower 95% CL,upper 95% CL");
  const [contrast, estimate, se, , tRatio, p, lower, upper] = csv[1].split(",");
  assert.equal(contrast, "A - B");
  // R: confint(pairs(e), adjust = "tukey"): A - B lower.CL -4.489674, upper.CL 7.445230.
  for (const [value, expected] of [[estimate, 1.4777777777787], [se, 2.45625334625543], [tRatio, 0.601638988108285], [p, 0.81998782229173], [lower, -4.489674], [upper, 7.44523]] as const) {
    assert.ok(Math.abs(Number(value) - expected) <= 1e-4 * Math.abs(expected), `${value} vs R ${expected}`);
  }
  const parser = new PDFParse({ data: readFileSync(join(dir, "cake.pdf")) });
  const text = (await parser.getText()).text.replace(/\s+/g, " ");
  await parser.destroy();
  assert.match(text, /Pairwise comparisons: recipe \(p-values adjusted by the Tukey method\)/);
  assert.match(text, /A - B 1\.47778 2\.456 42\.0 0\.6016 0\.82/);
  // (A page break may fall between the R code's lines.)
  assert.match(text, /emm <- emmeans\(m, ~ recipe, lmer\.df = "satterthwaite"\)/);
  assert.match(text, /summary\(emm\) summary\(pairs\(emm\), adjust = "tukey", infer = c\(TRUE, TRUE\)\)/);
});

test("report --text -: the same report as plain text, with the design check, the comparisons and the adjustment named", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-report-text-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const model = spec("Cake", CAKE_FORMULA);
  const step = { fromModel: "Model 1", fromFormula: "angle ~ recipe * temperature + (1 + temperature | recipe:replicate)", causes: [], action: "drop-slope", reason: "remove that random slope", formula: CAKE_FORMULA, at: "2026-11-26T12:00:00Z" } as const;
  const project = createProject(
    {
      data: projectDataFromTable(cake, "cake.csv"),
      models: [{ spec: model, result: null, guidedStep: step, posthoc: [{ request: { specs: ["recipe"], by: [], adjust: "holm", df: null }, result: null }] }],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
  );
  writeFileSync(join(dir, "cake.mixwell"), serializeProject(project));
  const r = await cli(dir, "report", "--project", "cake.mixwell", "--text", "-");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Mixwell report: cake\.mixwell/);
  assert.match(r.out, /Cake was derived from Model 1 \(angle ~ recipe \* temperature \+ \(1 \+ temperature \| recipe:replicate\)\) by dropping a random slope, giving angle ~ recipe \* temperature \+ \(1 \| recipe:replicate\): remove that random slope\./);
  assert.match(r.out, /Design check for angle ~ recipe \* temperature \+ \(1 \| recipe:replicate\)/);
  assert.match(r.out, /recipe:replicate: 45 groups, rows per group 6–6/);
  // R: summary(pairs(e), adjust = "holm"): every p-value is 1 (cake recipe pairs satterthwaite holm).
  assert.match(r.out, /Pairwise comparisons: recipe \(p-values adjusted by the Holm method\)/);
  // R: confint(pairs(e), adjust = "holm") (Bonferroni intervals for 3 estimates): A - B [-4.647301, 7.602857].
  assert.match(r.out, /A - B\s+1\.47778\s+2\.456\s+42\.0\s+0\.6016\s+1\s+\[−4\.647, 7\.603\]\n/);
  assert.match(r.out, /P values adjusted by Holm's method for \d+ tests/);
});
