import { test } from "node:test";
import assert from "node:assert/strict";
import { computeColumn, parseCsv } from "../../../app/data";

const t = parseCsv("rt,g\n400,a\n600,b\nNA,a\n800,b\n");

test("computed columns: log, division, centring with mean(), scale()", () => {
  assert.deepEqual(computeColumn(t, "secs", "rt / 1000").values, [0.4, 0.6, null, 0.8]);
  assert.deepEqual(computeColumn(t, "c", "rt - mean(rt)").values, [-200, 0, null, 200]);
  assert.deepEqual(computeColumn(t, "z", "(rt - mean(rt)) / sd(rt)").values, [-1, 0, null, 1]);
  assert.deepEqual(computeColumn(t, "z2", "scale(rt)").values, [-1, 0, null, 1]);
  assert.equal(computeColumn(t, "l", "log(rt)").values[0], Math.log(400));
});

test("computed columns: readable errors", () => {
  assert.throws(() => computeColumn(t, "rt", "rt * 2"), /already a column called 'rt'/);
  assert.throws(() => computeColumn(t, "y", "log(rtt)"), /no column called 'rtt'. Did you mean 'rt'/);
  assert.throws(() => computeColumn(t, "y", "g * 2"), /categories/);
  assert.throws(() => computeColumn(t, "y", "mean(g)"), /holds categories/);
  assert.throws(() => computeColumn(t, "y", ""), /Type an expression/);
});

test("an infinite result names the row instead of becoming missing", () => {
  const z = parseCsv("x\n1\n0\n");
  assert.throws(() => computeColumn(z, "y", "1 / x"), /infinite in row 2/);
});
