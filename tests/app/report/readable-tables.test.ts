// Readable term names in the result tables (issue 16), the "R names" setting (project
// view.settings.termNames) in the text and PDF reports, CSV with both names, and the random-effects
// table without an empty correlation column. Politeness as the tests/e2e sample data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PDFParse } from "pdf-parse";
import { createProject, fitModel, parseProject, projectDataFromTable, serializeProject, type Project } from "../../../app/project";
import { buildReportText, formatTable, randomEffectsTable, resultTables, tableForClipboard, tableToCsv, type ResultTable } from "../../../app/report";
import { buildReportPdf } from "../../../app/report/pdf";
import { bootstrapTable, standardizedTable } from "../../../app/report/analysis-sections";
import { politeness, sleepstudy, spec } from "../project/sample-projects";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { CASES, builtFormula, caseCsv } from "../../fixtures/column-names/cases";

const pol = spec("Pol", "frequency ~ attitude * gender + (1 + attitude | subject) + (1 | scenario)");
const polFit = fitModel(politeness, pol);
const tables = resultTables(polFit.view);
const byId = (id: string): ResultTable => tables.find((t) => t.id === id)!;

function project(settings: Record<string, string>): Project {
  return createProject({ data: projectDataFromTable(politeness, "politeness.csv"), models: [{ spec: pol, result: polFit }], view: { selectedModel: 0, settings } }, "0.1.0");
}

test("fixed effects, random slopes and ANOVA terms read as contrasts; R's names on request", () => {
  const fixed = formatTable(byId("fixed-effects"), "apa");
  assert.deepEqual(fixed.rows.map((r) => r[0]), ["Intercept", "attitude: pol vs. inf", "gender: M vs. F", "attitude × gender: (pol vs. inf) × (M vs. F)"]);
  assert.deepEqual(formatTable(byId("fixed-effects"), "apa", "r").rows.map((r) => r[0]), ["(Intercept)", "attitudepol", "genderM", "attitudepol:genderM"]);
  const random = formatTable(byId("random-effects"), "apa").rows.map((r) => r[1]);
  assert.ok(random.includes("attitude: pol vs. inf"), random.join(" | "));
  assert.ok(random.includes("Intercept with attitude: pol vs. inf"), random.join(" | "));
  assert.deepEqual(formatTable(byId("anova"), "apa").rows.map((r) => r[0]), ["attitude", "gender", "attitude × gender"]);
  assert.deepEqual(formatTable(byId("anova"), "apa", "r").rows.map((r) => r[0]), ["attitude", "gender", "attitude:gender"]);
});

test("the clipboard copies the names as chosen; CSV keeps R's names and adds the readable ones", () => {
  assert.match(tableForClipboard(byId("fixed-effects"), "apa").html, /attitude: pol vs\. inf/);
  assert.match(tableForClipboard(byId("fixed-effects"), "apa", "r").text, /\nattitudepol\t/);
  const csv = tableToCsv(byId("fixed-effects"), "apa").split("\r\n");
  assert.match(csv[0], /^Term,.*,Term \(readable\)$/);
  assert.match(csv[2], /^attitudepol,-\d+\.\d{6,}.*,attitude: pol vs\. inf$/);
});

test("random effects: no correlation column without correlations; correlations without a leading zero (APA)", () => {
  const intercepts = fitModel(sleepstudy, spec("i", "Reaction ~ Days + (1 | Subject)")).view;
  const plain = formatTable(randomEffectsTable(intercepts), "apa");
  assert.deepEqual(plain.header, ["Group", "Term", "Variance", "SD"]);
  for (const row of plain.rows) assert.ok(row.every((c, j) => j === 1 || c !== ""), `no empty cell: ${row.join(" | ")}`);
  const slopes = formatTable(randomEffectsTable(fitModel(sleepstudy, spec("s", "Reaction ~ Days + (Days | Subject)")).view), "apa");
  assert.equal(plain.header.length + 1, slopes.header.length);
  assert.equal(slopes.header.at(-1), "r");
  const corr = slopes.rows.find((r) => r[1] === "Intercept with Days")!;
  assert.match(corr.at(-1)!, /^−?\.\d\d$/);
});

test("the text and PDF reports follow the project's R-names setting (readable by default)", async () => {
  const readable = buildReportText(project({ numberStyle: "apa" }));
  assert.match(readable, /attitude: pol vs\. inf\s+−/);
  assert.doesNotMatch(readable, /attitudepol\s/);
  assert.match(buildReportText(project({ numberStyle: "apa", termNames: "r" })), /attitudepol\s+−/);
  const pdfText = async (p: Project) => {
    const parser = new PDFParse({ data: await buildReportPdf(p, { numberStyle: "apa" }) });
    return (await parser.getText()).text.replace(/\s+/g, " ");
  };
  const shown = formatTable(byId("fixed-effects"), "apa").rows[1].join(" ");
  assert.ok((await pdfText(project({}))).includes(shown), `the PDF has the row as shown: ${shown}`);
  assert.match(await pdfText(project({ termNames: "r" })), /attitudepol −/);
});

test("hostile column names: tables, the report's formula line and its caterpillar title show them plainly, never in backticks", () => {
  const sleepCsv = readFileSync(join(import.meta.dirname, "../../fixtures/reference/data/sleepstudy.csv"), "utf8");
  for (const c of CASES) {
    const table = parseCsv(Buffer.from(caseCsv(c, sleepCsv)), { categorical: [c.subject] });
    const s = spec(c.id, builtFormula(c));
    const result = fitModel(table, s);
    const text = buildReportText(createProject({ data: projectDataFromTable(table, "s.csv"), models: [{ spec: s, result }], view: { selectedModel: 0, settings: {} } }, "0.1.0"));
    const shown = resultTables(result.view).flatMap((t) => formatTable(t, "apa").rows.map((r) => r[0] + " " + r[1]));
    assert.ok(shown.some((row) => row.startsWith(`${c.days} `)), `${c.id}: ${c.days} in ${shown.join(" | ")}`);
    assert.ok(text.includes(`Formula: ${c.outcome} ~ ${c.days} + (${c.days} | ${c.subject})`), `${c.id}: ${text.split("\n")[1]}`);
    assert.equal(formatTable(randomEffectsTable(result.view), "apa").rows.find((r) => r[1] === `Intercept with ${c.days}`)?.[0], c.subject);
  }
});

test("the project file keeps the term metadata and the R-names setting; damaged term metadata is refused", () => {
  const saved = project({ numberStyle: "apa", termNames: "r" });
  const back = parseProject(serializeProject(saved), "pol.mixwell");
  assert.deepEqual(back.models[0].result!.view.termInfo, polFit.view.termInfo);
  assert.equal(back.view.settings.termNames, "r");
  const damaged = JSON.parse(serializeProject(saved)) as { models: { result: { view: { termInfo: { columns: { parts: unknown[] }[] } } } }[] };
  damaged.models[0].result.view.termInfo.columns[1].parts = [{ kind: "contrast", variable: "attitude" }];
  assert.throws(() => parseProject(JSON.stringify(damaged), "bad.mixwell"), /termInfo\.columns\[1\]\.parts\[0\]\.kind/);
});

test("standardized and bootstrap tables name terms as the Fixed and Random effects tables do; R's names on request", () => {
  const std = [
    { term: "(Intercept)", std_estimate: 0, std_lower: -0.2, std_upper: 0.2 },
    { term: "attitudepol", std_estimate: -0.3, std_lower: -0.5, std_upper: -0.1 },
  ] as unknown as Parameters<typeof standardizedTable>[0];
  const stdTable = standardizedTable(std, polFit.view.termInfo);
  assert.deepEqual(formatTable(stdTable, "apa").rows.map((r) => r[0]), ["Intercept", "attitude: pol vs. inf"]);
  assert.deepEqual(formatTable(stdTable, "apa", "r").rows.map((r) => r[0]), ["(Intercept)", "attitudepol"]);
  const boot = {
    nboot: 100,
    seed: 1,
    failures: 0,
    nonConverged: 0,
    level: 0.95,
    ci_boot: [
      { term: "attitudepol", kind: "fixef", lower: -30, upper: -10 },
      { group: "subject", name1: "(Intercept)", name2: null, kind: "sd", lower: 10, upper: 40 },
      { group: "subject", name1: "(Intercept)", name2: "attitudepol", kind: "correlation", lower: -0.9, upper: 0.5 },
      { group: "Residual", name1: null, name2: null, kind: "sd", lower: 20, upper: 30 },
    ],
  } as unknown as Parameters<typeof bootstrapTable>[0];
  const bootTable = bootstrapTable(boot, polFit.view.termInfo);
  assert.deepEqual(formatTable(bootTable, "apa").rows.map((r) => r[0]), [
    "attitude: pol vs. inf",
    "SD, subject: Intercept",
    "Correlation, subject: Intercept with attitude: pol vs. inf",
    "Residual SD (σ)",
  ]);
  assert.deepEqual(formatTable(bootTable, "apa", "r").rows.map((r) => r[0]), ["attitudepol", "sd subject: (Intercept)", "cor subject: (Intercept), attitudepol", "sigma"]);
});
