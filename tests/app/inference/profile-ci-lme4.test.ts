// lme4's profile method step by step (profile.merMod's grid, confint.thpr's splines and fallback)
// against lme4 1.1-31, and the exact method kept as an option.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { runFit } from "../../../app/engine/run-fit";
import { buildModelFrame } from "../../../app/engine/model-frame";
import { parseFormula } from "../../../app/formula";
import { profileIntervals } from "../../../app/inference";
import { createProfiler } from "../../../app/inference/profile/profiler";
import { lme4Cutoff, lme4Interval, lme4ProfilePoints } from "../../../app/inference/profile/lme4-grid";
import type { LmmFit } from "../../../app/engine/lmm";

const DATA = join(import.meta.dirname, "../../fixtures/reference/data");
const CUT = 1.959963984540054;

function setup(file: string, formula: string, categorical?: string[]) {
  const data = parseCsv(readFileSync(join(DATA, file)));
  const fit = runFit(data, { formula, categorical, inference: false }) as LmmFit;
  return { data, fit, frame: buildModelFrame(data, parseFormula(formula), { categorical }) };
}

test("the grid follows profile.merMod's steps: σ of sleepstudy point by point", () => {
  // R: pp <- profile(lmer(Reaction ~ Days + (Days | Subject), sleepstudy)); pp[pp$.par == "sigma", c(".zeta", "sigma")]
  const expected = [
    [-4.2999597635, 20.25912941], [-3.762756016, 20.81752861], [-3.2251188559, 21.40328326], [-2.6870365168, 22.01824223],
    [-2.1484969018, 22.66441027], [-1.6094877519, 23.34396317], [-1.0700033908, 24.05925588], [-0.5302950105, 24.81248072],
    [0, 25.5918151], [0.1683044439, 25.84773325], [0.6641998155, 26.62706764], [1.1520609616, 27.43254273],
    [1.6397470438, 28.27874506], [2.1270673537, 29.16805304], [2.614020052, 30.10336397], [3.100598928, 31.08780014],
    [3.5867976943, 32.12473779], [4.0726101981, 33.21783082], [4.5580302745, 34.37103649],
  ];
  const { fit, frame } = setup("sleepstudy.csv", "Reaction ~ Days + (Days | Subject)");
  const prof = createProfiler(fit, frame);
  const cutoff = lme4Cutoff(prof);
  assert.ok(Math.abs(cutoff - Math.sqrt(16.8118938297709)) < 1e-9, `cutoff ${cutoff}`); // √qchisq(0.99, 6)
  const points = lme4ProfilePoints(prof, prof.params.length - 1, cutoff);
  assert.equal(points.length, expected.length);
  // Our ML estimates differ from lme4's in the 6th digit (both stop at nloptwrap's tolerances),
  // which moves ζ by ~1e-4; a different step rule would move the points by percents.
  points.forEach((p, i) => {
    assert.ok(Math.abs(p.zeta - expected[i][0]) < 2e-4, `point ${i}: ζ ${p.zeta} vs ${expected[i][0]}`);
    assert.ok(Math.abs(p.par - expected[i][1]) < 1e-5 * expected[i][1], `point ${i}: σ ${p.par} vs ${expected[i][1]}`);
  });
});

test("lme4's spline interpolation error is reproduced (Dyestuff), the exact method is an option and says so", () => {
  // R: confint(lmer(Yield ~ 1 + (1 | Batch), Dyestuff), oldNames = FALSE)
  //   sd_(Intercept)|Batch 12.1985352131 84.0630467108; sigma 38.2299848826 67.6576962448
  // The exact root of the profile for the lower sd is 12.1965: lme4's spline misses it by 1.7e-4.
  const { data, fit, frame } = setup("dyestuff.csv", "Yield ~ 1 + (1 | Batch)");
  const lme4 = profileIntervals(fit, frame);
  const expected = [[12.1985352131, 84.0630467108], [38.2299848826, 67.6576962448]];
  lme4.rows.forEach((r, i) => {
    assert.ok(Math.abs(r.lower - expected[i][0]) < 1e-7 * expected[i][0], `lower ${r.lower} vs ${expected[i][0]}`);
    assert.ok(Math.abs(r.upper - expected[i][1]) < 1e-7 * expected[i][1], `upper ${r.upper} vs ${expected[i][1]}`);
  });
  assert.equal(lme4.method, "lme4");
  assert.deepEqual(lme4.notes, []);
  const exact = profileIntervals(fit, frame, { method: "exact" });
  assert.equal(exact.method, "exact");
  assert.ok(Math.abs(exact.rows[0].lower - 12.1965) < 1e-3, `exact lower ${exact.rows[0].lower}`);
  assert.match(exact.notes[0], /exact roots/);
  // Through runFit, as `mixwell fit --profile-ci` would.
  const viaRunFit = runFit(data, { formula: "Yield ~ 1 + (1 | Batch)", profileCi: true, profileMethod: "exact" }) as LmmFit;
  assert.equal(viaRunFit.ci_profile?.[0].lower, exact.rows[0].lower);
  assert.ok(viaRunFit.warnings.some((w) => /exact roots/.test(w)));
});

test("a non-monotone profile falls back to linear interpolation as confint.thpr does", () => {
  // R (politeness, scenario as a factor): confint(profile(lmer(frequency ~ attitude * gender +
  //   (1 | subject) + (0 + attitude | scenario)))) warns "bad spline fit for cor_...: falling back
  //   to linear interpolation" and gives the correlation's lower end -0.0723973115 (the exact root
  //   is -0.07594); the upper end is the bound 1, which ζ never reaches.
  const { fit, frame } = setup("politeness.csv", "frequency ~ attitude * gender + (1 | subject) + (0 + attitude | scenario)", ["scenario"]);
  const prof = createProfiler(fit, frame);
  const j = prof.params.findIndex((p) => p.kind === "correlation");
  const r = lme4Interval(prof, j, CUT);
  assert.equal(r.how, "linear");
  assert.ok(Math.abs(r.lower - -0.0723973115) < 2e-5, `lower ${r.lower}`);
  assert.equal(r.upper, 1);
});

test("where lme4's own optimiser does not stop early, its spline end is reproduced (politeness, rows reversed)", () => {
  // R: d <- politeness rows in reverse order (scenario a factor); confint(profile(lmer(frequency ~
  //   attitude * gender + (1 | subject) + (0 + attitude | scenario), d)))["sd_attitudepol|scenario", ]
  //   5.8032870987 33.9837520. (In file order lme4 gives 5.8627 for the lower end: there its per-point
  //   optimiser returns its start at two grid points, a floating-point accident; see lme4-grid.ts.)
  const [header, ...lines] = readFileSync(join(DATA, "politeness.csv"), "utf8").trimEnd().split("\n");
  const data = parseCsv(Buffer.from([header, ...lines.reverse()].join("\n")));
  const formula = "frequency ~ attitude * gender + (1 | subject) + (0 + attitude | scenario)";
  const fit = runFit(data, { formula, categorical: ["scenario"], inference: false }) as LmmFit;
  const prof = createProfiler(fit, buildModelFrame(data, parseFormula(formula), { categorical: ["scenario"] }));
  const j = prof.params.findIndex((p) => p.kind === "sd" && p.term >= 0 && prof.problem.terms[p.term].effectNames[p.a] === "attitudepol");
  const r = lme4Interval(prof, j, CUT);
  assert.equal(r.how, "spline");
  assert.ok(Math.abs(r.lower - 5.8032870987) < 1e-4 * 5.8032870987, `lower ${r.lower}`);
  assert.ok(Math.abs(r.upper - 33.983752) < 1e-4 * 33.983752, `upper ${r.upper}`);
});
