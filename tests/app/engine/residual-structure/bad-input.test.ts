// Residual structures refuse what nlme would refuse (or misfit) with a message naming the column,
// row or group: duplicate and non-whole times for AR(1), missing times, a GLMM, prior weights.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../../../app/data";
import { runResidualFit } from "../../../../app/engine/residual-structure";
import type { ResidualStructureSpec } from "../../../../app/engine/residual-structure";

function table(rows: string[]) {
  return parseCsv(new TextEncoder().encode(["id,t,y,x,arm", ...rows].join("\n")));
}

const good = ["a,1,3.1,0.2,P", "a,2,4.0,1.1,Q", "a,3,4.4,0.7,P", "b,1,2.0,0.3,Q", "b,2,2.9,1.4,P", "b,3,3.5,0.1,Q", "c,1,5.0,0.9,P", "c,2,5.2,0.4,Q", "c,4,6.1,1.8,P"];

function fit(rows: string[], residual: ResidualStructureSpec, extra: Record<string, unknown> = {}) {
  return () => runResidualFit(table(rows), { formula: "y ~ x + (1 | id)", residual, ...extra });
}

test("AR(1) refuses a time given twice within a group, naming the rows", () => {
  const rows = [...good.slice(0, 8), "c,2,6.1,1.8,P"];
  assert.throws(fit(rows, { correlation: "ar1", time: "t" }), /Rows 8 and 9 have the same time \(2\) within one id/);
});

test("AR(1) refuses a time that is not a whole number and points to CAR(1)", () => {
  const rows = [...good.slice(0, 8), "c,2.5,6.1,1.8,P"];
  assert.throws(fit(rows, { correlation: "ar1", time: "t" }), /AR\(1\) needs whole-number time points, but 't' is 2.5 in row 9.*continuous-time/);
  assert.doesNotThrow(fit(rows, { correlation: "car1", time: "t" }));
});

test("a missing time is refused, not dropped silently", () => {
  const rows = [...good.slice(0, 8), "c,NA,6.1,1.8,P"];
  assert.throws(fit(rows, { correlation: "car1", time: "t" }), /time column 't' has no value in row 9/);
});

test("AR(1) without a time column, or with an unknown one, says what is needed", () => {
  assert.throws(fit(good, { correlation: "ar1" }), /needs a time column/);
  assert.throws(fit(good, { correlation: "ar1", time: "week" }), /no column 'week'/);
});

test("a binomial or Poisson model cannot have a residual structure", () => {
  assert.throws(fit(good, { correlation: "cs" }, { family: "poisson" }), /apply to linear \(gaussian\) models.*poisson/);
});

test("variances differ by a column with one level, or a group not nested, are refused", () => {
  assert.throws(fit(good.map((r) => r.replace(/,Q$/, ",P")), { varianceBy: "arm" }), /one level/);
  assert.throws(fit(good, { correlation: "cs", group: "arm" }), /must lie within the random-effects group 'id'/);
});
