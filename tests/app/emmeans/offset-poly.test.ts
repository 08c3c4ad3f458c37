// Marginal means of models with an offset or poly() against emmeans 1.8.4: offset-poly.R makes
// the numbers (its output is offset-poly-output.txt). emmeans holds an offset at its mean over the
// rows and recomputes a poly() basis at the covariate's mean (or `at` value) with R's stored
// coefficients; emtrends differentiates through the polynomial.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../app/data";
import { emmeansOf, fitForEmmeans, parseAdjustment } from "../../../app/emmeans";

const data = fileURLToPath(new URL("../../fixtures/reference/data/", import.meta.url));

function close(actual: number, expected: number, what: string, rel = 1e-5) {
  assert.ok(Math.abs(actual - expected) <= rel * Math.max(Math.abs(expected), 1), `${what}: Mixwell ${actual}, R ${expected}`);
}

/** sleepstudy with g = factor(Days %% 2), as in offset-poly.R. */
function sleepstudyWithG() {
  const lines = readFileSync(`${data}sleepstudy.csv`, "utf8").trim().split("\n");
  const withG = [`${lines[0]},"g"`, ...lines.slice(1).map((l) => `${l},"${Number(l.split(",")[1]) % 2}"`)];
  return parseCsv(withG.join("\n"));
}

test("Poisson with offset(log(size)): means at the mean offset, rates, and comparisons as emmeans", () => {
  const model = fitForEmmeans(parseCsv(readFileSync(`${data}cbpp.csv`, "utf8")), {
    formula: "incidence ~ period + offset(log(size)) + (1 | herd)",
    family: "poisson",
    categorical: ["period"],
  });
  const result = emmeansOf(model, { specs: ["period"], adjust: parseAdjustment("tukey") });
  const link = [[0.8900685301424, 0.192150685742, 0.513460106484, 1.266676953801], [0.0459937361018, 0.274477510496, -0.491972299037, 0.58395977124], [-0.0762206625838, 0.295641974838, -0.655668285586, 0.503226960418], [-0.5009878423084, 0.398466144981, -1.281967135529, 0.279991450912]];
  const rate = [[2.43529653679, 0.467943899529], [1.04706785221, 0.287396577395], [0.926611715463, 0.273945317468], [0.605931798904, 0.241443308031]];
  result.means.rows.forEach((r, i) => {
    close(r.estimate, link[i][0], `emmean ${i + 1}`);
    close(r.se, link[i][1], `SE ${i + 1}`);
    close(r.lower, link[i][2], `lower ${i + 1}`);
    close(r.upper, link[i][3], `upper ${i + 1}`);
    close(result.means.response!.rows[i].estimate, rate[i][0], `rate ${i + 1}`);
    close(result.means.response!.rows[i].se, rate[i][1], `rate SE ${i + 1}`);
  });
  const pairs = [0.844074794041, 0.966289192726, 1.391056372451, 0.122214398686, 0.54698157841, 0.424767179725];
  const pValues = [0.01403176775584, 0.00735257197543, 0.00319294144528, 0.98612068760449, 0.60941356988646, 0.79176914623005];
  result.pairs!.rows.forEach((r, i) => {
    close(r.estimate, pairs[i], `contrast ${i + 1}`);
    close(r.p, pValues[i], `p ${i + 1}`, 1e-3);
  });
});

test("LMM with offset(10 * Days): the mean offset (45) is added to the means", () => {
  const model = fitForEmmeans(sleepstudyWithG(), { formula: "Reaction ~ Days + g + offset(10 * Days) + (1 | Subject)", categorical: ["g"] });
  const result = emmeansOf(model, { specs: ["g"], df: "kenward-roger" });
  const expected = [[297.084693542, 9.35017061689, 19.3613275455, 277.539251607], [299.931089792, 9.35017061689, 19.3613275455, 280.385647857]];
  result.means.rows.forEach((r, i) => {
    close(r.estimate, expected[i][0], `emmean ${i}`);
    close(r.se, expected[i][1], `SE ${i}`);
    close(r.df, expected[i][2], `df ${i}`, 1e-3);
    close(r.lower, expected[i][3], `lower ${i}`);
  });
  assert.throws(() => emmeansOf(model, { specs: ["g"], trendOf: "Days" }), /not available for a model with an offset/);
});

test("poly(Days, 2): the basis recomputed at mean Days, at Days = 2, and trends through the polynomial", () => {
  const model = fitForEmmeans(sleepstudyWithG(), { formula: "Reaction ~ poly(Days, 2) + g + (1 | Subject)", categorical: ["g"] });
  const means = emmeansOf(model, { specs: ["g"], df: "kenward-roger" }).means;
  const expected = [[294.30425934, 9.71194023185, 22.4918035529], [297.15065559, 9.71194023185, 22.4918035529]];
  means.rows.forEach((r, i) => {
    close(r.estimate, expected[i][0], `emmean ${i}`);
    close(r.se, expected[i][1], `SE ${i}`);
    close(r.df, expected[i][2], `df ${i}`, 1e-3);
  });
  assert.deepEqual(means.covariates, { Days: 4.5 });
  const at2 = emmeansOf(model, { specs: ["g"], df: "kenward-roger", at: new Map([["Days", 2]]) }).means;
  close(at2.rows[0].estimate, 270.458070067, "emmean at Days = 2, g 0");
  close(at2.rows[0].se, 9.5045380136, "SE at Days = 2, g 0");
  close(at2.rows[1].estimate, 273.304466317, "emmean at Days = 2, g 1");
  close(at2.rows[1].se, 9.67893669575, "SE at Days = 2, g 1");
  const trends = emmeansOf(model, { specs: ["g"], trendOf: "Days", df: "kenward-roger" }).means;
  assert.equal(trends.kind, "emtrends");
  trends.rows.forEach((r, i) => {
    close(r.estimate, 10.3840647287, `trend ${i}`);
    close(r.se, 0.817999238101, `trend SE ${i}`);
    close(r.df, 159, `trend df ${i}`, 1e-3);
  });
});
