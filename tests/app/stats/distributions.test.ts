import { test } from "node:test";
import assert from "node:assert/strict";
import * as stats from "../../../app/stats";
import { R_REFERENCE } from "./r-reference";

type Fn = (args: number[], lowerTail: boolean) => number;

const FUNCTIONS: Record<string, Fn> = {
  pnorm: ([x], lt) => stats.pnorm(x, lt),
  qnorm: ([p], lt) => stats.qnorm(p, lt),
  lgamma: ([x]) => stats.lgamma(x),
  gamma: ([x]) => stats.gamma(x),
  lbeta: ([a, b]) => stats.lbeta(a, b),
  pt: ([t, df], lt) => stats.pt(t, df, lt),
  qt: ([p, df], lt) => stats.qt(p, df, lt),
  pchisq: ([x, df], lt) => stats.pchisq(x, df, lt),
  qchisq: ([p, df], lt) => stats.qchisq(p, df, lt),
  pf: ([x, d1, d2], lt) => stats.pf(x, d1, d2, lt),
  pbeta: ([x, a, b], lt) => stats.pbeta(x, a, b, lt),
  pgamma: ([x, a], lt) => stats.pgamma(x, a, lt),
  ptukey: ([q, nm, df], lt) => stats.ptukey(q, nm, df, 1, lt),
  qtukey: ([p, nm, df], lt) => stats.qtukey(p, nm, df, 1, lt),
};

/** Evaluates an R call such as "pt(-7, 12.75, lower.tail = FALSE)" with Mixwell's functions. */
function evaluate(call: string): { name: string; lowerTail: boolean; value: number } {
  const m = /^(\w+)\((.*)\)$/.exec(call);
  if (!m) throw new Error(`cannot parse ${call}`);
  const parts = m[2].split(",").map((s) => s.trim());
  const lowerTail = !parts.includes("lower.tail = FALSE");
  const args = parts.filter((s) => !s.startsWith("lower.tail")).map(Number);
  return { name: m[1], lowerTail, value: FUNCTIONS[m[1]](args, lowerTail) };
}

/**
 * Relative tolerance 1e-10 (1e-8 for ptukey, which R sums in long double). R's ptukey upper
 * tail is 1 − lower, so it only has absolute accuracy ~1e-15: checked absolutely there.
 */
function tolerance(name: string, lowerTail: boolean): { rel: number; abs: number } {
  if (name === "ptukey") return { rel: 1e-8, abs: lowerTail ? 0 : 1e-14 };
  if (name === "qtukey") return { rel: 1e-8, abs: 0 };
  return { rel: 1e-10, abs: 1e-300 };
}

const byFunction = new Map<string, Array<readonly [string, number]>>();
for (const entry of R_REFERENCE) {
  const name = entry[0].slice(0, entry[0].indexOf("("));
  byFunction.set(name, [...(byFunction.get(name) ?? []), entry]);
}

for (const [name, entries] of byFunction) {
  test(`${name} matches R (${entries.length} values)`, () => {
    const failures: string[] = [];
    for (const [call, expected] of entries) {
      const got = evaluate(call);
      const { rel, abs } = tolerance(name, got.lowerTail);
      const ok = got.value === expected || Math.abs(got.value - expected) <= rel * Math.abs(expected) + abs;
      if (!ok) failures.push(`${call}: R ${expected}, Mixwell ${got.value}`);
    }
    assert.deepEqual(failures, []);
  });
}

test("upper tails are computed directly, not as 1 − lower", () => {
  // R: pt(80, 10, lower.tail = FALSE) = 1.1377921553263500e-15 (in r-reference.ts); here the
  // symmetric lower tail must agree to the last bits, which 1 − P would not allow.
  for (const [t, df] of [
    [12, 3.3],
    [80, 10],
    [1e3, 12.75],
  ]) {
    assert.equal(stats.pt(t, df, false), stats.pt(-t, df, true));
  }
  // R: pchisq(500, 10, lower.tail = FALSE) = 4.4147360999137316e-101
  assert.ok(Math.abs(stats.pchisq(500, 10, false) / 4.4147360999137316e-101 - 1) < 1e-10);
});

test("quantiles invert the distribution functions", () => {
  for (const df of [0.5, 1, 3.7, 25, 1e4]) {
    for (const p of [1e-20, 1e-8, 0.01, 0.4, 0.9]) {
      const q = stats.qt(p, df, false);
      assert.ok(Math.abs(stats.pt(q, df, false) / p - 1) < 1e-12, `qt(${p}, ${df})`);
      const c = stats.qchisq(p, df, false);
      assert.ok(Math.abs(stats.pchisq(c, df, false) / p - 1) < 1e-12, `qchisq(${p}, ${df})`);
    }
  }
  for (const p of [1e-300, 1e-30, 0.2, 0.5]) assert.ok(Math.abs(stats.pnorm(stats.qnorm(p)) / p - 1) < 1e-12, `qnorm(${p})`);
});

test("edge cases", () => {
  assert.equal(stats.pt(Infinity, 3), 1);
  assert.equal(stats.pt(-Infinity, 3), 0);
  assert.equal(stats.pt(1.5, Infinity), stats.pnorm(1.5));
  assert.ok(Number.isNaN(stats.pt(1, -1)));
  assert.equal(stats.qt(0.5, 7), 0);
  assert.equal(stats.pchisq(0, 3), 0);
  assert.equal(stats.pf(0, 2, 3), 0);
  assert.equal(stats.ptukey(0, 3, 10), 0);
  assert.ok(Number.isNaN(stats.ptukey(1, 1, 10)));
  assert.equal(stats.qnorm(0), -Infinity);
  assert.equal(stats.qchisq(1, 2), Infinity);
});

test("regularized incomplete beta and gamma by their textbook names", () => {
  // I_x(1, 1) = x; I_x(a, 1) = x^a; P(1, x) = 1 − e^(−x); P(a, x) + Q(a, x) = 1.
  assert.ok(Math.abs(stats.regularizedIncompleteBeta(0.3, 1, 1) - 0.3) < 1e-15);
  assert.ok(Math.abs(stats.regularizedIncompleteBeta(0.3, 2.5, 1) - 0.3 ** 2.5) < 1e-15);
  assert.ok(Math.abs(stats.regularizedIncompleteGamma(1, 2) + Math.expm1(-2)) < 1e-15);
  assert.ok(Math.abs(stats.regularizedIncompleteGamma(7.5, 4) + stats.pgamma(4, 7.5, false) - 1) < 1e-15);
});
