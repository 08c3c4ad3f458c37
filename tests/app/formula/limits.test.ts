/**
 * Hostile formulas (issue 22): huge powers stop as soon as no new term appears, and deep
 * nesting, long chains and exploding interactions end in a MixwellError that names the limit
 * instead of a stack overflow or an endless loop.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { expandFormula, parseFormula, termLabel } from "../../../app/formula";
import { MixwellError } from "../../../app/errors";

function labels(source: string): string[] {
  const { fixed } = expandFormula(parseFormula(source));
  return fixed.terms.map((t) => termLabel(fixed, t));
}

function refused(source: string, limit: RegExp): void {
  assert.throws(
    () => expandFormula(parseFormula(source)),
    (err: unknown) => err instanceof MixwellError && limit.test(err.message),
  );
}

test("a huge power stops when no new terms appear (same terms as R: attr(terms(y ~ (a+b+c)^50), 'term.labels'))", () => {
  const started = Date.now();
  assert.deepEqual(labels("y ~ x^999999999"), ["x"]);
  assert.deepEqual(labels("y ~ (a + b + c)^999999999"), ["a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"]);
  assert.ok(Date.now() - started < 2000);
});

test("deep nesting is refused with the nesting limit named", () => {
  refused(`y ~ ${"(".repeat(1300)}x${")".repeat(1300)}`, /up to 1000 parts|100 levels/);
  refused(`y ~ ${"(".repeat(150)}x${")".repeat(150)}`, /more than 100 levels deep/);
  refused(`y ~ I(${"(".repeat(150)}x${")".repeat(150)})`, /more than 100 levels deep/);
  refused(`y ~ I(${"-".repeat(150)}x)`, /more than 100 levels deep/);
  refused(`y ~ I(${"log(".repeat(150)}x${")".repeat(150)})`, /more than 100 levels deep/);
  assert.deepEqual(labels(`y ~ ${"(".repeat(90)}x${")".repeat(90)}`), ["x"]);
});

test("a sum of 4,000 terms is refused with the size limit named; 400 terms still work", () => {
  const names = (n: number, sep: string) => Array.from({ length: n }, (_, i) => `x${i}`).join(sep);
  refused(`y ~ ${names(4000, " + ")}`, /up to 1000 parts/);
  refused(`y ~ ${names(4000, ":")}`, /up to 1000 parts/);
  assert.equal(labels(`y ~ ${names(400, " + ")}`).length, 400);
  assert.equal(labels(`y ~ ${names(400, " / ")}`).length, 400);
});

test("interactions that expand beyond the term limit are refused", () => {
  const names = Array.from({ length: 30 }, (_, i) => `x${i}`);
  refused(`y ~ ${names.join(" * ")}`, /limit is 10,000/);
  refused(`y ~ (${names.join(" + ")})^30`, /limit is 10,000/);
});
