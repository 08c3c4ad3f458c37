// offset() and poly() in formulas. Expected labels and printed forms from R 4.x:
//   f <- y ~ x + offset(log(n)) + poly(Days,2) + poly(Days, degree = 3, raw = T):a + offset(z)
//   attr(terms(f), "term.labels")  # "x" "poly(Days, 2)" "poly(Days, degree = 3, raw = T):a"
//   rownames(attr(terms(f), "factors"))[c(3, 7)]  # "offset(log(n))" "offset(z)" (attr "offset": 3 7)
//   deparse(f)  # "y ~ x + offset(log(n)) + poly(Days, 2) + poly(Days, degree = 3, raw = T):a + offset(z)"
import { test } from "node:test";
import assert from "node:assert/strict";
import { expandFormula, formatExpression, formatFormula, parseFormula, termLabel } from "../../../app/formula";

const R_FORMULA = "y ~ x + offset(log(n)) + poly(Days,2) + poly(Days, degree = 3, raw = T):a + offset(z)";

test("offset() is not a term: it is listed apart, as terms() does", () => {
  const { fixed, offsets } = expandFormula(parseFormula(R_FORMULA));
  assert.deepEqual(fixed.terms.map((t) => termLabel(fixed, t)), ["x", "poly(Days, 2)", "poly(Days, degree = 3, raw = T):a"]);
  assert.deepEqual(offsets.map(formatExpression), ["log(n)", "z"]);
  assert.equal(fixed.intercept, true);
});

test("formulas with offset() and poly() print back as R deparses them", () => {
  assert.equal(
    formatFormula(parseFormula(R_FORMULA)),
    "y ~ x + offset(log(n)) + poly(Days, 2) + poly(Days, degree = 3, raw = T):a + offset(z)",
  );
  assert.equal(formatFormula(parseFormula("y~poly(x,2,raw=TRUE)+(1|g)")), "y ~ poly(x, 2, raw = TRUE) + (1 | g)");
  assert.equal(formatFormula(parseFormula("y ~ poly(log(x + 1)) + (1|g)")), "y ~ poly(log(x + 1)) + (1 | g)");
});

test("poly() parses degree and raw", () => {
  const { fixed } = expandFormula(parseFormula("y ~ poly(x, 3, raw = TRUE) + poly(z) + (1 | g)"));
  const [a, b] = fixed.variables;
  assert.equal(a.kind, "poly");
  assert.equal(b.kind, "poly");
  if (a.kind !== "poly" || b.kind !== "poly") return;
  assert.deepEqual([a.degree, a.raw], [3, true]);
  assert.deepEqual([b.degree, b.raw], [1, false]);
});

test("an offset of the same expression twice counts once; the same column as a term stays a term", () => {
  const { fixed, offsets } = expandFormula(parseFormula("y ~ x + offset(x) + offset(x) + (1 | g)"));
  assert.deepEqual(fixed.terms.map((t) => termLabel(fixed, t)), ["x"]);
  assert.deepEqual(offsets.map(formatExpression), ["x"]);
});

test("misplaced offset() and poly() are refused in plain words", () => {
  const refuses = (source: string, pattern: RegExp) => assert.throws(() => expandFormula(parseFormula(source)), pattern);
  refuses("y ~ a:offset(n) + (1 | g)", /offset\(\) at position 7 can only be added/);
  refuses("y ~ a * offset(n) + (1 | g)", /can only be added/);
  refuses("y ~ a - offset(n) + (1 | g)", /can only be added/);
  refuses("y ~ a + (offset(n) | g)", /offset\(\) cannot be part of the random-effect term/);
  refuses("y ~ log(offset(n)) + (1 | g)", /offset\(\) at position 9 is a part of the model on its own/);
  refuses("offset(y) ~ x + (1 | g)", /is a part of the model on its own/);
  refuses("y ~ I(poly(x, 2)) + (1 | g)", /poly\(\) at position 7 is a part of the model on its own/);
  refuses("y ~ offset(a, b) + (1 | g)", /offset\(\) takes one argument/);
  refuses("y ~ poly(x, 0) + (1 | g)", /degree of poly\(\) at position 13 .* whole number of at least 1/);
  refuses("y ~ poly(x, 2.5) + (1 | g)", /whole number of at least 1/);
  refuses("y ~ poly(x, 2, raw = yes) + (1 | g)", /Expected TRUE or FALSE at position 22/);
  refuses("y ~ poly(x, 2, coefs = c) + (1 | g)", /Unexpected argument 'coefs' in poly\(\)/);
  refuses("y ~ poly(x, 2, 3) + (1 | g)", /Unexpected number '3' in poly\(\)/);
  refuses("y ~ poly(x, 2, degree = 3) + (1 | g)", /Unexpected argument 'degree'|degree twice/);
});

test("a column called offset or poly is still a column", () => {
  const { fixed, offsets } = expandFormula(parseFormula("y ~ offset + poly + (1 | g)"));
  assert.deepEqual(fixed.variableNames, ["offset", "poly"]);
  assert.equal(offsets.length, 0);
});
