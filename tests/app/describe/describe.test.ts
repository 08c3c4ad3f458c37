import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../app/data";
import { describeTable, type NumericDescription, type CategoricalDescription } from "../../../app/describe";

const politeness = parseCsv(readFileSync(new URL("../../fixtures/reference/data/politeness.csv", import.meta.url)));

test("numeric descriptives match R (mean, sd with n-1, min, max, missing)", () => {
  const d = describeTable(politeness);
  const f = d.columns.find((c) => c.name === "frequency") as NumericDescription;
  assert.equal(f.n, 83);
  assert.equal(f.missing, 1);
  // R: mean(d$frequency, na.rm = TRUE), sd(...)
  assert.ok(Math.abs(f.mean! - 193.5819277108) < 1e-9);
  assert.ok(Math.abs(f.sd! - 65.5406802449) < 1e-9);
  assert.equal(f.min, 82.2);
  assert.equal(f.max, 306.8);
});

test("categorical descriptives count each level in level order", () => {
  const d = describeTable(politeness);
  const g = d.columns.find((c) => c.name === "gender") as CategoricalDescription;
  assert.deepEqual(g.levels, [
    { level: "F", count: 42 },
    { level: "M", count: 42 },
  ]);
  assert.equal(g.missing, 0);
});

test("edge cases: all missing, single value; progress reaches 1", () => {
  const t = parseCsv("a,b\nNA,5\nNA,NA\n");
  const seen: number[] = [];
  const d = describeTable(t, (f) => seen.push(f));
  const a = d.columns[0] as NumericDescription;
  assert.deepEqual([a.n, a.mean, a.sd, a.min], [0, null, null, null]);
  const b = d.columns[1] as NumericDescription;
  assert.deepEqual([b.n, b.mean, b.sd], [1, 5, null]);
  assert.deepEqual(seen, [0.5, 1]);
});

test("mean is exact where the sum rounds (R-like corrected mean)", () => {
  const t = parseCsv(`x\n${Array.from({ length: 180 }, (_, i) => i % 10).join("\n")}\n`);
  assert.equal((describeTable(t).columns[0] as NumericDescription).mean, 4.5);
});
