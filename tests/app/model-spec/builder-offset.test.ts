// The model builder keeps a formula's offset() terms and poly() terms through builder edits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { builderToFormula, formulaToBuilder } from "../../../app/model-spec";

test("offset() and poly() survive formula → builder → formula", () => {
  const parsed = formulaToBuilder("incidence ~ period + offset(log(size)) + poly(x, 2) + (1 | herd)");
  assert.ok(parsed.ok);
  if (!parsed.ok) return;
  assert.deepEqual(parsed.model.offsets, ["offset(log(size))"]);
  assert.deepEqual(parsed.model.fixed, [["period"], ["poly(x, 2)"]]);
  assert.equal(builderToFormula(parsed.model), "incidence ~ period + poly(x, 2) + offset(log(size)) + (1 | herd)");
  // Removing every term leaves the offset in place.
  assert.equal(builderToFormula({ ...parsed.model, fixed: [] }), "incidence ~ 1 + offset(log(size)) + (1 | herd)");
});
