import { test } from "node:test";
import assert from "node:assert/strict";
import { parseFormula, expandFormula, termLabel } from "../../../app/formula";
import type { ExpandedFormula } from "../../../app/formula";

function expand(source: string): ExpandedFormula {
  return expandFormula(parseFormula(source));
}

function labels(source: string): string[] {
  const { fixed } = expand(source);
  return [...(fixed.intercept ? ["(Intercept)"] : []), ...fixed.terms.map((t) => termLabel(fixed, t))];
}

// Expected labels checked against R 4.x terms(): attr(terms(f), "term.labels").
test("fixed terms follow R's terms()", () => {
  assert.deepEqual(labels("y ~ b:a + a"), ["(Intercept)", "a", "b:a"]);
  assert.deepEqual(labels("y ~ a + b:a"), ["(Intercept)", "a", "a:b"]);
  assert.deepEqual(labels("y ~ a * b - a"), ["(Intercept)", "b", "a:b"]);
  assert.deepEqual(labels("y ~ (a + b + x)^2"), ["(Intercept)", "a", "b", "x", "a:b", "a:x", "b:x"]);
  assert.deepEqual(labels("y ~ (a + b)/x"), ["(Intercept)", "a", "b", "a:b:x"]);
  assert.deepEqual(labels("y ~ x * a * b"), ["(Intercept)", "x", "a", "b", "x:a", "x:b", "a:b", "x:a:b"]);
  assert.deepEqual(labels("y ~ -1 + a + b"), ["a", "b"]);
  assert.deepEqual(labels("y ~ 0 + x"), ["x"]);
  assert.deepEqual(labels("y ~ x - 1"), ["x"]);
  assert.deepEqual(labels("y ~ a:x + b"), ["(Intercept)", "b", "a:x"]);
  assert.deepEqual(labels("y ~ 1 + (1 | g)"), ["(Intercept)"]);
  assert.deepEqual(labels("y ~ (1 | g)"), ["(Intercept)"]);
  assert.deepEqual(labels("y ~ log(x) + I(x^2) + log(x):a"), ["(Intercept)", "log(x)", "I(x^2)", "log(x):a"]);
});

test("uncorrelated terms split as lme4's expandDoubleVerts", () => {
  const { random } = expand("Reaction ~ Days + (Days || Subject)");
  assert.equal(random.length, 2);
  assert.equal(random[0].groupName, "Subject");
  assert.equal(random[0].effects.intercept, true);
  assert.equal(random[0].effects.terms.length, 0);
  assert.equal(random[1].effects.intercept, false);
  assert.deepEqual(random[1].effects.terms.map((t) => termLabel(random[1].effects, t)), ["Days"]);
  const crossed = expand("y ~ (a * x || c)").random;
  assert.deepEqual(
    crossed.map((r) => (r.effects.intercept ? "1" : termLabel(r.effects, r.effects.terms[0]))),
    ["1", "a", "x", "a:x"],
  );
});

test("nested grouping expands as lme4's expandSlash", () => {
  assert.deepEqual(expand("strength ~ 1 + (1 | batch/cask)").random.map((r) => r.groupName), ["cask:batch", "batch"]);
  assert.deepEqual(expand("y ~ (1 | a/b/c)").random.map((r) => r.groupName), ["c:(b:a)", "b:a", "a"]);
  const ab = expand("y ~ (1 | a:b)").random;
  assert.equal(ab[0].groupName, "a:b");
  assert.equal(ab[0].grouping.length, 2);
});

test("random terms must be added, not combined", () => {
  assert.throws(() => expand("y ~ x * (1 | g)"), /must be added to the formula with '\+'/);
  assert.throws(() => expand("y ~ x + (1 | g + h)"), /grouping factor at position 14/);
  assert.throws(() => expand("~ x"), /needs an outcome/);
});
