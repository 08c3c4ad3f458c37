// Johnson–Neyman bounds and simple slopes against R: tests/fixtures/johnson-neyman/jn.json, made by
// tests/fixtures/johnson-neyman/make.R (lmer(y ~ x * m + (x | g)); slope variance from vcov(),
// Satterthwaite df from lmerTest::contest1D with uniroot for the bounds, z bounds by the quadratic
// formula). Tolerances: bounds 1e-6 relative (both sides solve the same equation to ~1e-10; the
// fits agree to ~1e-7), slopes and SEs 1e-5 relative, df 1e-3 relative (numerical Hessians).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { runJohnsonNeyman } from "../../../app/inference/run-johnson-neyman";
import { johnsonNeyman } from "../../../app/inference/johnson-neyman";

const DIR = join(import.meta.dirname, "../../fixtures/johnson-neyman");
const ref = JSON.parse(readFileSync(join(DIR, "jn.json"), "utf8")) as {
  formula: string;
  range: [number, number];
  satterthwaite: { lower: number; upper: number };
  z: { lower: number; upper: number };
  significant: string;
  simple_slopes: { at: number; estimate: number; se: number; df: number; t: number; p: number }[];
};
const table = parseCsv(readFileSync(join(DIR, "jn-data.csv")));

function rel(actual: number | null, expected: number, tol: number, what: string): void {
  assert.ok(actual !== null && Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs R ${expected}`);
}

test("J-N bounds with Satterthwaite df match R's uniroot on lmerTest's contest1D", () => {
  const jn = runJohnsonNeyman(table, { formula: ref.formula }, { x: "x", moderator: "m" });
  assert.equal(jn.df, "satterthwaite");
  assert.equal(jn.significant, ref.significant);
  rel(jn.lower, ref.satterthwaite.lower, 1e-6, "lower");
  rel(jn.upper, ref.satterthwaite.upper, 1e-6, "upper");
  assert.deepEqual(jn.range, ref.range);
  ref.simple_slopes.forEach((want, i) => {
    const got = jn.simpleSlopes[i];
    rel(got.at, want.at, 1e-9, "at");
    rel(got.estimate, want.estimate, 1e-5, "slope");
    rel(got.se, want.se, 1e-5, "se");
    rel(got.df, want.df, 1e-3, "df");
    rel(got.p, want.p, 1e-3, "p");
  });
  // The curve's CI excludes 0 exactly outside the bounds.
  for (const s of jn.curve) {
    const significant = s.lower > 0 || s.upper < 0;
    const outside = s.at < jn.lower! - 1e-9 || s.at > jn.upper! + 1e-9;
    const inside = s.at > jn.lower! + 1e-9 && s.at < jn.upper! - 1e-9;
    if (outside) assert.ok(significant, `significant at ${s.at}`);
    if (inside) assert.ok(!significant, `not significant at ${s.at}`);
  }
});

test("J-N bounds with z match the closed-form quadratic roots", () => {
  const jn = runJohnsonNeyman(table, { formula: ref.formula }, { x: "x", moderator: "m", df: "asymptotic" });
  rel(jn.lower, ref.z.lower, 1e-6, "lower");
  rel(jn.upper, ref.z.upper, 1e-6, "upper");
});

test("J-N says 'outside', 'inside' or 'nowhere', and refuses a model without the interaction", () => {
  const names = ["(Intercept)", "x", "m", "x:m"];
  const vcov = new Float64Array(16);
  for (let i = 0; i < 4; i++) vcov[i * 5] = 0.01;
  const z = { names, vcov, df: () => Infinity };
  assert.equal(johnsonNeyman({ ...z, beta: [0, 5, 0, 5] }, "x", "m", [0, 1, 2]).significant, "outside");
  assert.equal(johnsonNeyman({ ...z, beta: [0, 0, 0, 0.01] }, "x", "m", [0, 1, 2]).significant, "nowhere");
  const inside = johnsonNeyman({ ...z, beta: [0, 1, 0, 0.01] }, "x", "m", [0, 1, 2]);
  assert.equal(inside.significant, "inside");
  assert.ok(inside.lower! < 0 && inside.upper! > 0);
  assert.throws(() => johnsonNeyman({ ...z, beta: [0, 1, 0, 0], names: ["(Intercept)", "x", "m", "w"] }, "x", "m", [0, 1]), /no x:m interaction/);
  assert.throws(() => runJohnsonNeyman(table, { formula: "y ~ x * m + x:g + (1 | g)" }, { x: "x", moderator: "m" }), /interact with m only/);
});
