// Ordinal models in the app (issue 18): the family is a model-spec choice (builder label and
// help, API and project validation); fitModel — the worker's path — fits it as ordinal::clmm and
// its FitView carries the thresholds, z tests, Wald intervals and odds ratios, matching the stored
// clmm case (tests/fixtures/reference-ordinal/cases/wine-logit.json); the project file keeps the
// family and the results; runFit-based analyses refuse it in plain words; the R code is clmm's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { FAMILY_HELP, FAMILY_LABELS, MODEL_FAMILIES } from "../../../app/engine/families";
import { runFit } from "../../../app/engine/run-fit";
import { createProject, fitModel, parseProject, projectDataFromTable, serializeProject } from "../../../app/project";
import { parseEnvelope } from "../../../app/api/validate";
import { rCode } from "../../../app/code-gen/r-code";
import { pythonCode } from "../../../app/code-gen/python-code";
import { resultTables } from "../../../app/report/result-tables";
import { modelReportText } from "../../../app/report/text-report";
import { buildReportPdf } from "../../../app/report/pdf";
import { PDFParse } from "pdf-parse";
import { runEmmeans } from "../../../app/emmeans/run-emmeans";
import { checkOptimizers } from "../../../app/guided-fix/optimizer-check";
import { runComparison } from "../../../app/inference/run-compare";
import { ranovaJob, standardizedEffectsJob } from "../../../main/workers/jobs/ranova";
import { guidedFixJob } from "../../../main/workers/jobs/guided-fix";
import { spec } from "./sample-projects";

const DIR = join(import.meta.dirname, "../../fixtures/reference-ordinal");
const wine = parseCsv(readFileSync(join(DIR, "data/wine.csv")));
interface Coef { name?: string; term?: string; estimate: number; se: number; statistic: number; p: number }
const ref = JSON.parse(readFileSync(join(DIR, "cases/wine-logit.json"), "utf8")) as {
  formula: string;
  thresholds: Coef[];
  fixef: Coef[];
  varcorr: { value: number }[];
  logLik: number;
  AIC: number;
};
const ordinalSpec = spec("Wine", ref.formula, { family: "ordinal", link: "logit", categorical: ["rating"] });
const close = (a: number | null | undefined, b: number, rel: number, what: string) =>
  assert.ok(typeof a === "number" && Math.abs(a - b) <= rel * Math.abs(b) + 1e-8, `${what}: ${a} vs ${b}`);

test("ordinal is a family of the builder's choice, with its label and a when-to-use line", () => {
  assert.ok((MODEL_FAMILIES as readonly string[]).includes("ordinal"));
  assert.equal(FAMILY_LABELS.ordinal, "Ordinal (cumulative link)");
  assert.match(FAMILY_HELP.ordinal, /Likert/);
  const call = (family: string) => parseEnvelope({ requestId: "r1", method: "fit", payload: { tableId: "t1", spec: { formula: ref.formula, family, link: "probit" } } });
  assert.equal((call("ordinal").payload as unknown as { spec: { family: string } }).spec.family, "ordinal");
  assert.throws(() => call("ordered"));
});

test("fitModel fits an ordinal spec as clmm: thresholds, coefficients, odds ratios and variance as R", () => {
  const result = fitModel(wine, ordinalSpec, "2026-12-07T12:00:00.000Z");
  const v = result.view;
  assert.equal(v.family, "ordinal");
  assert.equal(v.statisticName, "z");
  assert.deepEqual(v.categories, ["1", "2", "3", "4", "5"]);
  assert.deepEqual(v.thresholds!.map((t) => t.name), ref.thresholds.map((t) => t.name));
  v.thresholds!.forEach((t, i) => {
    const r = ref.thresholds[i];
    close(t.estimate, r.estimate, 1e-3, `${t.name} estimate`);
    close(t.se, r.se, 1e-3, `${t.name} se`);
    close(t.p, r.p, 1e-3, `${t.name} p`);
  });
  assert.deepEqual(v.fixef.map((f) => f.term), ["tempwarm", "contactyes"]);
  v.fixef.forEach((f, i) => {
    const r = ref.fixef[i];
    close(f.estimate, r.estimate, 1e-3, `${f.term} estimate`);
    close(f.se, r.se, 1e-3, `${f.term} se`);
    close(f.statistic, r.statistic, 1e-3, `${f.term} z`);
    close(f.lower, r.estimate - 1.959963984540054 * r.se, 1e-3, `${f.term} lower`);
    close(f.expEstimate, Math.exp(r.estimate), 1e-3, `${f.term} odds ratio`);
    close(f.expUpper, Math.exp(r.estimate + 1.959963984540054 * r.se), 1e-3, `${f.term} odds ratio upper`);
  });
  close(v.varcorr[0].value, ref.varcorr[0].value, 1e-3, "judge variance");
  close(v.logLik, ref.logLik, 1e-6, "logLik");
  close(v.AIC, ref.AIC, 1e-6, "AIC");
  const tables = resultTables(v);
  assert.deepEqual(tables.map((t) => t.title).slice(0, 3), ["Thresholds", "Fixed effects", "Random effects"]);
  assert.deepEqual(tables[0].rows.map((r) => r[0]), ["1|2", "2|3", "3|4", "4|5"]);
  assert.ok(tables[1].columns.some((c) => c.label === "exp(b)"));
});

test("an ordinal model and its result survive serialize → parse", () => {
  const result = fitModel(wine, ordinalSpec, "2026-12-07T12:00:00.000Z");
  const project = createProject(
    { data: projectDataFromTable(wine, "wine.csv", ["NA", ""]), models: [{ spec: ordinalSpec, result }], view: { selectedModel: 0, settings: {} } },
    "0.1.0",
    "2026-12-07T12:01:00.000Z",
  );
  const back = parseProject(serializeProject(project), "wine.mixwell");
  assert.deepEqual(back, JSON.parse(JSON.stringify(project)));
  assert.equal(back.models[0].spec.family, "ordinal");
  assert.equal(back.models[0].result!.view.thresholds!.length, 4);
  const doc = JSON.parse(serializeProject(project)) as { models: { result: { view: { thresholds: unknown } } }[] };
  doc.models[0].result.view.thresholds = [{ name: "1|2" }];
  assert.throws(() => parseProject(JSON.stringify(doc), "bad.mixwell"), /thresholds/);
});

test("analyses built on runFit refuse an ordinal model in plain words (the guided fix takes it); a numeric outcome must be categorical", () => {
  const fitSpec = { formula: ref.formula, family: "ordinal", categorical: ["rating"] } as const;
  const refused = /not available for an ordinal \(cumulative link\) model/;
  const context = { progress() {} } as unknown as Parameters<typeof ranovaJob>[1];
  assert.throws(() => runFit(wine, fitSpec), refused);
  assert.throws(() => runEmmeans(wine, fitSpec, { specs: ["temp"] }), refused);
  assert.throws(() => checkOptimizers(wine, fitSpec), refused);
  assert.throws(() => runComparison(wine, [fitSpec, { ...fitSpec, formula: "rating ~ temp + (1 | judge)" }]), refused);
  assert.throws(() => ranovaJob({ table: wine, spec: fitSpec }, context), /Random-effect tests \(lmerTest's ranova\) are for linear mixed models/);
  assert.throws(() => standardizedEffectsJob({ table: wine, spec: fitSpec }, context), refused);
  // The guided fix does take ordinal models (a clmm fit is diagnosed and simplified like a glmer one).
  assert.ok(Array.isArray(guidedFixJob({ table: wine, spec: fitSpec }, context).causes));
  assert.throws(() => fitModel(wine, { ...ordinalSpec, categorical: [] }), /Mark 'rating' as categorical/);
});

test("the R code of an ordinal model is clmm's, with the outcome's categories in order", () => {
  const code = rCode({ spec: { ...ordinalSpec, link: "probit" }, fileName: "wine.csv", columns: [{ name: "rating", kind: "categorical", levels: ["1", "2", "3", "4", "5"] }, { name: "temp", kind: "categorical" }, { name: "contact", kind: "categorical" }, { name: "judge", kind: "number" }] });
  assert.ok(code.ok, code.ok ? "" : code.reason);
  assert.match(code.code, /library\(ordinal\)/);
  assert.match(code.code, /factor\(d\$rating, levels = c\("1", "2", "3", "4", "5"\), ordered = TRUE\)/);
  assert.match(code.code, /clmm\(rating ~ temp \+ contact \+ \(1 \| judge\), data = d, link = "probit"/);
  const python = pythonCode({ spec: ordinalSpec, fileName: "wine.csv", columns: [] });
  assert.ok(!python.ok && /cumulative link \(ordinal\)/.test(python.reason));
  const numbers = rCode({ spec: ordinalSpec, fileName: "wine.csv", columns: [{ name: "rating", kind: "number" }, { name: "temp", kind: "categorical" }, { name: "contact", kind: "categorical" }, { name: "judge", kind: "number" }] });
  assert.ok(numbers.ok && /d\$rating <- factor\(d\$rating, ordered = TRUE\)/.test(numbers.code), numbers.ok ? numbers.code : numbers.reason);
});

test("the text and PDF reports of an ordinal model show its Thresholds table and the clmm R code", async () => {
  const result = fitModel(wine, ordinalSpec, "2026-12-07T12:00:00.000Z");
  const project = createProject(
    { data: projectDataFromTable(wine, "wine.csv", ["NA", ""]), models: [{ spec: ordinalSpec, result }], view: { selectedModel: 0, settings: {} } },
    "0.1.0",
    "2026-12-07T12:01:00.000Z",
  );
  const text = modelReportText(project.models[0], wine);
  assert.match(text, /Thresholds[\s\S]*1\|2\s+[−-]1\.62[\s\S]*4\|5\s+6\.0[89]/);
  assert.match(text, /temp: warm vs\. cold\s+3\.06/);
  const pdf = await buildReportPdf(project, { projectName: "wine.mixwell", date: new Date("2026-12-07T10:30:00Z"), version: "0.1.0" });
  const parser = new PDFParse({ data: pdf });
  const pdfText = (await parser.getText()).text;
  await parser.destroy();
  assert.match(pdfText, /Thresholds/);
  assert.match(pdfText, /Family: ordinal \(cumulative link\), logit link/);
  assert.match(pdfText, /clmm\(rating ~ temp \+ contact \+ \(1 \| judge\)/);
  // The caterpillar of clmm's ranef/condVar, drawn by the PDF's plot code for every model; no residual plots.
  assert.match(pdfText, /judge: Intercept \(conditional modes ± 1\.96 SD\)/);
  assert.doesNotMatch(pdfText, /Residuals vs fitted/i);
});
