// Bad input for ordinal models gets a plain message and no fit; unused categories are dropped
// as clmm drops them; the likelihood machinery agrees with a direct computation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../../app/data";
import type { CategoricalColumn, DataTable } from "../../../../app/data/column";
import { MixwellError } from "../../../../app/errors";
import { buildOrdinalFrame, categoryProbability, cumulativeLink, ordinalFitToJson, runOrdinalFit } from "../../../../app/engine/ordinal";
import { OrdinalProblem } from "../../../../app/engine/ordinal/problem";

const WINE = join(import.meta.dirname, "../../../fixtures/reference-ordinal/data/wine.csv");
const wine = (): DataTable => parseCsv(readFileSync(WINE));

/** wine with `rating` as text categories in the given level order. */
function wineWithRatingLevels(levels: string[]): DataTable {
  const t = wine();
  return {
    ...t,
    columns: t.columns.map((c) => {
      if (c.name !== "rating" || c.kind !== "number") return c;
      const col: CategoricalColumn = { kind: "categorical", name: "rating", levels, codes: Int32Array.from(c.values, (v) => levels.indexOf(String(v))) };
      return col;
    }),
  };
}

test("a numeric outcome without levels is refused, naming the column and the fix", () => {
  assert.throws(
    () => buildOrdinalFrame(wine(), "rating ~ temp + (1 | judge)"),
    (e: unknown) => e instanceof MixwellError && /'rating' holds numbers without levels/.test(e.message) && /categorical/.test(e.message),
  );
});

test("an outcome with one category in the rows used is refused", () => {
  const t = wine();
  const one: DataTable = {
    ...t,
    columns: t.columns.map((c) => (c.name === "rating" ? { kind: "categorical", name: "rating", levels: ["3", "4"], codes: new Int32Array(t.nrow) } : c)),
  };
  assert.throws(() => buildOrdinalFrame(one, "rating ~ temp + (1 | judge)"), (e: unknown) => e instanceof MixwellError && /only one category \('3'\)/.test(e.message));
});

test("a category nobody chose is left out as clmm does, with a warning, and the fit equals the fit without it", () => {
  const withUnused = runOrdinalFit(wineWithRatingLevels(["1", "2", "6", "3", "4", "5"]), { formula: "rating ~ temp + (1 | judge)" });
  const plain = runOrdinalFit(wine(), { formula: "rating ~ temp + (1 | judge)", categorical: ["rating"] });
  assert.deepEqual(withUnused.thresholds.map((t) => t.name), ["1|2", "2|3", "3|4", "4|5"]);
  assert.ok(withUnused.warnings.some((w) => /category '6'/.test(w)), withUnused.warnings.join("\n"));
  assert.ok(Math.abs(withUnused.logLik - plain.logLik) < 1e-6);
  // clmm(rating ~ temp + (1|judge), wine): logLik -88.74, tempwarm 2.668 (the same with the unused level).
  assert.ok(Math.abs(plain.logLik - -88.74) < 0.005, String(plain.logLik));
  assert.ok(Math.abs(plain.fixef[0].estimate - 2.668) < 0.0005, String(plain.fixef[0].estimate));
});

test("the level order the user set decides the thresholds' order and the sign of the effects", () => {
  const reversed = runOrdinalFit(wineWithRatingLevels(["5", "4", "3", "2", "1"]), { formula: "rating ~ temp + (1 | judge)" });
  const plain = runOrdinalFit(wine(), { formula: "rating ~ temp + (1 | judge)", categorical: ["rating"] });
  assert.deepEqual(reversed.thresholds.map((t) => t.name), ["5|4", "4|3", "3|2", "2|1"]);
  assert.ok(Math.abs(reversed.fixef[0].estimate + plain.fixef[0].estimate) < 1e-4);
  assert.ok(Math.abs(reversed.logLik - plain.logLik) < 1e-6);
});

test("a formula without an intercept, or a grouping factor with two levels, is refused", () => {
  const t = wine();
  assert.throws(() => buildOrdinalFrame(t, "rating ~ 0 + temp + (1 | judge)", { categorical: ["rating"] }), /thresholds in place of an intercept/);
  assert.throws(() => buildOrdinalFrame(t, "rating ~ temp + (1 | contact)", { categorical: ["rating"] }), /at least three groups/);
});

test("odds ratios with their interval for the logit link only", () => {
  const logit = ordinalFitToJson(runOrdinalFit(wine(), { formula: "rating ~ temp + (1 | judge)", categorical: ["rating"] }));
  const b = logit.fixef[0];
  assert.ok(Math.abs(b.exp_b! - Math.exp(b.estimate)) < 1e-12);
  assert.ok(b.exp_b_lower! < b.exp_b! && b.exp_b! < b.exp_b_upper!);
  assert.ok(Math.abs(Math.log(b.exp_b_upper!) - b.estimate - 1.959963984540054 * b.se) < 1e-9);
  const probit = ordinalFitToJson(runOrdinalFit(wine(), { formula: "rating ~ temp + (1 | judge)", categorical: ["rating"], link: "probit" }));
  assert.equal(probit.fixef[0].exp_b, undefined);
});

test("the Laplace likelihood at u = 0 with no random variance is the plain cumulative link likelihood", () => {
  const frame = buildOrdinalFrame(wine(), "rating ~ temp + contact + (1 | judge)", { categorical: ["rating"] });
  const link = cumulativeLink("logit");
  const problem = new OrdinalProblem(frame.data, link);
  const par = [-1.3, 1.2, 3.5, 5.1, 2.5, 1.5];
  problem.setParameters(par, [Float64Array.of(0)]);
  let direct = 0;
  const { n, y, X } = frame.data;
  for (let i = 0; i < n; i++) {
    const xb = X[i] * par[4] + X[n + i] * par[5];
    const upper = y[i] < 4 ? par[y[i]] - xb : Infinity;
    const lower = y[i] > 0 ? par[y[i] - 1] - xb : -Infinity;
    direct -= Math.log(categoryProbability(link, upper, lower));
  }
  // With ST = 0, D = I: the Laplace value is exactly the fixed-effects negative log-likelihood.
  assert.ok(Math.abs(problem.laplaceNll() - direct) < 1e-9);
});
