import { test } from "node:test";
import assert from "node:assert/strict";
import { parseFormula, formatFormula, parseExpression, formatExpression } from "../../../app/formula";
import { MixwellError } from "../../../app/errors";

function roundTrip(source: string): string {
  return formatFormula(parseFormula(source));
}

test("prints formulas back in R's style", () => {
  assert.equal(roundTrip("Reaction~Days+(Days|Subject)"), "Reaction ~ Days + (Days | Subject)");
  assert.equal(roundTrip("y ~ a*b + (0 + x || g)"), "y ~ a * b + (0 + x || g)");
  assert.equal(roundTrip("y ~ -1 + a:b + (1|a/b)"), "y ~ -1 + a:b + (1 | a/b)");
  assert.equal(roundTrip("cbind(incidence, size - incidence) ~ period + (1 | herd)"),
    "cbind(incidence, size - incidence) ~ period + (1 | herd)");
  assert.equal(roundTrip("log(y) ~ I(x^2) + I((x+1)*2/3) + (a+b)^2"), "log(y) ~ I(x^2) + I((x + 1) * 2/3) + (a + b)^2");
});

test("records source positions", () => {
  const f = parseFormula("y ~ x + (1 | g)");
  assert.equal(f.rhs.kind, "operator");
  if (f.rhs.kind !== "operator") return;
  assert.deepEqual(f.rhs.right.span, { start: 8, end: 15 });
  assert.equal(f.rhs.right.kind, "random");
});

test("arithmetic precedence follows R", () => {
  const e = parseExpression("-x^2 + 2*y/3");
  assert.equal(formatExpression(e), "-x^2 + 2 * y/3");
  assert.equal(e.kind, "binary");
  if (e.kind !== "binary") return;
  assert.equal(e.left.kind, "unary");
  assert.equal(formatExpression(parseExpression("x - 100000")), "x - 1e+05");
  assert.equal(formatExpression(parseExpression("`my col` * 2.50")), "`my col` * 2.5");
});

function errorOf(source: string): string {
  try {
    parseFormula(source);
  } catch (e) {
    assert.ok(e instanceof MixwellError, `expected MixwellError, got ${String(e)}`);
    return e.message;
  }
  assert.fail(`'${source}' parsed without error`);
}

test("errors name the token and its 1-based position", () => {
  assert.equal(errorOf("y ~ x + (1|g))"), "Unexpected ')' at position 14 in the formula");
  assert.match(errorOf("y ~ x + 2"), /Unexpected number '2' at position 9/);
  assert.match(errorOf("y ~ foo(x)"), /Unknown function 'foo' at position 5/);
  assert.match(errorOf("y ~ x | g"), /Unexpected '\|' at position 7 .*parentheses/);
  assert.match(errorOf("y ~ x + "), /ends too early/);
  assert.match(errorOf("y x"), /needs '~'/);
  assert.match(errorOf("y ~ x $ z"), /Unexpected '\$' at position 7/);
  assert.match(errorOf("y ~ (x + z"), /ends where '\)' was expected/);
  assert.match(errorOf("y ~ log(x, 2)"), /log\(\) takes one argument/);
  assert.match(errorOf("y ~ . + (1 | g)"), /'\.' \(all other columns\) at position 5 is not supported/);
  assert.match(errorOf("y ~ x + `unclosed"), /Unclosed backtick at position 9/);
});
