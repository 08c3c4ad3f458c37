// `mixwell report` never prints stale numbers (issue 15): a model whose stored results were computed
// on other data is refitted on the project's data; one that cannot be fitted there is left out with a
// line. Both checked in the text report and the CSV tables.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyEdit, type DataTable } from "../../../app/data";
import { createProject, fitModel, projectDataFromTable, serializeProject } from "../../../app/project";
import { runCli } from "../../../main/cli/main";
import { sleepstudy, spec } from "../../app/project/sample-projects";

/** sleepstudy with Reaction doubled: the "other data" the stale fits were made on. */
function doubled(): DataTable {
  const col = sleepstudy.columns.findIndex((c) => c.name === "Reaction");
  const reaction = sleepstudy.columns[col]!;
  assert.equal(reaction.kind, "number");
  const cells = Array.from(reaction.values, (v, row) => ({ row, col, text: String(v * 2) }));
  return applyEdit(sleepstudy, { kind: "setCells", cells }).table;
}

test("report refits a model fitted on other data, and leaves out with a line one whose columns the data lack", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-report-stale-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const other = doubled();
  const stale = spec("Stale", "Reaction ~ Days + (1 | Subject)");
  const staleFit = fitModel(other, stale);
  const renamedOther = applyEdit(other, { kind: "renameColumn", col: 0, name: "RT" }).table;
  const lost = spec("Lost", "RT ~ Days + (1 | Subject)");
  const lostFit = fitModel(renamedOther, lost);
  const project = createProject(
    {
      data: projectDataFromTable(sleepstudy, "sleepstudy.csv"),
      models: [
        { spec: stale, result: { ...staleFit, current: false } },
        { spec: lost, result: { ...lostFit, current: false } },
      ],
      view: { selectedModel: 0, settings: {} },
    },
    "0.1.0",
  );
  writeFileSync(join(dir, "p.mixwell"), serializeProject(project));
  let out = "";
  let err = "";
  const code = await runCli(["report", "--project", "p.mixwell", "--text", "-", "--csv", "tables"], { stdout: (s) => void (out += s), stderr: (s) => void (err += s), cwd: dir });
  assert.equal(code, 0, err);

  const fresh = fitModel(sleepstudy, stale).view.fixef[0]!.estimate;
  const old = staleFit.view.fixef[0]!.estimate;
  assert.ok(Math.abs(old - 2 * fresh) < 1e-3, "the stale intercept is that of the doubled data");
  assert.match(err, /fitting 'Stale' \(its stored results were computed on other data\)/);
  assert.match(err, /left out 'Lost': it could not be fitted on the project's data: .*RT/);
  assert.equal(err.match(/left out/g)?.length, 1, `one line for the model left out: ${err}`);

  const intercept = (text: string) => new RegExp(`Intercept\\)?\\s+${Math.trunc(text === "old" ? old : fresh)}\\.`);
  assert.match(out, intercept("fresh"), "the refitted intercept is printed");
  assert.doesNotMatch(out, intercept("old"), "the stale intercept is not");
  assert.match(out, /Model: Lost[\s\S]*Left out: this model was fitted on other data/);
  assert.doesNotMatch(out, new RegExp(String(Math.trunc(lostFit.view.fixef[0]!.estimate)) + "\\."));

  const tables = readdirSync(join(dir, "tables"));
  assert.ok(tables.some((f) => f.startsWith("Stale-")), "the refitted model has its tables");
  assert.ok(!tables.some((f) => f.startsWith("Lost-")), "the left-out model has none");
  const csv = readFileSync(join(dir, "tables", tables.find((f) => f.startsWith("Stale-fixed"))!), "utf8");
  assert.match(csv, new RegExp(`\\(Intercept\\),${Math.trunc(fresh)}\\.`));
});
