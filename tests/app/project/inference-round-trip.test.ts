// Issue 19's inference stored with a model: ranova, Johnson–Neyman, standardized effects and a
// parametric bootstrap are saved (optional field `inference`, format 3 unchanged), validated and
// read back; a hostile file (wrong types, huge lists, inference without a fit) is refused with a
// message naming the field; the text and PDF reports print each with its sentence; a refit for
// the report drops them. The numbers are computed here by the app's own functions on sleepstudy
// and tests/fixtures/johnson-neyman/jn-data.csv (their agreement with R is tested elsewhere).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFParse } from "pdf-parse";
import { parseCsv } from "../../../app/data";
import { runFitWithFrame } from "../../../app/engine/run-fit";
import type { LmmFit } from "../../../app/engine/lmm/types";
import { ranova } from "../../../app/inference/ranova";
import { runJohnsonNeyman } from "../../../app/inference/run-johnson-neyman";
import { standardizedEffects } from "../../../app/inference/standardize";
import { bootstrapSentence, type BootstrapResult } from "../../../app/inference/bootstrap-summary";
import { createProject, fitModel, parseProject, PROJECT_VERSION, ProjectFileError, projectDataFromTable, serializeProject, type Project } from "../../../app/project";
import { reportModels } from "../../../app/project/report-models";
import { INFERENCE_LIMITS } from "../../../app/project/validate-analyses";
import { buildReportText, formatTable, ranovaNote } from "../../../app/report";
import { johnsonNeymanBoundsTable, johnsonNeymanNote, simpleSlopesTable, STANDARDIZED_NOTE } from "../../../app/report/analysis-sections";
import { buildReportPdf } from "../../../app/report/pdf";
import { bootstrapRCode, rCode } from "../../../app/code-gen";
import { sleepstudy, spec } from "./sample-projects";

const jnData = parseCsv(readFileSync(join(import.meta.dirname, "../../fixtures/johnson-neyman/jn-data.csv")));

const SLOPES = spec("Random slopes", "Reaction ~ Days + (Days | Subject)");
const JN = spec("Interaction", "y ~ x * m + (x | g)");

/** Stored as the bootstrap job returns it (its numbers are checked against R in the bootstrap tests). */
const BOOT: BootstrapResult = {
  nboot: 200,
  seed: 20261207,
  failures: 3,
  nonConverged: 2,
  level: 0.95,
  ci_boot: [
    { term: "(Intercept)", kind: "fixef", lower: 237.6, upper: 265.1 },
    { term: "Days", kind: "fixef", lower: 7.4, upper: 13.5 },
    { group: "Subject", name1: "(Intercept)", name2: null, kind: "sd", lower: 12.1, upper: 35.6 },
    { group: "Subject", name1: "(Intercept)", name2: "Days", kind: "correlation", lower: -0.5, upper: 0.9 },
    { group: "Residual", name1: null, name2: null, kind: "sd", lower: 22.6, upper: 28.6 },
  ],
};

let cached: Project | null = null;
function inferenceProject(): Project {
  if (cached) return cached;
  const fitted = runFitWithFrame(sleepstudy, { ...SLOPES, inference: false, profileCi: false });
  const ranovaView = { reml: true, rows: ranova(sleepstudy, SLOPES.formula, fitted.fit as LmmFit, fitted.frame, { categorical: [] }) };
  const jnFrame = runFitWithFrame(jnData, { ...JN, inference: false, profileCi: false }).frame;
  const johnsonNeyman = runJohnsonNeyman(jnData, { ...JN, profileCi: false }, { x: "x", moderator: "m" });
  cached = createProject(
    {
      // Two data sets cannot share a project; the J-N model's stored fit is marked as made on other data.
      data: projectDataFromTable(sleepstudy, "sleepstudy.csv"),
      models: [
        { spec: SLOPES, result: fitModel(sleepstudy, SLOPES, "2026-12-07T10:00:00.000Z"), inference: { ranova: ranovaView, bootstrap: BOOT, standardized: standardizedEffects(sleepstudy, SLOPES, fitted.frame) } },
        { spec: JN, result: { ...fitModel(jnData, JN, "2026-12-07T10:01:00.000Z"), current: true }, inference: { johnsonNeyman, standardized: standardizedEffects(jnData, JN, jnFrame) } },
      ],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
    "2026-12-07T10:02:00.000Z",
  );
  return cached;
}

/** The saved project as JSON, changed by `edit`, then opened. */
function openEdited(edit: (doc: { models: { inference?: Record<string, unknown>; result: unknown }[] }) => void): Project {
  const doc = JSON.parse(serializeProject(inferenceProject()));
  edit(doc);
  return parseProject(JSON.stringify(doc), "hostile.mixwell");
}

test("ranova, J-N, standardized effects and bootstrap are saved with the model and read back unchanged (format 3)", () => {
  const project = inferenceProject();
  const text = serializeProject(project);
  assert.equal(JSON.parse(text).version, PROJECT_VERSION);
  const back = parseProject(text, "inference.mixwell");
  const [slopes, jn] = back.models;
  assert.deepEqual(slopes.inference?.ranova, project.models[0].inference?.ranova);
  assert.deepEqual(slopes.inference?.bootstrap, BOOT);
  assert.deepEqual(slopes.inference?.standardized, project.models[0].inference?.standardized);
  assert.equal(slopes.inference?.ranova?.rows[0].term, "<none>");
  assert.ok(slopes.inference!.ranova!.rows.some((r) => r.term === "Days in (Days | Subject)"));
  // J-N: the bounds, range and curve as computed (Satterthwaite df are finite, so JSON keeps them).
  const want = project.models[1].inference!.johnsonNeyman!;
  assert.deepEqual(jn.inference?.johnsonNeyman, want);
  assert.equal(jn.inference?.johnsonNeyman?.x, "x");
  assert.ok(want.lower !== null && want.upper !== null && want.lower < want.upper);
});

test("a z-test J-N result (df = Inf) and NaN bootstrap bounds survive JSON as ∞ and NaN", () => {
  const back = openEdited((doc) => {
    const jn = doc.models[1].inference!.johnsonNeyman as { df: string; simpleSlopes: { df: number | null }[] };
    jn.df = "asymptotic";
    for (const s of jn.simpleSlopes) s.df = null;
    (doc.models[0].inference!.bootstrap as { ci_boot: { lower: number | null }[] }).ci_boot[3].lower = null;
  });
  assert.ok(back.models[1].inference!.johnsonNeyman!.simpleSlopes.every((s) => s.df === Infinity));
  assert.ok(Number.isNaN(back.models[0].inference!.bootstrap!.ci_boot[3].lower));
});

test("a project without inference (older files) opens as before", () => {
  const back = openEdited((doc) => doc.models.forEach((m) => delete m.inference));
  assert.equal(back.models[0].inference, undefined);
});

test("a hostile project's inference is refused with a message naming the field", () => {
  const refused = (edit: Parameters<typeof openEdited>[0], message: RegExp) =>
    assert.throws(() => openEdited(edit), (err: unknown) => err instanceof ProjectFileError && message.test(err.message), String(message));
  refused((doc) => (doc.models[0].inference!.ranova = { reml: "yes", rows: [] }), /models\[0\]\.inference\.ranova\.reml should be true or false/);
  refused((doc) => ((doc.models[0].inference!.ranova as { rows: unknown[] }).rows[1] = { term: "x", npar: "7" }), /inference\.ranova\.rows\[1\]\.npar should be a whole number/);
  refused((doc) => (doc.models[0].inference!.standardized = "β"), /inference\.standardized should be a list/);
  refused((doc) => ((doc.models[0].inference!.bootstrap as { failures: number }).failures = 201), /bootstrap\.failures should be at most the number of refits \(200\)/);
  refused((doc) => ((doc.models[0].inference!.bootstrap as { seed: number }).seed = 1.5), /bootstrap\.seed should be a whole number/);
  refused((doc) => ((doc.models[0].inference!.bootstrap as { nboot: number }).nboot = 1e9), /bootstrap\.nboot should be a number of refits from 1 to 1000000/);
  refused((doc) => ((doc.models[1].inference!.johnsonNeyman as { lower: null }).lower = null), /johnsonNeyman\.lower should be a bound/);
  refused((doc) => ((doc.models[1].inference!.johnsonNeyman as { range: number[] }).range = [1]), /johnsonNeyman\.range should be the moderator's observed/);
  refused((doc) => (doc.models[0].result = null), /models\[0\]\.inference should be absent \(the model has not been fitted\)/);
});

test("huge lists in stored inference are refused before they are read", () => {
  const point = { at: 0, estimate: 1, se: 1, df: 10, statistic: 1, p: 0.3, lower: -1, upper: 3 };
  const huge = INFERENCE_LIMITS.curve * 40;
  const started = performance.now();
  assert.throws(
    () => openEdited((doc) => ((doc.models[1].inference!.johnsonNeyman as { curve: unknown[] }).curve = new Array(huge).fill(point))),
    new RegExp(`johnsonNeyman\\.curve should be a list of at most ${INFERENCE_LIMITS.curve} points \\(it has ${huge}\\)`),
  );
  assert.throws(
    () => openEdited((doc) => ((doc.models[0].inference!.bootstrap as { ci_boot: unknown[] }).ci_boot = new Array(INFERENCE_LIMITS.rows + 1).fill({ lower: 0, upper: 1 }))),
    /ci_boot should be a list of at most 10000 intervals/,
  );
  assert.throws(() => openEdited((doc) => ((doc.models[0].inference!.ranova as { rows: unknown[] }).rows = new Array(100_000).fill(0))), /rows should be a list of at most 500 random-effect tests/);
  assert.ok(performance.now() - started < 5000);
});

test("the text report shows each stored analysis with the sentence saying what was done; the R code repeats the bootstrap", () => {
  const text = buildReportText(inferenceProject(), { numberStyle: "plain" });
  assert.match(text, /Random-effect tests\n/);
  assert.ok(text.includes("Without Days in (Days | Subject)"));
  assert.ok(text.includes(ranovaNote(true)));
  assert.match(text, /Standardized fixed effects\n/);
  assert.ok(text.includes(STANDARDIZED_NOTE));
  assert.ok(text.includes(bootstrapSentence(BOOT)));
  assert.match(bootstrapSentence(BOOT), /200 refits .*\(seed 20261207\); 2 did not converge .*; 3 failed/);
  assert.match(text, /SD, Subject: Intercept/);
  // The sentence's numbers are the bounds table's, in the report's number style (plain: 4 significant digits shared).
  assert.ok(text.includes("when m is below −2.1762 or above 0.2837; the observed range of m is [−2.5387, 5.7100]."), "the J-N sentence in plain numbers");
  assert.match(text, /Simple slopes of x\n/);
  const code = rCode({ spec: SLOPES, fileName: "sleepstudy.csv", columns: [{ name: "Reaction", kind: "number" }, { name: "Days", kind: "number" }, { name: "Subject", kind: "categorical" }] });
  assert.ok(code.ok && code.code.includes("lmerTest::ranova(m)") && code.code.includes('effectsize::standardize_parameters(m, method = "refit")'));
  assert.ok(code.ok && /# set\.seed\(1\); confint\(m, method = "boot", nsim = 1000/.test(code.code) && code.code.includes("pbkrtest::PBmodcomp(m, m0, nsim = 1000, seed = 1)"));
  const r = bootstrapRCode(BOOT);
  assert.match(r, /set\.seed\(20261207\)\nconfint\(m, method = "boot", nsim = 200, boot\.type = "perc"/);
});

test("the PDF prints the stored analyses' tables and sentences, and the bootstrap's R code", async () => {
  const parser = new PDFParse({ data: await buildReportPdf(inferenceProject(), { numberStyle: "apa" }) });
  let text: string;
  try {
    text = (await parser.getText()).text.replace(/\s+/g, " ");
  } finally {
    await parser.destroy();
  }
  for (const title of ["Standardized fixed effects", "Random-effect tests", "Parametric bootstrap intervals", "Johnson–Neyman bounds: slope of x over m", "Simple slopes of x"]) assert.ok(text.includes(title), title);
  assert.ok(text.includes(ranovaNote(true).replace(/\s+/g, " ")));
  assert.ok(text.includes(bootstrapSentence(BOOT).replace(/\s+/g, " ")), "the bootstrap sentence");
  // APA: the sentence says −2.18 as the bounds table beside it does, not −2.1762.
  assert.ok(text.includes("The slope of x differs from 0 (95% level) when m is below −2.18 or above 0.28; the observed range of m is [−2.54, 5.71]."), "the J-N sentence in APA numbers");
  assert.ok(text.includes("set.seed(20261207)"));
  // The J-N plot above its tables, as on screen: title, axes, the bounds marked as the table shows them, legend.
  const plot = text.indexOf("Johnson–Neyman plot: slope of x over m (95% CI)");
  const tables = text.indexOf("Johnson–Neyman bounds: slope of x over m");
  assert.ok(plot >= 0 && plot < tables, "the J-N plot, before its tables");
  const figure = text.slice(plot, tables);
  for (const label of [" −2 0 2 4 ", " m Slope of x ", " −2.18 0.28 ", "95% CI", "Slope differs from 0 (p < .05)", "Johnson–Neyman bound"]) assert.ok(figure.includes(label), label);
  // Readable numbers throughout: true minus signs in ticks, tables, sentences and the data summary (not in the R code).
  assert.doesNotMatch(text.slice(0, text.indexOf("R code to reproduce")), /(^|[\s[(])-\d/);
});

test("a model refitted for the report loses the inference of its old fit", () => {
  const project = inferenceProject();
  const stale: Project = { ...project, models: [{ ...project.models[0], result: { ...project.models[0].result!, current: false } }] };
  const refitted = reportModels(stale, [0]);
  assert.equal(refitted.models[0].inference, null);
  assert.doesNotMatch(buildReportText(refitted), /Random-effect tests/);
});

test("J-N tables and sentence name the variables plainly, never with R's backticks", () => {
  const jn = { ...inferenceProject().models[1].inference!.johnsonNeyman!, x: "`Working memory`", moderator: "`Age, centred`" };
  const texts = [johnsonNeymanBoundsTable(jn), simpleSlopesTable(jn)].flatMap((t) => {
    const f = formatTable(t, "apa");
    return [f.title, ...f.header, ...f.rows.flat()];
  });
  texts.push(johnsonNeymanNote(jn, "apa"));
  assert.ok(texts.every((t) => !t.includes("`")), texts.find((t) => t.includes("`")));
  assert.match(johnsonNeymanNote(jn, "apa"), /^The slope of Working memory differs from 0 \(95% level\) when Age, centred is below −2\.18/);
});
