/**
 * Issue 22: degenerate models end in a plain MixwellError (never a bare Error from deep inside),
 * quickly: a constant outcome (R: lmer errors in validObject), the outcome as its own predictor,
 * a fixed factor with thousands of levels.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../../../app/data";
import { runFit } from "../../../../app/engine/run-fit";
import { MixwellError } from "../../../../app/errors";

function table(rows: number, y: (i: number) => number, levels = 3) {
  const lines = ["y,x,g,f"];
  for (let i = 0; i < rows; i++) lines.push(`${y(i)},${(i * 7919) % 101},g${i % 6},L${i % levels}`);
  return parseCsv(lines.join("\n"), { categorical: ["g", "f"] });
}

function refused(run: () => unknown, message: RegExp): void {
  assert.throws(run, (err: unknown) => err instanceof MixwellError && message.test(err.message));
}

test("a constant outcome is refused naming the outcome", () => {
  refused(() => runFit(table(60, () => 1), { formula: "y ~ x + (1 | g)" }), /outcome 'y' has the same value \(1\) in all 60 rows/);
});

test("the outcome repeated as a predictor is refused", () => {
  const data = table(60, (i) => Math.sin(i) * 3 + (i % 5));
  refused(() => runFit(data, { formula: "y ~ y + x + (1 | g)" }), /outcome 'y' is also a predictor/);
  refused(() => runFit(data, { formula: "y ~ x + (y | g)" }), /outcome 'y' is also a predictor/);
});

test("a fixed factor with thousands of levels is refused at once, naming the limit", () => {
  const data = table(6000, (i) => Math.sin(i), 3000);
  const started = Date.now();
  refused(() => runFit(data, { formula: "y ~ f + (1 | g)" }), /'f' has 3,000 levels.*up to 200 fixed-effect columns/);
  refused(() => runFit(table(600, (i) => Math.sin(i), 20), { formula: "y ~ f * x * g + (1 | g)" }), /up to 200 fixed-effect columns|rank/);
  assert.ok(Date.now() - started < 5000);
});

test("an outcome fitted exactly (y = 2x + 1) gives a MixwellError from the Satterthwaite step, not a bare Error", () => {
  const lines = ["y,x,g"];
  for (let i = 0; i < 60; i++) lines.push(`${2 * i + 1},${i},g${i % 6}`);
  const data = parseCsv(lines.join("\n"), { categorical: ["g"] });
  try {
    runFit(data, { formula: "y ~ x + (1 | g)" });
  } catch (err) {
    assert.ok(err instanceof MixwellError, String(err));
  }
});
