/**
 * Property-based tests of the formula parser and printer (issue 22), seeded so a failure repeats:
 * - any string gives a Formula or a MixwellError (never another exception), within a time bound;
 * - printing a parsed formula and parsing the print gives the same formula (parse ∘ print is a
 *   fixed point), and expanding it gives the same terms;
 * - deep or long formulas built from the grammar stay within the limits' messages.
 * `npm run fuzz` (MIXWELL_FUZZ_RUNS=…) runs the same properties much longer.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { expandFormula, formatFormula, parseFormula, termLabel } from "../../../app/formula";
import { MixwellError } from "../../../app/errors";

const RUNS = Number(process.env.MIXWELL_FUZZ_RUNS ?? 400);
const SEED = Number(process.env.MIXWELL_FUZZ_SEED ?? 22);

function parseOrRefuse(source: string): ReturnType<typeof parseFormula> | null {
  try {
    const formula = parseFormula(source);
    expandFormula(formula);
    return formula;
  } catch (err) {
    if (err instanceof MixwellError) return null;
    throw new Error(`${JSON.stringify(source.slice(0, 200))}: ${String(err)}`);
  }
}

const pieces = ["y", "x", "g", "z", "`a b`", "1", "0", "2", "~", "+", "-", "*", "/", ":", "^", "|", "||", "(", ")", ",", "=", "==", ">", "I(", "log(", "poly(", "offset(", "cbind(", " ", "9999999999", "1e308", ".", "TRUE", "%", "\u00e9", "\u0000"];
const tokenSoup = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join(""));

test("any string gives a Formula or a MixwellError, quickly", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: "binary", maxLength: 80 }), tokenSoup), (source) => {
      const started = Date.now();
      parseOrRefuse(source);
      assert.ok(Date.now() - started < 2000, `slow: ${JSON.stringify(source)}`);
    }),
    { seed: SEED, numRuns: RUNS * 3 },
  );
});

// Well-formed formulas from the grammar: terms joined by the formula operators, random bars.
const name = fc.constantFrom("x", "z", "w", "`pitch hz`", "log(x)", "I(x^2)", "I(z > 0)", "poly(x, 2)");
const term: fc.Arbitrary<string> = fc.letrec<{ t: string }>((tie) => ({
  t: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    name,
    fc.tuple(tie("t"), fc.constantFrom(" + ", " - ", " * ", " / ", ":"), tie("t")).map(([a, op, b]) => `${a}${op}${b}`),
    tie("t").map((a) => `(${a})`),
    fc.tuple(tie("t"), fc.integer({ min: 1, max: 1e9 })).map(([a, k]) => `(${a})^${k}`),
  ),
})).t;
const formula = fc
  .tuple(term, fc.array(fc.tuple(fc.constantFrom("1", "1 + x", "0 + z", "x"), fc.constantFrom("|", "||"), fc.constantFrom("g", "s", "g/s", "g:s")), { maxLength: 3 }))
  .map(([fixed, bars]) => `y ~ ${fixed}${bars.map(([e, bar, grp]) => ` + (${e} ${bar} ${grp})`).join("")}`);

test("parse ∘ print: printing and re-parsing gives the same formula and the same terms", () => {
  fc.assert(
    fc.property(formula, (source) => {
      const first = parseOrRefuse(source);
      if (!first) return;
      const printed = formatFormula(first);
      const second = parseFormula(printed);
      assert.equal(formatFormula(second), printed, source);
      const a = expandFormula(first);
      const b = expandFormula(second);
      assert.deepEqual(a.fixed.terms.map((t) => termLabel(a.fixed, t)), b.fixed.terms.map((t) => termLabel(b.fixed, t)));
      assert.equal(a.fixed.intercept, b.fixed.intercept);
      assert.deepEqual(a.random.map((r) => r.groupName), b.random.map((r) => r.groupName));
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test("deep and long formulas end in the limits' messages, not a stack overflow", () => {
  fc.assert(
    fc.property(fc.integer({ min: 50, max: 5000 }), fc.constantFrom("(", "I(", "log(", "-", "+"), (depth, open) => {
      const close = open.endsWith("(") ? ")" : "";
      const source = `y ~ ${open === "-" || open === "+" ? `I(${open.repeat(depth)}x)` : `${open.repeat(depth)}x${close.repeat(depth)}`}`;
      const result = parseOrRefuse(source);
      if (result === null) return;
      assert.ok(depth <= 100, `accepted depth ${depth}`);
    }),
    { seed: SEED, numRuns: Math.max(20, RUNS / 10) },
  );
});
