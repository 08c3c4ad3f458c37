import { test } from "node:test";
import assert from "node:assert/strict";
import { builderEdit, builderToFormula, EMPTY_BUILDER, formulaToBuilder, variablesOf } from "../../../app/model-spec";

test("clicks build the politeness formula in lme4's style", () => {
  let m = builderEdit.setOutcome(EMPTY_BUILDER, "frequency");
  m = builderEdit.addMainEffects(m, ["attitude", "gender"]);
  m = builderEdit.addGroups(m, ["subject", "scenario"]);
  assert.equal(builderToFormula(m), "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)");
});

test("an interaction brings its main effects, and terms stay unique and ordered by degree", () => {
  let m = builderEdit.setOutcome(EMPTY_BUILDER, "y");
  m = builderEdit.addMainEffects(m, ["a"]);
  m = builderEdit.addInteraction(m, ["a", "b"]);
  m = builderEdit.addMainEffects(m, ["b", "y"]);
  assert.deepEqual(m.fixed, [["a"], ["b"], ["a", "b"]]);
  m = builderEdit.addGroups(m, ["g"]);
  m = builderEdit.toggleSlope(m, 0, "a", true);
  assert.equal(builderToFormula(m), "y ~ a + b + a:b + (a | g)");
  m = builderEdit.updateGroup(m, 0, { correlated: false });
  assert.equal(builderToFormula(m), "y ~ a + b + a:b + (a || g)");
  m = builderEdit.updateGroup(m, 0, { intercept: false });
  assert.equal(builderToFormula(m), "y ~ a + b + a:b + (0 + a || g)");
  // Removing a fixed term removes it as a random slope too.
  m = builderEdit.removeFixedTerm(m, 0);
  assert.equal(m.random[0].slopes.length, 0);
});

test("nested groups, no intercept, and an empty outcome print as formulas", () => {
  let m = builderEdit.addNestedGroup({ ...EMPTY_BUILDER, outcome: "strength" }, ["batch", "cask"]);
  assert.equal(builderToFormula(m), "strength ~ 1 + (1 | batch/cask)");
  m = { ...m, intercept: false, fixed: [["x"]] };
  assert.equal(builderToFormula(m), "strength ~ 0 + x + (1 | batch/cask)");
  assert.equal(builderToFormula({ ...EMPTY_BUILDER, fixed: [["x"]] }), "~ x");
  assert.equal(builderToFormula(EMPTY_BUILDER), "");
});

test("a typed formula updates the builder: expansion of *, slopes, || and nesting", () => {
  const parsed = formulaToBuilder("Reaction ~ Days * group + (Days || Subject) + (1 | a/b)");
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.model.fixed, [["Days"], ["group"], ["Days", "group"]]);
  assert.deepEqual(parsed.model.random, [
    { grouping: "Subject", intercept: true, slopes: ["Days"], correlated: false },
    { grouping: "a/b", intercept: true, slopes: [], correlated: true },
  ]);
  assert.deepEqual(variablesOf(parsed.model).sort(), ["Days", "Reaction", "Subject", "a", "b", "group"]);
  const round = formulaToBuilder(builderToFormula(parsed.model));
  assert.ok(round.ok);
  assert.deepEqual(round.model, parsed.model);
});

test("a mistake is reported with its 0-based position", () => {
  const parsed = formulaToBuilder("frequency ~ attitude + + (1 | subject)");
  assert.equal(parsed.ok, false);
  if (!parsed.ok) {
    assert.equal(parsed.problem.position, 23);
    assert.match(parsed.problem.message, /Unexpected '\+' at position 24/);
  }
  const noOutcome = formulaToBuilder("~ x + (1 | g)");
  assert.equal(noOutcome.ok, false);
  if (!noOutcome.ok) assert.equal(noOutcome.problem.position, null);
});

test("a name that is not a column is reported with its position and the nearest column", async () => {
  const { unknownColumnProblem } = await import("../../../app/model-spec");
  const text = "frequency ~ attitude + gendr + (1 | subject)";
  const parsed = formulaToBuilder(text);
  assert.ok(parsed.ok);
  if (!parsed.ok) return;
  const problem = unknownColumnProblem(parsed.model, text, ["subject", "gender", "attitude", "frequency"]);
  assert.deepEqual(problem, { message: "There is no column 'gendr' (position 24); did you mean 'gender'?", position: 23 });
  assert.equal(unknownColumnProblem(parsed.model, text, ["subject", "gendr", "attitude", "frequency"]), null);
});
