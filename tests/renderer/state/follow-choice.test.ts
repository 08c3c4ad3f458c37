// A plot's or post-hoc panel's chosen variable follows a column rename (issue 15), and only a rename.
import { test } from "node:test";
import assert from "node:assert/strict";
import { followRenamed, OptionsMemory } from "../../../renderer/src/state/follow-choice";

test("a choice renamed in place takes its new name", () => {
  assert.equal(followRenamed("attitude", ["attitude", "gender"], ["Attitude (coded)", "gender"]), "Attitude (coded)");
  assert.equal(followRenamed("gender", ["attitude", "gender"], ["attitude", "sex"]), "sex");
});

test("a choice still offered, an empty or null choice, and any change that is not a rename are left alone", () => {
  assert.equal(followRenamed("gender", ["attitude", "gender"], ["Attitude", "gender"]), "gender");
  assert.equal(followRenamed("", ["a", "b"], ["c", "b"]), "");
  assert.equal(followRenamed(null, ["a", "b"], ["c", "b"]), null);
  // A term added or removed: no guess.
  assert.equal(followRenamed("a", ["a", "b"], ["c", "b", "d"]), "a");
  // Two places changed (another model): no guess.
  assert.equal(followRenamed("a", ["a", "b"], ["c", "d"]), "a");
  // Not among the old options either.
  assert.equal(followRenamed("z", ["a", "b"], ["c", "b"]), "z");
});

test("the memory maps from the options seen last, through several renames and an undo", () => {
  const seen = new OptionsMemory(["Days", "Subject"]);
  let x = "Days";
  x = seen.follow(["Days of sleep deprivation", "Subject"])(x);
  assert.equal(x, "Days of sleep deprivation");
  x = seen.follow(["Days of sleep deprivation", "Subject"])(x);
  assert.equal(x, "Days of sleep deprivation");
  x = seen.follow(["Days", "Subject"])(x);
  assert.equal(x, "Days");
});
