// Design check from the data alone (app/design-check) and the `mixwell check` command.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../app/data";
import { checkDesign, formatDesignCheck } from "../../../app/design-check";
import { runCli } from "../../../main/cli/main";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const table = (file: string) => parseCsv(readFileSync(`${root}/${file}`, "utf8"));
const REF = "tests/fixtures/reference/data/";

test("politeness: group sizes, crossing, and which predictors vary within subject and scenario", () => {
  const c = checkDesign(table(`${REF}politeness.csv`), "frequency ~ attitude * gender + (1 + attitude | subject) + (1 | scenario)");
  assert.equal(c.observations, 83);
  assert.equal(c.droppedRows, 1);
  const subject = c.groupings.find((g) => g.name === "subject")!;
  assert.deepEqual([subject.levels, subject.minPerLevel, subject.maxPerLevel], [6, 13, 14]);
  assert.equal(c.relations.length, 1);
  assert.equal(c.relations[0].kind, "crossed");
  const v = (g: string, p: string) => c.variation.find((x) => x.group === g && x.predictor === p)!.varies;
  assert.equal(v("subject", "attitude"), true);
  assert.equal(v("subject", "gender"), false);
  assert.equal(v("scenario", "gender"), true);
  assert.deepEqual(c.randomTerms.map((t) => [t.term, t.effects, t.fails]), [
    ["(1 + attitude | subject)", 12, false],
    ["(1 | scenario)", 7, false],
  ]);
  assert.ok(!c.findings.some((f) => f.severity !== "note"), formatDesignCheck(c));
});

test("a random slope for a between-group predictor is an error in plain words", () => {
  const c = checkDesign(table(`${REF}politeness.csv`), "frequency ~ attitude + gender + (1 + gender | subject)");
  const errors = c.findings.filter((f) => f.severity === "error").map((f) => f.message);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /'gender' has a random slope by 'subject', but it never changes within a subject group/);
});

test("nested factors are recognised (oats: V:B nested in B; pastes: cask:batch in batch)", () => {
  const oats = checkDesign(table("tests/fixtures/oats.csv"), "Y ~ N * V + (1 | B/V)");
  assert.deepEqual(oats.groupings.map((g) => [g.name, g.levels]), [["V:B", 18], ["B", 6]]);
  assert.equal(oats.relations[0].kind, "nested");
  assert.equal(oats.relations[0].inner, "V:B");
  assert.equal(oats.relations[0].outer, "B");
  assert.ok(!oats.findings.some((f) => f.severity === "warning"));
});

test("a grouping factor that is also a fixed effect is flagged", () => {
  const c = checkDesign(table("tests/fixtures/oats.csv"), "Y ~ N * V + (1 | B) + (1 | V)");
  const w = c.findings.filter((f) => f.severity === "warning").map((f) => f.message);
  assert.equal(w.length, 1, w.join("\n"));
  assert.match(w[0], /'V' is both a fixed effect and a grouping factor/);
});

test("reused labels across clusters (pastes casks a, b, c in every batch) warn about implicit nesting", () => {
  const c = checkDesign(table(`${REF}pastes.csv`), "strength ~ 1 + (1 | batch) + (1 | cask)");
  assert.equal(c.relations[0].kind, "crossed");
  const w = c.findings.filter((f) => f.severity === "warning").map((f) => f.message);
  assert.equal(w.length, 1);
  assert.match(w[0], /\(1 \| batch\/cask\)/);
  // Politeness's crossed subjects × scenarios hold two rows per cell told apart by attitude: no warning.
  const p = checkDesign(table(`${REF}politeness.csv`), "frequency ~ attitude + (1 | subject) + (1 | scenario)");
  assert.ok(!p.findings.some((f) => f.severity === "warning"));
});

test("lme4's check.nobs.vs.nlev and check.nobs.vs.nRE in plain words", () => {
  const rows = ["y,x,g", ...Array.from({ length: 12 }, (_, i) => `${i % 5},${i},${Math.floor(i / 2)}`)].join("\n");
  const t = parseCsv(rows);
  const slopes = checkDesign(t, "y ~ x + (1 + x | g)");
  assert.equal(slopes.randomTerms[0].effects, 12);
  assert.equal(slopes.randomTerms[0].fails, true);
  assert.ok(slopes.findings.some((f) => f.severity === "error" && /more random effects than the data allow/.test(f.message)));
  const one = checkDesign(t, "y ~ 1 + (1 | x)");
  assert.ok(one.findings.some((f) => f.severity === "error" && /check\.nobs\.vs\.nlev/.test(f.message)));
  // glmer allows as many random effects as rows.
  assert.equal(checkDesign(t, "y ~ x + (1 + x | g)", { family: "poisson" }).randomTerms[0].fails, false);
});

test("mixwell check prints the report and exits 2 on an error", async () => {
  let out = "";
  const io = { stdout: (s: string) => void (out += s), stderr: () => {}, cwd: root };
  const ok = await runCli(["check", "--data", `${REF}sleepstudy.csv`, "--formula", "Reaction ~ Days + (Days | Subject)"], io);
  assert.equal(ok, 0);
  assert.match(out, /Subject: 18 groups, rows per group 10–10/);
  assert.match(out, /Subject: within Days/);
  out = "";
  const bad = await runCli(["check", "--data", `${REF}sleepstudy.csv`, "--formula", "Reaction ~ Days + (1 | Days)", "--json"], io);
  assert.equal(bad, 0);
  assert.equal(JSON.parse(out).groupings[0].levels, 10);
  out = "";
  const error = await runCli(["check", "--data", `${REF}politeness.csv`, "--formula", "frequency ~ gender + (gender | subject)"], io);
  assert.equal(error, 2);
  assert.match(out, /Error: 'gender' has a random slope by 'subject'/);
});

test("slopes the builder may offer: Orthodont's Sex never changes within Subject; age and age:Sex do", () => {
  const c = checkDesign(table("tests/fixtures/nlme-residual/data/orthodont.csv"), "distance ~ age * Sex + (1 | Subject)");
  assert.deepEqual(
    c.slopes.map((s) => [s.grouping, s.term, s.estimable]),
    [
      ["Subject", "age", true],
      ["Subject", "Sex", false],
      ["Subject", "age:Sex", true],
    ],
  );
  assert.equal(c.slopes[1].reason, "Sex does not change within Subject, so it cannot have a random slope by Subject");
  // A formula typed with that slope gets a finding naming it.
  const typed = checkDesign(table("tests/fixtures/nlme-residual/data/orthodont.csv"), "distance ~ age * Sex + (1 + age + Sex | Subject)");
  assert.ok(typed.findings.some((f) => f.severity === "error" && /'Sex' has a random slope by 'Subject'/.test(f.message)));
});

test("slopes by a nested grouping must change within its innermost groups (oats: V within V:B, N varies)", () => {
  const oats = checkDesign(table("tests/fixtures/oats.csv"), "Y ~ N + V + (1 | B/V)");
  assert.deepEqual(
    oats.slopes.map((s) => [s.grouping, s.term, s.estimable]),
    [
      ["B/V", "N", true],
      ["B/V", "V", false],
    ],
  );
  assert.match(oats.slopes[1].reason!, /^V does not change within V:B/);
  // crossed groupings each get their own answer (politeness: gender is between subjects, within scenarios)
  const p = checkDesign(table(`${REF}politeness.csv`), "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)");
  const gender = p.slopes.filter((s) => s.term === "gender").map((s) => [s.grouping, s.estimable]);
  assert.deepEqual(gender, [["subject", false], ["scenario", true]]);
});

test("the design check runs for an ordinal model (wine: clmm's thresholds take the intercept's place)", () => {
  const wine = table("tests/fixtures/reference-ordinal/data/wine.csv");
  const c = checkDesign(wine, "rating ~ temp + contact + (1 + contact | bottle) + (1 | judge)", { family: "ordinal", categorical: ["rating"] });
  assert.equal(c.observations, 72);
  assert.deepEqual(c.groupings.map((g) => [g.name, g.levels]).sort(), [["bottle", 8], ["judge", 9]]);
  assert.ok(c.findings.some((f) => f.severity === "error" && /'contact' has a random slope by 'bottle'/.test(f.message)));
  assert.deepEqual(c.slopes.filter((s) => s.grouping === "judge").map((s) => s.estimable), [true, true]);
});
