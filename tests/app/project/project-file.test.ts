import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import {
  AutosaveTimer, createProject, parseProject, projectDataFromTable, ProjectFileError, PROJECT_VERSION, serializeProject,
  tableFromProjectData, type Project,
} from "../../../app/project";
import { sleepProject, sleepstudy } from "./sample-projects";

test("a project survives serialize → parse unchanged: data, level order, models, results, view", () => {
  const project = sleepProject();
  const text = serializeProject(project);
  const back = parseProject(text, "sleep.mixwell");
  assert.deepEqual(back, JSON.parse(JSON.stringify(project)));
  const table = tableFromProjectData(back.data!);
  assert.equal(table.nrow, 180);
  const subject = table.columns.find((c) => c.name === "Subject")!;
  assert.equal(subject.kind, "categorical");
  const original = sleepstudy.columns.find((c) => c.name === "Subject")!;
  assert.deepEqual(subject.kind === "categorical" && subject.levels, original.kind === "categorical" && original.levels);
  const days = back.models[0].result!.view.fixef[1];
  assert.equal(days.term, "Days");
  assert.ok(Math.abs(days.estimate - 10.467) < 1e-3);
  assert.equal(back.models[0].result!.view.diagnostics.residuals.length, 180);
  assert.equal(back.models[1].result, null);
  assert.deepEqual(back.view, { selectedModel: 0, settings: { numberStyle: "apa", resultsTab: "fixed" } });
});

test("missing values and a user's level order survive the round trip", () => {
  const table = parseCsv("y,g\n1,b\nNA,a\n3,\n4,c\n");
  const g = table.columns[1];
  assert.equal(g.kind, "categorical");
  const y = { kind: "number" as const, name: "y", values: Float64Array.from([1, NaN, 3, NaN]), invalid: { 3: "n/a?" } };
  const reordered = { nrow: table.nrow, columns: [y, { ...g, levels: ["c", "b", "a"], codes: Int32Array.from([1, 2, -1, 0]) }] };
  const project = createProject({ data: projectDataFromTable(reordered, "t.csv", ["NA", "", "-99"]), models: [], view: { selectedModel: 0, settings: {} } }, "0.1.0");
  const back = parseProject(serializeProject(project), "t.mixwell");
  const round = tableFromProjectData(back.data!);
  assert.ok(Number.isNaN((round.columns[0] as { values: Float64Array }).values[1]));
  assert.deepEqual((round.columns[0] as { invalid?: Record<number, string> }).invalid, { 3: "n/a?" }, "a cell that is not a number stays flagged");
  assert.deepEqual((round.columns[1] as { levels: readonly string[] }).levels, ["c", "b", "a"]);
  assert.deepEqual(Array.from((round.columns[1] as { codes: Int32Array }).codes), [1, 2, -1, 0]);
  assert.deepEqual(back.data!.missingCodes, ["NA", "", "-99"]);
});

test("a version 1 file is migrated: its table and model specification open as the current version", () => {
  const project = parseProject(readFileSync(join(import.meta.dirname, "fixtures/version1.mixwell")), "old.mixwell");
  assert.equal(project.version, PROJECT_VERSION);
  assert.equal(project.data!.fileName, "plants.csv");
  assert.deepEqual(project.data!.missingCodes, ["NA", "", "-99"]);
  assert.equal(project.data!.table.nrow, 6);
  assert.deepEqual(project.data!.table.columns[1], { kind: "categorical", name: "plot", codes: [0, 0, 1, 1, 2, -1], levels: ["north", "south", "east"] });
  assert.deepEqual(project.models, [
    {
      spec: { name: "Model 1", formula: "height ~ 1 + (1 | plot)", family: "gaussian", method: "ML", contrasts: "sum", categorical: [] },
      result: null,
      guidedStep: null,
      posthoc: [],
    },
  ]);
  assert.deepEqual(project.view, { selectedModel: 0, settings: {} });
  // and it saves as the current version
  assert.equal(parseProject(serializeProject(project), "old.mixwell").version, PROJECT_VERSION);
});

test("a version 1 file without a model migrates to an empty model list", () => {
  const doc = { format: "mixwell-project", version: 1, savedBy: "0.1.0", savedAt: "x", table: null, model: null };
  const project = parseProject(JSON.stringify(doc), "empty.mixwell");
  assert.deepEqual([project.data, project.models, project.view.selectedModel], [null, [], 0]);
});

test("a truncated project is refused as damaged, never half-read", () => {
  const text = serializeProject(sleepProject());
  for (const cut of [text.length - 2, Math.floor(text.length / 2), 40]) {
    assert.throws(() => parseProject(text.slice(0, cut), "sleep.mixwell"), (err: Error) => {
      assert.ok(err instanceof ProjectFileError);
      assert.match(err.message, /'sleep\.mixwell' is damaged or incomplete/);
      return true;
    });
  }
});

test("a file from a newer Mixwell is refused and says to update", () => {
  const doc = { ...JSON.parse(serializeProject(sleepProject())), version: PROJECT_VERSION + 1, savedBy: "3.0.0" };
  assert.throws(() => parseProject(JSON.stringify(doc), "new.mixwell"), /'new\.mixwell' was saved by a newer version of Mixwell \(Mixwell 3\.0\.0\) in project format 4; this version reads formats up to 3\. Update Mixwell/);
});

test("files that are not projects are refused plainly", () => {
  const cases: [string | Uint8Array, RegExp][] = [
    ["y,x\n1,2\n", /'f' is not a Mixwell project file\./],
    ['{"name": "package"}', /'f' is not a Mixwell project file\./],
    ["[1,2,3]", /'f' is not a Mixwell project file\./],
    ["", /'f' is empty/],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]), /'f' is not a Mixwell project file \(it is not text\)/],
    ['{"format": "mixwell-project", "version": "two"}', /'f' is damaged: its format version/],
  ];
  for (const [input, message] of cases) assert.throws(() => parseProject(input, "f"), message);
});

test("a damaged field is named: where it is and what was expected", () => {
  const good = JSON.parse(serializeProject(sleepProject()));
  const damage = (edit: (doc: any) => void): string => {
    const doc = structuredClone(good);
    edit(doc);
    return JSON.stringify(doc);
  };
  const cases: [string, RegExp][] = [
    [damage((d) => (d.models[0].spec.formula = 42)), /project\.models\[0\]\.spec\.formula should be text/],
    [damage((d) => (d.models[1].spec.family = "weibull")), /project\.models\[1\]\.spec\.family should be one of gaussian, binomial, poisson/],
    [damage((d) => d.data.table.columns[0].values.pop()), /column 'Reaction' has 179 rows, the table 180/],
    [damage((d) => (d.data.table.columns[2].codes[5] = 18)), /project\.data\.table\.columns\[2\] \('Subject'\) row 6 names level 19 of 18/],
    [damage((d) => (d.data.table.columns[1] = { ...d.data.table.columns[0] })), /two columns are named 'Reaction'/],
    [damage((d) => delete d.models[0].result.view.fixef), /project\.models\[0\]\.result\.view\.fixef is missing/],
    [damage((d) => (d.models[0].result.view.fixef[0].estimate = { x: 1 })), /view\.fixef\[0\]\.estimate should be a number/],
    [damage((d) => (d.models[0].result.view.diagnostics.residualKind = "odd")), /residualKind should be one of raw, deviance/],
    [damage((d) => (d.view.selectedModel = 5)), /the selected model \(6\) is not one of its 2 models/],
    [damage((d) => (d.surprise = true)), /project\.surprise is not part of a Mixwell project/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseProject(text, "p.mixwell"), (err: Error) => {
      assert.ok(err instanceof ProjectFileError, err.message);
      assert.match(err.message, /^Could not open 'p\.mixwell'\. The project file is damaged: /);
      assert.match(err.message, message);
      return true;
    });
  }
});

test("serializeProject refuses to write an invalid project", () => {
  const project = { ...sleepProject(), models: [{ spec: { name: "x", formula: "y ~ x" }, result: null }] } as unknown as Project;
  assert.throws(() => serializeProject(project), /spec\.family is missing/);
});

test("autosave runs every interval while there are unsaved changes, and not otherwise", async () => {
  const callbacks: (() => void)[] = [];
  const clock = { setInterval: (cb: () => void) => callbacks.push(cb), clearInterval: () => callbacks.splice(0) };
  let writes = 0;
  const timer = new AutosaveTimer(async () => void writes++, 60_000, clock);
  await timer.tick();
  assert.equal(writes, 0, "nothing to save");
  timer.setDirty(true);
  timer.setDirty(true);
  assert.equal(callbacks.length, 1, "one timer");
  callbacks[0]();
  await new Promise((resolve) => setImmediate(resolve));
  await timer.tick();
  assert.equal(writes, 2);
  timer.setDirty(false);
  assert.equal(callbacks.length, 0, "stopped when saved");
  await timer.tick();
  assert.equal(writes, 2);
});
