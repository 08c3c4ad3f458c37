// A project with a negative-binomial and a Gamma model fitted is saved and reopened (parseProject,
// then tableFromProjectData as the app restores the data): the stored results come back the same
// (family, link, nb_theta, sigma, estimates, the fit-statistics rows); the reopened table equals
// the saved one and a Gamma refit on it gives the stored σ again. Data: tests/fixtures/reference-families'
// nb-crossed.csv; small models, since the fits' agreement with glmer.nb and glmer(Gamma) is the
// reference suite's job (a crossed NB fit costs ~8 s of CPU here).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, type DataTable } from "../../../app/data";
import { createProject, fitModel, parseProject, projectDataFromTable, serializeProject, tableFromProjectData, type Project } from "../../../app/project";
import { fitStatisticsTable } from "../../../app/report";
import { spec } from "./sample-projects";

const fixtures = join(import.meta.dirname, "../../fixtures/reference-families");
const counts = parseCsv(readFileSync(join(fixtures, "data", "nb-crossed.csv")));

/** The counts with a positive outcome for the Gamma model (count + 0.5). */
function withPositive(table: DataTable): DataTable {
  const count = table.columns.find((c) => c.name === "count");
  if (count?.kind !== "number") throw new Error("nb-crossed.csv has no numeric 'count'");
  return { nrow: table.nrow, columns: [...table.columns, { ...count, name: "positive", values: count.values.map((v) => v + 0.5) }] };
}

const table = withPositive(counts);
const NB = spec("Negative binomial", "count ~ x + (1 | subj)", { family: "negative-binomial" });
const GAMMA = spec("Gamma", "positive ~ x + cond + (1 | subj)", { family: "gamma", link: "log" });

let cached: Project | null = null;
function project(): Project {
  cached ??= createProject(
    {
      data: projectDataFromTable(table, "counts.csv"),
      models: [NB, GAMMA].map((s) => ({ spec: s, result: fitModel(table, s, "2026-12-07T11:00:00.000Z") })),
      view: { selectedModel: 1, settings: {} },
    },
    "0.1.0",
    "2026-12-07T11:01:00.000Z",
  );
  return cached;
}

test("a negative-binomial and a Gamma fit come back from the project file with the same results", () => {
  const saved = project();
  const back = parseProject(serializeProject(saved), "counts.mixwell");
  const [nb, gamma] = back.models.map((m) => m.result!.view);
  const [nb0, gamma0] = saved.models.map((m) => m.result!.view);

  assert.equal(nb.family, "negative-binomial");
  assert.equal(nb.link, nb0.link);
  assert.equal(nb.nbTheta, nb0.nbTheta);
  assert.ok(nb.nbTheta! > 0 && Number.isFinite(nb.nbTheta!), `θ ${nb.nbTheta}`);
  assert.equal(gamma.family, "gamma");
  assert.equal(gamma.link, "log");
  assert.equal(gamma.sigma, gamma0.sigma);
  assert.ok(gamma.sigma !== null && gamma.sigma > 0);
  assert.deepEqual(back.models.map((m) => m.result!.fittedSpec), [NB, GAMMA]);
  for (const [a, b] of [[nb, nb0], [gamma, gamma0]] as const) {
    assert.deepEqual(a.fixef.map((f) => [f.term, f.estimate, f.se]), b.fixef.map((f) => [f.term, f.estimate, f.se]));
    assert.deepEqual(fitStatisticsTable(a).rows, fitStatisticsTable(b).rows);
  }
  assert.ok(fitStatisticsTable(nb).rows.some((r) => r[0] === "Negative binomial θ" && r[1] === nb0.nbTheta));
});

test("the reopened table is the saved one, and refitting the Gamma model on it gives the stored σ again", () => {
  const back = parseProject(serializeProject(project()), "counts.mixwell");
  const reopened = tableFromProjectData(back.data!);
  assert.deepEqual(reopened, table);
  const gamma = back.models[1];
  // (The NB refit is left out: its θ iterations make it the slow one, and the table is the same.)
  assert.ok(Math.abs(fitModel(reopened, gamma.spec).view.sigma! - gamma.result!.view.sigma!) < 1e-8);
});
