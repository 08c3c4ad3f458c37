// Marginal probabilities of each category and the mean class against emmeans(mode = "prob" /
// "mean.class") on a clmm fit (tests/fixtures/reference-ordinal/make-emmeans.R). Tolerances: the
// reference README's estimate (1e-3 × SE) and SE (1e-3 relative) rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../../app/data";
import { ordinalProbabilities, runOrdinalFitWithFrame } from "../../../../app/engine/ordinal";

const DIR = join(import.meta.dirname, "../../../fixtures/reference-ordinal");

interface Row { level: string; category: string; estimate: number; se: number }

test("probabilities of each rating and the mean class by temperature equal emmeans on clmm", () => {
  const ref = JSON.parse(readFileSync(join(DIR, "emmeans/wine-temp.json"), "utf8")) as { formula: string; data: string; factor: string; rows: Row[] };
  const table = parseCsv(readFileSync(join(DIR, "data", ref.data)));
  const { fit, frame } = runOrdinalFitWithFrame(table, { formula: ref.formula, categorical: ["rating"] });
  const ours = ordinalProbabilities(fit, frame, ref.factor);
  assert.equal(ours.length, ref.rows.length);
  for (const r of ref.rows) {
    const o = ours.find((x) => x.level === r.level && x.category === r.category);
    assert.ok(o, `${r.level} ${r.category} missing`);
    assert.ok(Math.abs(o.estimate - r.estimate) <= Math.max(1e-3 * r.se, 1e-6), `${r.level} ${r.category}: ${o.estimate} vs ${r.estimate}`);
    assert.ok(Math.abs(o.se - r.se) <= 1e-3 * r.se, `${r.level} ${r.category} SE: ${o.se} vs ${r.se}`);
    assert.ok(Math.abs(o.upper - o.estimate - 1.959963984540054 * o.se) < 1e-12);
  }
  // The probabilities of one temperature add up to 1.
  for (const level of ["cold", "warm"]) {
    const total = ours.filter((x) => x.level === level && x.category !== "mean.class").reduce((s, x) => s + x.estimate, 0);
    assert.ok(Math.abs(total - 1) < 1e-12);
  }
});
