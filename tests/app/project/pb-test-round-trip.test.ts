// The parametric-bootstrap comparison (pbkrtest's PBmodcomp, the Comparison tab) kept in a project:
// an optional `inference.pbTest` on the larger model (format 3 unchanged) holding the smaller
// model's name and formula and the result (LRT, df, p-values, simulations, seed, counts). It is
// saved, validated and read back unchanged; a hostile or contradictory value is refused with a
// message naming the field, and a project without it opens as before; the text and PDF reports
// print its line and sentence; a column rename follows into the smaller model's formula. The
// result is computed here by the app's own PBmodcomp on sleepstudy (checked against pbkrtest in
// the inference tests).
import { test } from "node:test";
import assert from "node:assert/strict";
import { PDFParse } from "pdf-parse";
import { fitPbModels, pbRefits, pbResult, pbSentence } from "../../../app/inference/pb-modcomp";
import { createProject, fitModel, parseProject, ProjectFileError, projectDataFromTable, serializeProject, type Project } from "../../../app/project";
import type { StoredPbTest } from "../../../app/project/schema";
import { buildReportText } from "../../../app/report";
import { buildReportPdf } from "../../../app/report/pdf";
import { pbTestLine } from "../../../app/report/pb-section";
import { renameColumnInInference } from "../../../app/model-spec";
import { sleepstudy, spec } from "./sample-projects";

const LARGE = spec("With Days", "Reaction ~ Days + (Days | Subject)");
const SMALL = spec("Without Days", "Reaction ~ 1 + (Days | Subject)");

let cached: { project: Project; pbTest: StoredPbTest } | null = null;
function pbProject(): { project: Project; pbTest: StoredPbTest } {
  if (cached) return cached;
  const models = fitPbModels(sleepstudy, [SMALL, LARGE]);
  const pbTest: StoredPbTest = { against: { name: SMALL.name, formula: SMALL.formula }, result: pbResult(models, 7, pbRefits(models, 7, 0, 20)) };
  const project = createProject(
    {
      data: projectDataFromTable(sleepstudy, "sleepstudy.csv"),
      models: [
        { spec: LARGE, result: fitModel(sleepstudy, LARGE, "2026-12-08T10:00:00.000Z"), inference: { pbTest } },
        { spec: SMALL, result: fitModel(sleepstudy, SMALL, "2026-12-08T10:00:01.000Z") },
      ],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
    "2026-12-08T10:01:00.000Z",
  );
  cached = { project, pbTest };
  return cached;
}

type Doc = { models: { inference?: { pbTest?: Record<string, unknown> & { result: Record<string, unknown> } } | null }[] };
function openEdited(edit: (doc: Doc) => void): Project {
  const doc = JSON.parse(serializeProject(pbProject().project)) as Doc;
  edit(doc);
  return parseProject(JSON.stringify(doc), "hostile.mixwell");
}

test("a PB comparison is saved with the larger model and read back unchanged, with its p-value", () => {
  const { project, pbTest } = pbProject();
  const reopened = parseProject(serializeProject(project), "pb.mixwell");
  const stored = reopened.models[0].inference?.pbTest;
  assert.deepEqual(stored, pbTest);
  const r = stored!.result;
  assert.equal(r.nsim, 20);
  assert.equal(r.seed, 7);
  assert.equal(r.df, 1);
  assert.ok(r.lrt > 20, `LRT ${r.lrt} (Days matters: 23.5 on 1 df)`);
  assert.equal(r.pb_p, (1 + r.extreme) / (1 + r.used));
  // Everything else of the project is as saved.
  assert.deepEqual(reopened.models.map((m) => m.spec), project.models.map((m) => m.spec));
  assert.deepEqual(reopened.data, project.data);
});

test("a project without a PB comparison opens as before, and the other model holds none", () => {
  const reopened = openEdited((doc) => delete doc.models[0].inference);
  assert.equal(reopened.models[0].inference, undefined);
  assert.equal(reopened.models[1].inference?.pbTest, undefined);
});

test("a hostile or contradictory PB comparison is refused, naming the field", () => {
  const path = "project.models[0].inference.pbTest";
  const cases: [string, (t: NonNullable<NonNullable<Doc["models"][0]["inference"]>["pbTest"]>) => void, RegExp][] = [
    ["p-value its counts contradict", (t) => (t.result.pb_p = 0.5), /result\.pb_p should be \(1 \+ \d+\) \/ \(1 \+ \d+\)/],
    ["p-value above 1", (t) => (t.result.pb_p = 2), /result\.pb_p should be a p-value from 0 to 1/],
    ["text for the LRT", (t) => (t.result.lrt = "23.5"), /result\.lrt should be a number/],
    ["negative simulations", (t) => (t.result.nsim = -5), /result\.nsim should be a whole number/],
    ["too many simulations", (t) => (t.result.nsim = 1e9), /result\.nsim should be a number of simulations from 1 to/],
    ["counts not adding up", (t) => (t.result.used = (t.result.used as number) - 1), /result\.used should be/],
    ["no smaller model", (t) => delete t.against, /pbTest\.against is missing/],
    ["an empty model name", (t) => ((t.against as { name: string }).name = " "), /against\.name should be text that is not empty/],
    ["a fractional seed", (t) => (t.result.seed = 1.5), /result\.seed should be a whole number/],
  ];
  for (const [what, edit, message] of cases) {
    assert.throws(
      () => openEdited((doc) => edit(doc.models[0].inference!.pbTest!)),
      (err: unknown) => err instanceof ProjectFileError && err.message.includes(path) && message.test(err.message) && err.message.startsWith("Could not open 'hostile.mixwell'."),
      what,
    );
  }
});

test("the text and PDF reports print the PB comparison's line and sentence under the larger model", async () => {
  const { project, pbTest } = pbProject();
  const text = buildReportText(project);
  const line = pbTestLine(pbTest);
  assert.match(line, /^Parametric bootstrap test against Without Days \(Reaction ~ 1 \+ \(Days \| Subject\)\): PB p = 0\.\d+ \(χ² p = [\d.e-]+, LRT = 23\.\d\d, df = 1\)\.$/);
  const at = text.indexOf(line);
  assert.ok(at > text.indexOf("Model: With Days") && at < text.indexOf("Model: Without Days"), text);
  assert.ok(text.includes(pbSentence(pbTest.result)));
  const pdf = new PDFParse({ data: await buildReportPdf(project) });
  const pdfText = (await pdf.getText()).text.replace(/\s+/g, " ");
  await pdf.destroy();
  assert.ok(pdfText.includes("Parametric bootstrap test against Without Days"), "the PDF has the line");
  assert.ok(pdfText.includes(`PB p = ${line.match(/PB p = ([\d.]+)/)![1]}`), "the PDF has the p-value");
});

test("a column rename follows into the smaller model's formula", () => {
  const { pbTest } = pbProject();
  const renamed = renameColumnInInference({ pbTest }, LARGE.formula, "Days", "Days of sleep deprivation");
  assert.equal(renamed.pbTest?.against.formula, "Reaction ~ 1 + (`Days of sleep deprivation` | Subject)");
  assert.deepEqual(renamed.pbTest?.result, pbTest.result);
});
