// The comparison itself: it must reject fits that are off by more than the README allows, and
// fits that lack a field, and accept what the README accepts.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { FitJson } from "../../app/report";
import { compareFixef, compareLikelihood, compareRanef, compareVarCorr, compareAnova3, stripSuffix } from "./compare";
import type { ReferenceCase } from "./reference-case";

type Json = FitJson & Record<string, unknown>;

const reference = {
  id: "toy",
  method: "REML",
  family: "gaussian",
  singular: false,
  warned: false,
  fixef: [{ term: "(Intercept)", estimate: 10, se: 2, statistic: 5 }],
  varcorr: [
    { group: "g", name1: "(Intercept)", name2: null, kind: "variance", value: 4, sd: 2 },
    { group: "g.1", name1: "x", name2: null, kind: "variance", value: 1, sd: 1 },
    { group: "Residual", name1: null, name2: null, kind: "variance", value: 9, sd: 3 },
  ],
  sigma: 3,
  theta: [0.5, 1 / 3],
  logLik: -100,
  AIC: 208,
  BIC: 215,
  df: 4,
  REMLcrit: 200,
  deviance: null,
  ranef: [{ group: "g", terms: ["(Intercept)"], levels: ["a", "b"], values: [[1, -1]], condsd: [[0.5, 0.5]] }],
  anova3: [{ term: "x", numDF: 1, denDF: 20, F: 4, p: 0.05 }],
} as unknown as ReferenceCase;

function ours(patch: Record<string, unknown> = {}): Json {
  return {
    fixef: [{ term: "(Intercept)", estimate: 10, se: 2, statistic: 5 }],
    varcorr: [
      { group: "g", name1: "(Intercept)", name2: null, kind: "variance", value: 4, sd: 2 },
      { group: "g", name1: "x", name2: null, kind: "variance", value: 1, sd: 1 },
      { group: "Residual", name1: null, name2: null, kind: "variance", value: 9, sd: 3 },
    ],
    sigma: 3,
    theta: [0.5, 1 / 3],
    logLik: -100,
    AIC: 208,
    BIC: 215,
    df: 4,
    REMLcrit: 200,
    deviance: null,
    ranef: [{ group: "g", terms: ["(Intercept)"], levels: ["a", "b"], values: [[1, -1]], condsd: [[0.5, 0.5]] }],
    ...patch,
  } as unknown as Json;
}

test("identical results match; split-term suffixes are ignored", () => {
  for (const compare of [compareFixef, compareVarCorr, compareLikelihood, compareRanef]) {
    assert.deepEqual(compare(ours(), reference).lines, []);
  }
  assert.equal(stripSuffix("Subject.1"), "Subject");
});

test("estimates: 1e-3 × se passes, more fails", () => {
  const row = (estimate: number) => ours({ fixef: [{ term: "(Intercept)", estimate, se: 2, statistic: 5 }] });
  assert.equal(compareFixef(row(10 + 0.0019), reference).lines.length, 0);
  assert.equal(compareFixef(row(10 + 0.0021), reference).lines.length, 1);
  assert.equal(compareFixef(ours({ fixef: [] }), reference).lines.length, 2);
});

test("objective: better is fine, worse by more than 1e-4 fails", () => {
  assert.deepEqual(compareLikelihood(ours({ REMLcrit: 199.99 }), reference).lines, []);
  assert.equal(compareLikelihood(ours({ REMLcrit: 200.001 }), reference).lines.length, 1);
  assert.equal(compareLikelihood(ours({ REMLcrit: undefined }), reference).lines.length, 1);
});

test("singular or warned cases allow 10× the tolerance", () => {
  const sd = (v: number) => ours({ sigma: v });
  assert.equal(compareVarCorr(sd(3.006), reference).lines.length, 1);
  assert.equal(compareVarCorr(sd(3.006), { ...reference, warned: true }).lines.length, 0);
});

test("ranef values within 1e-2 × condsd; missing levels fail", () => {
  const r = (value: number, levels = ["a", "b"]) =>
    ours({ ranef: [{ group: "g", terms: ["(Intercept)"], levels, values: [[value, -1]], condsd: [[0.5, 0.5]] }] });
  assert.equal(compareRanef(r(1.004), reference).lines.length, 0);
  assert.equal(compareRanef(r(1.006), reference).lines.length, 1);
  assert.match(compareRanef(r(1, ["a", "c"]), reference).lines.join(), /ranef g \/ \(Intercept\) \/ b: missing/);
});

test("an absent inference field fails", () => {
  assert.match(compareAnova3(ours(), reference).lines.join(), /anova3: missing/);
});
