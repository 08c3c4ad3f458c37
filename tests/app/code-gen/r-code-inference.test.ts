// R code of issue 19's inference: ranova, effectsize's refit and the Johnson–Neyman bounds. The
// generated code is also run with Rscript when R is installed on the machine (development check),
// but the test itself only reads the text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rCode, type CodeGenInput } from "../../../app/code-gen";

const input = (formula: string): CodeGenInput => ({
  spec: { name: "m", formula, family: "gaussian", method: "REML", contrasts: "treatment", categorical: [] },
  fileName: "jn-data.csv",
  columns: [
    { name: "y", kind: "number" },
    { name: "x", kind: "number" },
    { name: "m", kind: "number" },
    { name: "g", kind: "categorical", levels: ["g1", "g2"] },
  ],
});

test("R code of an LMM adds lmerTest::ranova, effectsize's refit and J-N for x:m", () => {
  const r = rCode(input("y ~ x * m + (x | g)"));
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.match(r.code, /lmerTest::ranova\(m\)/);
  assert.match(r.code, /effectsize::standardize_parameters\(m, method = "refit"\)/);
  assert.match(r.code, /l\["x"\] <- 1; l\["x:m"\] <- w/);
  assert.match(r.code, /contest1D\(m, l\)\$df/);
  const plain = rCode(input("y ~ x + m + (1 | g)"));
  assert.ok(plain.ok && !/jn_t/.test(plain.code));
});
