// Logical variables (comparisons) in the model frame. Expected values from R 4.2 with lme4:
//   d <- data.frame(y = c(3.1, 2.2, 4.8, 5.0, 7.7, 6.1, 9.9, 8.4, 11.0, 12.3), x = c(0:8, NA),
//                   w = c(1, 5, 2, 7, 3, 3, 8, 0, 4, 6), g = rep(c("a", "b", "c"), length.out = 10))
//   mf <- model.frame(y ~ I(x > 3) * w + g, d); nrow(mf)                  # 9 (NA row dropped)
//   mm <- model.matrix(y ~ I(x > 3) * w, mf); colnames(mm)
//     # "(Intercept)" "I(x > 3)TRUE" "w" "I(x > 3)TRUE:w"
//   mm[, 2]  # 0 0 0 0 1 1 1 1 1        mm[, 4]  # 0 0 0 0 3 3 8 0 4
//   model.matrix(~ I(x + 1 > 2 * w), d)[, 2]                             # 0 0 0 0 0 0 0 1 1
//   model.matrix(~ as.numeric(w != 3), d)[, 2]                           # 1 1 1 1 0 0 1 1 1 1
//   as.numeric(model.response(model.frame(y > 5 ~ w, d)))                # 0 0 0 0 1 1 1 1 1 1
//   as.numeric(model.response(model.frame(I(x <= 4) ~ w, d)))            # 1 1 1 1 1 0 0 0 0
//   colnames(model.matrix(~ I(x == 3):g, d))
//     # "(Intercept)" "I(x == 3)FALSE:ga" "I(x == 3)TRUE:ga" "I(x == 3)FALSE:gb" ...
//   m <- lmer(y ~ I(x == 3):g + (1 | g), d); colnames(getME(m, "X"))
//     # "(Intercept)" "I(x == 3)FALSE:ga" "I(x == 3)TRUE:ga" "I(x == 3)FALSE:gb"
//   attr(getME(m, "X"), "col.dropped")  # I(x == 3)TRUE:gb, I(x == 3)FALSE:gc, I(x == 3)TRUE:gc
//   options(contrasts = c("contr.sum", "contr.poly")); model.matrix(~ I(w > 3), d)[, 2]
//     # column "I(w > 3)1": 1 -1 1 -1 1 1 -1 1 -1 -1
//   m <- lmer(y ~ I(x > 100) + x + (1 | g), d)  # both levels kept, so the all-zero TRUE column
//   attr(getME(m, "X"), "col.dropped")          # is dropped as rank deficient: I(x > 100)TRUE
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Column, DataTable } from "../../../../app/data/column";
import { parseFormula } from "../../../../app/formula";
import { buildModelFrame } from "../../../../app/engine/model-frame";
import type { ModelFrameOptions } from "../../../../app/engine/model-frame";

function numbers(name: string, values: number[]): Column {
  return { kind: "number", name, values: Float64Array.from(values) };
}
const labels = Array.from({ length: 10 }, (_, i) => ["a", "b", "c"][i % 3]);
const table: DataTable = {
  nrow: 10,
  columns: [
    numbers("y", [3.1, 2.2, 4.8, 5.0, 7.7, 6.1, 9.9, 8.4, 11.0, 12.3]),
    numbers("x", [0, 1, 2, 3, 4, 5, 6, 7, 8, NaN]),
    numbers("w", [1, 5, 2, 7, 3, 3, 8, 0, 4, 6]),
    { kind: "categorical", name: "g", levels: ["a", "b", "c"], codes: Int32Array.from(labels, (l) => ["a", "b", "c"].indexOf(l)) },
    { kind: "categorical", name: "label", levels: ["p", "q"], codes: Int32Array.from(labels, (l) => (l === "a" ? 0 : 1)) },
  ],
};

function frame(formula: string, options: ModelFrameOptions = {}) {
  return buildModelFrame(table, parseFormula(formula), options);
}
function column(f: ReturnType<typeof frame>, name: string): number[] {
  const j = f.fixed.names.indexOf(name);
  assert.ok(j >= 0, `no column ${name} in ${f.fixed.names.join(", ")}`);
  return Array.from(f.fixed.X.subarray(j * f.n, (j + 1) * f.n));
}

test("a logical predictor is a factor with levels FALSE, TRUE, in interactions too; NA rows are dropped", () => {
  const f = frame("y ~ I(x > 3) * w + (1 | g)");
  assert.equal(f.n, 9);
  assert.deepEqual(f.fixed.names, ["(Intercept)", "I(x > 3)TRUE", "w", "I(x > 3)TRUE:w"]);
  assert.deepEqual(column(f, "I(x > 3)TRUE"), [0, 0, 0, 0, 1, 1, 1, 1, 1]);
  assert.deepEqual(column(f, "I(x > 3)TRUE:w"), [0, 0, 0, 0, 3, 3, 8, 0, 4]);
  assert.deepEqual(column(frame("y ~ I(x + 1 > 2 * w) + (1 | g)"), "I(x + 1 > 2 * w)TRUE"), [0, 0, 0, 0, 0, 0, 0, 1, 1]);
  const cells = frame("y ~ I(x == 3):g + (1 | g)").fixed;
  assert.deepEqual(cells.names, ["(Intercept)", "I(x == 3)FALSE:ga", "I(x == 3)TRUE:ga", "I(x == 3)FALSE:gb"]);
  assert.deepEqual(cells.dropped, ["I(x == 3)TRUE:gb", "I(x == 3)FALSE:gc", "I(x == 3)TRUE:gc"]);
});

test("sum contrasts code a logical as FALSE = 1, TRUE = -1", () => {
  const f = frame("y ~ I(w > 3) + (1 | g)", { contrasts: "sum" });
  assert.deepEqual(column(f, "I(w > 3)1"), [1, -1, 1, -1, 1, 1, -1, 1, -1, -1]);
});

test("a logical keeps both levels even when one does not occur, so its column is dropped as lme4 does", () => {
  const f = frame("y ~ I(x > 100) + x + (1 | g)");
  assert.deepEqual(f.fixed.dropped, ["I(x > 100)TRUE"]);
  assert.deepEqual(f.fixed.names, ["(Intercept)", "x"]);
});

test("as.numeric() of a comparison is a number column", () => {
  assert.deepEqual(column(frame("y ~ as.numeric(w != 3) + (1 | g)"), "as.numeric(w != 3)"), [1, 1, 1, 1, 0, 0, 1, 1, 1, 1]);
});

test("a logical outcome is 0/1 for every family; its missing values drop the row", () => {
  for (const family of ["binomial", "gaussian", "poisson"] as const) {
    assert.deepEqual(Array.from(frame("y > 5 ~ w + (1 | g)", { family }).y), [0, 0, 0, 0, 1, 1, 1, 1, 1, 1], family);
  }
  const f = frame("I(x <= 4) ~ w + (1 | g)", { family: "binomial" });
  assert.equal(f.responseName, "I(x <= 4)");
  assert.deepEqual(Array.from(f.y), [1, 1, 1, 1, 1, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(frame("I(w > 100) ~ x + (1 | g)", { family: "binomial" }).y), [0, 0, 0, 0, 0, 0, 0, 0, 0]);
});

test("comparing a column of categories is a plain-words error", () => {
  assert.throws(() => frame("y ~ I(label > 1) + (1 | g)"), /Column 'label' holds categories \(text\), so label > 1 cannot be computed/);
});
