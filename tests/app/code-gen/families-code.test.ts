// R code for the negative binomial, Gamma and inverse Gaussian families: glmer.nb and glmer with
// R's family functions and the chosen link, exp(b) for log links, no Nakagawa R² line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rCode, type CodeGenInput } from "../../../app/code-gen";
import type { ModelSpec } from "../../../app/model-spec";

const input = (change: Partial<ModelSpec>): CodeGenInput => ({
  spec: { name: "m", formula: "y ~ x + (1 | g)", family: "gaussian", method: "REML", contrasts: "treatment", categorical: [], ...change },
  fileName: "data.csv",
  columns: [
    { name: "y", kind: "number" },
    { name: "x", kind: "number" },
    { name: "g", kind: "categorical", levels: ["a", "b"] },
  ],
});

function code(change: Partial<ModelSpec>): string {
  const r = rCode(input(change));
  assert.ok(r.ok);
  return r.ok ? r.code : "";
}

test("negative binomial: glmer.nb with its θ and exp(b)", () => {
  const r = code({ family: "negative-binomial" });
  assert.match(r, /m <- glmer\.nb\(y ~ x \+ \(1 \| g\), data = d\)/);
  assert.match(r, /getME\(m, "glmer\.nb\.theta"\)/);
  assert.match(r, /exp\(cbind\(estimate = fixef\(m\)/);
  assert.doesNotMatch(r, /r2_nakagawa/);
});

test("Gamma and inverse Gaussian: glmer with R's family and the link (default inverse, 1/mu^2)", () => {
  assert.match(code({ family: "gamma", link: "log" }), /family = Gamma\(link = "log"\)\)/);
  assert.match(code({ family: "gamma" }), /family = Gamma\(link = "inverse"\)\)/);
  const ig = code({ family: "inverse-gaussian" });
  assert.match(ig, /family = inverse\.gaussian\(link = "1\/mu\^2"\)\)/);
  assert.doesNotMatch(ig, /exp\(cbind/);
});
