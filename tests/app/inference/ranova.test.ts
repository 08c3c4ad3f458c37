// Random-effect tests against lmerTest::ranova (lme4 1.1-31, lmerTest 3.1-3). The expected
// tables are in tests/fixtures/ranova/ranova.json, written by tests/fixtures/ranova/make.R.
// Tolerances as the reference README: logLik/AIC 1e-3 absolute; LRT 1e-3 absolute (a difference
// of two log-likelihoods); p 1e-3 relative or 1e-8 absolute.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { runFitWithFrame } from "../../../app/engine/run-fit";
import type { LmmFit } from "../../../app/engine/lmm";
import { ranova, ranovaModels, type RanovaRow } from "../../../app/inference/ranova";

interface Case {
  readonly id: string;
  readonly data: string;
  readonly formula: string;
  readonly REML: boolean;
  readonly ranova: readonly RanovaRow[];
}

const FIXTURES = join(import.meta.dirname, "../../fixtures");
const cases: Case[] = JSON.parse(readFileSync(join(FIXTURES, "ranova/ranova.json"), "utf8"));

function close(actual: number | null, expected: number | null, tol: number, what: string): void {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(actual !== null && Math.abs(actual - expected) <= tol, `${what}: ${actual} vs R ${expected}`);
}

for (const c of cases) {
  test(`ranova ${c.id} matches lmerTest`, () => {
    const table = parseCsv(readFileSync(join(FIXTURES, "reference/data", c.data)));
    const spec = { formula: c.formula, method: c.REML ? "REML" : "ML", categorical: c.data === "politeness.csv" ? ["scenario"] : [], inference: false } as const;
    const { fit, frame } = runFitWithFrame(table, spec);
    const rows = ranova(table, c.formula, fit as LmmFit, frame, { categorical: spec.categorical });
    assert.deepEqual(rows.map((r) => r.term), c.ranova.map((r) => r.term));
    c.ranova.forEach((want, i) => {
      const got = rows[i];
      assert.equal(got.npar, want.npar, `${want.term} npar`);
      close(got.logLik, want.logLik, 1e-3, `${want.term} logLik`);
      close(got.AIC, want.AIC, 2e-3, `${want.term} AIC`);
      close(got.LRT, want.LRT, 2e-3, `${want.term} LRT`);
      close(got.df, want.df, 0, `${want.term} df`);
      if (want.p !== null) close(got.p, want.p, Math.max(1e-8, 1e-3 * want.p), `${want.term} p`);
    });
  });
}

test("ranova reduces each droppable slope of a term, keeping marginality", () => {
  assert.deepEqual(ranovaModels("y ~ x + (0 + a + b | g)"), [
    { term: "a in (0 + a + b | g)", formula: "y ~ 1 + x + (b - 1 | g)" },
    { term: "b in (0 + a + b | g)", formula: "y ~ 1 + x + (a - 1 | g)" },
  ]);
  assert.deepEqual(ranovaModels("y ~ x + (a * b | g)").map((m) => m.term), ["a:b in (a * b | g)"]);
  assert.deepEqual(ranovaModels("y ~ x + (1 | g)"), [{ term: "(1 | g)", formula: null }]);
});
