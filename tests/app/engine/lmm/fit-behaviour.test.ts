import { test } from "node:test";
import assert from "node:assert/strict";
import { fitLmm, lme4TermOrder } from "../../../../app/engine/lmm";
import { MixwellError } from "../../../../app/errors";
import { frameOf, handFrames, randomTerm, readCsv } from "./hand-frames";

test("progress is reported with evaluation counts and objective values", () => {
  const seen: { evaluations: number; objective: number }[] = [];
  const fit = fitLmm(handFrames["sleepstudy-slopes"](), { reml: true, formula: "f", onProgress: (p) => seen.push({ ...p }) });
  assert.ok(seen.length >= 1);
  assert.ok(seen.every((p) => p.evaluations >= 1 && Number.isFinite(p.objective)));
  assert.ok(seen[0].objective >= (fit.REMLcrit as number));
});

test("a cancelled fit stops with a readable error", () => {
  const signal = { cancelled: false };
  let calls = 0;
  assert.throws(
    () =>
      fitLmm(handFrames["sleepstudy-slopes"](), {
        reml: true,
        formula: "f",
        signal,
        onProgress: () => {
          calls++;
          signal.cancelled = true;
        },
      }),
    (e: unknown) => e instanceof MixwellError && /cancelled/.test(e.message),
  );
  assert.equal(calls, 1);
});

test("a model without random effects or with too few rows is refused in plain words", () => {
  const d = readCsv("dyestuff.csv");
  const y = d.Yield.map(Number);
  assert.throws(() => fitLmm(frameOf(y, [{ name: "(Intercept)" }], []), { reml: true, formula: "f" }), MixwellError);
  const perRow = randomTerm("row", y.map((_, i) => String(i).padStart(2, "0")), [{ name: "(Intercept)" }]);
  assert.throws(
    () => fitLmm(frameOf(y, [{ name: "(Intercept)" }], [perRow]), { reml: true, formula: "f" }),
    (e: unknown) => e instanceof MixwellError && /each group needs more than one row/.test(e.message),
  );
});

test("terms are put in lme4's order (mkReTrms: rev(order(nl)) unless already non-increasing)", () => {
  assert.deepEqual(lme4TermOrder([24, 6]), [0, 1]);
  assert.deepEqual(lme4TermOrder([10, 30]), [1, 0]);
  assert.deepEqual(lme4TermOrder([5, 5, 3]), [0, 1, 2]);
  // rev(order(c(3, 5, 3))) = c(2, 3, 1): ties come out reversed once reordering happens
  assert.deepEqual(lme4TermOrder([3, 5, 3]), [1, 2, 0]);
});

test("the moment start gives the same optimum as lme4's start (the default)", () => {
  const a = fitLmm(handFrames["penicillin-crossed"](), { reml: true, formula: "f", start: "moments" });
  const b = fitLmm(handFrames["penicillin-crossed"](), { reml: true, formula: "f" });
  assert.ok(Math.abs((a.REMLcrit as number) - (b.REMLcrit as number)) < 1e-6);
  a.theta.forEach((t, i) => assert.ok(Math.abs(t - b.theta[i]) < 1e-3 * t));
});

test("the default start is lme4's on small data and the moment start on a large random-intercept model", () => {
  // Small: the default follows lme4's start exactly (same evaluations, same θ).
  const small = fitLmm(handFrames["penicillin-crossed"](), { reml: true, formula: "f" });
  const smallLme4 = fitLmm(handFrames["penicillin-crossed"](), { reml: true, formula: "f", start: "lme4" });
  assert.equal(small.optimizer.evaluations, smallLme4.optimizer.evaluations);
  assert.deepEqual(Array.from(small.theta), Array.from(smallLme4.theta));
  // Large (20,000 rows, crossed intercepts): the default is the moment start, at the same optimum.
  const n = 20000;
  let seed = 11;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const ga = Array.from({ length: n }, (_, i) => `a${i % 300}`);
  const gb = Array.from({ length: n }, (_, i) => `b${(i * 7) % 97}`);
  const y = Array.from({ length: n }, (_, i) => Math.sin(i % 300) + 0.5 * Math.cos((i * 7) % 97) + rand());
  const large = () => frameOf(y, [{ name: "(Intercept)" }], [randomTerm("a", ga, [{ name: "(Intercept)" }]), randomTerm("b", gb, [{ name: "(Intercept)" }])]);
  const auto = fitLmm(large(), { reml: true, formula: "f" });
  const moments = fitLmm(large(), { reml: true, formula: "f", start: "moments" });
  const lme4 = fitLmm(large(), { reml: true, formula: "f", start: "lme4" });
  assert.equal(auto.optimizer.evaluations, moments.optimizer.evaluations);
  assert.deepEqual(Array.from(auto.theta), Array.from(moments.theta));
  assert.notEqual(auto.optimizer.evaluations, lme4.optimizer.evaluations, "the large model did not take the moment start");
  assert.ok(Math.abs((auto.REMLcrit as number) - (lme4.REMLcrit as number)) < 1e-6);
});

test("fitted values and residuals add up to the response; ranef of a singular fit are zero", () => {
  const frame = handFrames["dyestuff2-singular"]();
  const fit = fitLmm(frame, { reml: true, formula: "f" });
  for (let r = 0; r < frame.n; r++) assert.ok(Math.abs(fit.fitted[r] + fit.residuals[r] - frame.y[r]) < 1e-9);
  assert.equal(fit.singular, true);
  assert.ok(fit.warnings.some((w) => /singular/.test(w)));
  assert.ok(fit.ranef[0].values[0].every((v) => v === 0));
});

test("crossed factors too large for the dense block are refused with a readable message", () => {
  const n = 40000;
  const a = Array.from({ length: n }, (_, i) => `a${i % 20000}`);
  const b = Array.from({ length: n }, (_, i) => `b${(i * 7919) % 19999}`);
  const y = Array.from({ length: n }, (_, i) => Math.sin(i));
  const frame = frameOf(y, [{ name: "(Intercept)" }], [randomTerm("a", a, [{ name: "(Intercept)" }]), randomTerm("b", b, [{ name: "(Intercept)" }])]);
  assert.throws(
    () => fitLmm(frame, { reml: true, formula: "f" }),
    (e: unknown) => e instanceof MixwellError && /too large/.test(e.message) && /'b' \(19999 levels\)/.test(e.message),
  );
});

test("lme4's identifiability checks: one level, or as many random effects as rows", () => {
  const d = readCsv("dyestuff.csv");
  const y = d.Yield.map(Number);
  const one = randomTerm("all", y.map(() => "x"), [{ name: "(Intercept)" }]);
  assert.throws(() => fitLmm(frameOf(y, [{ name: "(Intercept)" }], [one]), { reml: true, formula: "f" }), /only one level/);
  const x = y.map((_, i) => i % 5);
  const labels = y.map((_, i) => `g${Math.floor(i / 2)}`); // 15 levels × 2 effects = 30 = n
  const slopes = randomTerm("g", labels, [{ name: "(Intercept)" }, { name: "x", values: x }]);
  assert.throws(() => fitLmm(frameOf(y, [{ name: "(Intercept)" }], [slopes]), { reml: true, formula: "f" }), /cannot be told apart/);
});
