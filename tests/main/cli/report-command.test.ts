// `mixwell report`: PDF and CSV exports of a saved project (owned with main/cli/commands/report.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFParse } from "pdf-parse";
import { createProject, fitModel, projectDataFromTable, serializeProject } from "../../../app/project";
import { runCli } from "../../../main/cli/main";
import { sleepstudy, spec } from "../../app/project/sample-projects";

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd });
  return { code, out, err };
}

function folder(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-report-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function writeProject(dir: string): void {
  const slopes = spec("Slopes", "Reaction ~ Days + (Days | Subject)");
  const project = createProject(
    {
      data: projectDataFromTable(sleepstudy, "sleepstudy.csv"),
      models: [
        { spec: slopes, result: fitModel(sleepstudy, slopes) },
        { spec: spec("Intercepts", "Reaction ~ Days + (1 | Subject)", { method: "ML" }), result: null },
      ],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
  );
  writeFileSync(join(dir, "sleep.mixwell"), serializeProject(project));
}

test("report --pdf --csv writes the PDF (with the estimates) and one CSV per table, fitting unfitted models", async (t) => {
  const dir = folder(t);
  writeProject(dir);
  const r = await cli(dir, "report", "--project", "sleep.mixwell", "--pdf", "out/report.pdf", "--csv", "tables");
  assert.equal(r.code, 1, "the out/ folder does not exist yet");
  assert.match(r.err, /Could not save 'report\.pdf': the folder '.*out' does not exist/);
  const ok = await cli(dir, "report", "--project", "sleep.mixwell", "--pdf", "report.pdf", "--csv", "tables");
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.err, /fitting 'Intercepts' \(no stored results\)/);
  const text = (await new PDFParse({ data: new Uint8Array(readFileSync(join(dir, "report.pdf"))) }).getText()).text;
  assert.match(text, /Mixwell report: sleep\.mixwell/);
  assert.match(text, /Model: Slopes[\s\S]*Days\s+10\.47\s+1\.546/);
  // lme4 ML fit of the intercepts model: Days 10.4673, SE 0.8017.
  assert.match(text, /Model: Intercepts[\s\S]*Days\s+10\.47\s+0\.8017\s+162\.0/);
  assert.deepEqual(readdirSync(join(dir, "tables")).sort(), [
    "Intercepts-anova.csv", "Intercepts-fit-statistics.csv", "Intercepts-fixed-effects.csv", "Intercepts-random-effects.csv",
    "Slopes-anova.csv", "Slopes-fit-statistics.csv", "Slopes-fixed-effects.csv", "Slopes-random-effects.csv",
  ]);
  assert.match(readFileSync(join(dir, "tables", "Slopes-fixed-effects.csv"), "utf8"), /^Term,Estimate,Std\. Error,df,t value,Pr\(>\|t\|\),95% CI lower,95% CI upper,Term \(readable\)\r\n\(Intercept\),251\.405\d+,.*,Intercept\r\n/);
});

test("report --apa --models picks models; its CSV keeps R's column names and full precision in either number style", async (t) => {
  const dir = folder(t);
  writeProject(dir);
  const r = await cli(dir, "report", "--project", "sleep.mixwell", "--csv", ".", "--apa", "--models", "Slopes");
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, "", "the unfitted model is not selected");
  assert.match(readFileSync(join(dir, "Slopes-fixed-effects.csv"), "utf8"), /^Term,Estimate,Std\. Error,df,t value,Pr\(>\|t\|\),95% CI lower,95% CI upper,Term \(readable\)\r\n\(Intercept\),251\.40510\d*,6\.82459\d*,16\.999\d*,36\.838\d*,1\.171\d*e-17,/);
});

test("report refuses bad requests and files plainly", async (t) => {
  const dir = folder(t);
  writeProject(dir);
  writeFileSync(join(dir, "cut.mixwell"), readFileSync(join(dir, "sleep.mixwell"), "utf8").slice(0, 500));
  const cases: [string[], RegExp][] = [
    [["--project", "sleep.mixwell"], /Say what to write: --pdf OUT, --text OUT, --csv DIR, or several\./],
    [["--project", "cut.mixwell", "--csv", "x"], /'cut\.mixwell' is damaged or incomplete/],
    [["--project", "nope.mixwell", "--csv", "x"], /Project not found/],
    [["--project", "sleep.mixwell", "--csv", "x", "--models", "Slopes,Other"], /No model named 'Other' in the project \(models: 'Slopes', 'Intercepts'\)/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(dir, "report", ...args);
    assert.equal(r.code, 1);
    assert.match(r.err, message);
  }
});
