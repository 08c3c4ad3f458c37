// The numbers behind a residual-structure fit's plots against nlme (tests/fixtures/nlme-residual/
// plots, made by make-plot-data.R): fitted(m), residuals(m) of the raw and "pearson" types per
// data row, ranef(m) and the conditional SDs of the random effects per group.
// Tolerances as the reference README's: fitted values within 1e-3 σ and residuals in σ units within
// 1e-3 (estimates within 1e-3 SE), random effects within 1e-3 of their conditional SD, SDs within
// 1e-3 relative.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../../app/data";
import { runResidualFit, type ResidualStructureFit } from "../../../../app/engine/residual-structure";
import type { ResidualStructureSpec } from "../../../../app/engine/residual-structure";

const DIR = join(import.meta.dirname, "../../../fixtures/nlme-residual");

interface PlotData {
  readonly terms: string[];
  readonly fitted: number[];
  readonly raw: number[];
  readonly pearson: number[];
  readonly sigma: number;
  readonly levels: string[];
  readonly values: number[][];
  readonly condsd: number[][];
}

function fitCase(id: string): { fit: ResidualStructureFit; ref: PlotData } {
  const c = JSON.parse(readFileSync(join(DIR, "cases", `${id}.json`), "utf8")) as {
    data: string; formula: string; method: "REML" | "ML"; categorical: string[]; residual: ResidualStructureSpec;
  };
  const table = parseCsv(readFileSync(join(DIR, "data", c.data)));
  const fit = runResidualFit(table, { formula: c.formula, method: c.method, categorical: c.categorical, residual: c.residual });
  return { fit, ref: JSON.parse(readFileSync(join(DIR, "plots", `${id}.json`), "utf8")) as PlotData };
}

function off(label: string, ours: ArrayLike<number>, ref: readonly number[], tol: (i: number) => number): string[] {
  if (ours.length !== ref.length) return [`${label}: ${ours.length} values, nlme ${ref.length}`];
  const bad: string[] = [];
  for (let i = 0; i < ref.length; ++i) if (!(Math.abs(ours[i] - ref[i]) <= tol(i))) bad.push(`${label}[${i}]: ours ${ours[i]}, nlme ${ref[i]}`);
  return bad.slice(0, 5);
}

function compare(fit: ResidualStructureFit, ref: PlotData): string[] {
  const { rows, ranef } = fit;
  const sigma = ref.sigma;
  const bad = [
    ...off("fitted", rows.fitted, ref.fitted, () => 1e-3 * sigma),
    ...off("raw", rows.residuals, ref.raw, () => 1e-3 * sigma),
    ...off("pearson", rows.pearson, ref.pearson, () => 1e-3),
  ];
  assert.deepEqual(ranef.terms, ref.terms);
  assert.deepEqual(ranef.levels, ref.levels);
  ref.values.forEach((v, t) => bad.push(...off(`ranef ${ref.terms[t]}`, ranef.values[t], v, (i) => 1e-3 * ref.condsd[t][i])));
  ref.condsd.forEach((v, t) => bad.push(...off(`condsd ${ref.terms[t]}`, ranef.condsd[t], v, (i) => 1e-3 * v[i])));
  return bad;
}

for (const id of ["bodyweight-ar1-varident-reml", "simlong-car1-varident-reml"]) {
  test(`plot data of ${id} as nlme's`, () => {
    const { fit, ref } = fitCase(id);
    assert.deepEqual(compare(fit, ref), []);
  });
}

test("the plot-data comparison rejects residuals that are not Pearson's", () => {
  const { fit, ref } = fitCase("bodyweight-ar1-varident-reml");
  // raw residuals over σ alone, ignoring the varIdent ratio: wrong on every diet but the reference one
  const unscaled = Float64Array.from(fit.rows.residuals, (r) => r / fit.sigma);
  const bad = compare({ ...fit, rows: { ...fit.rows, pearson: unscaled } }, ref);
  assert.ok(bad.some((b) => b.startsWith("pearson")), bad.join("\n"));
});
