// R code for an ordinal model: clmm with the outcome as an ordered factor in the user's order,
// the link and nAGQ only where they differ from clmm's defaults, odds ratios for the logit link.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ordinalRCode } from "../../../app/code-gen/r-code-ordinal";
import type { CodeGenInput } from "../../../app/code-gen/types";
import type { ModelSpec } from "../../../app/model-spec";

function input(formula: string): CodeGenInput {
  const spec = { formula, categorical: [], contrasts: "treatment" } as unknown as ModelSpec;
  return {
    spec,
    fileName: "ratings.csv",
    columns: [
      { name: "answer", kind: "categorical", levels: ["never", "rarely", "often"] },
      { name: "cond", kind: "categorical", levels: ["b", "a"] },
      { name: "subject", kind: "categorical", levels: ["s1", "s2", "s3"] },
      { name: "x", kind: "number" },
    ],
  };
}

test("clmm with an ordered outcome in the user's level order, odds ratios for logit", () => {
  const r = ordinalRCode(input("answer ~ x + cond + (1 | subject)"), { link: "logit", nAGQ: 1, levels: ["never", "rarely", "often"] });
  assert.ok(r.ok);
  assert.match(r.code, /library\(ordinal\)/);
  assert.match(r.code, /d\$answer <- factor\(d\$answer, levels = c\("never", "rarely", "often"\), ordered = TRUE\)/);
  assert.match(r.code, /d\$cond <- factor\(d\$cond, levels = c\("b", "a"\)\)/);
  assert.match(r.code, /m <- clmm\(answer ~ x \+ cond \+ \(1 \| subject\), data = d\)/);
  assert.match(r.code, /cumulative odds ratios/);
});

test("probit and quadrature points appear as clmm arguments; no odds ratios for probit", () => {
  const r = ordinalRCode(input("answer ~ x + (1 | subject)"), { link: "probit", nAGQ: 7, levels: ["never", "rarely", "often"] });
  assert.ok(r.ok);
  assert.match(r.code, /clmm\(answer ~ x \+ \(1 \| subject\), data = d, link = "probit", nAGQ = 7\)/);
  assert.doesNotMatch(r.code, /odds ratios/);
  assert.doesNotMatch(r.code, /d\$cond/);
});
