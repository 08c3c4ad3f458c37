// Profile intervals: progress reports, cancellation, and lme4's numbers on a fit with a
// correlation. R: confint(lmer(Reaction ~ Days + (Days | Subject), sleepstudy), oldNames = FALSE)
//   sd_(Intercept)|Subject 14.3814732 37.7159917; cor_Days.(Intercept)|Subject -0.4815008 0.6849863
//   sd_Days|Subject 3.8011643 8.7533851; sigma 22.8982669 28.8579965
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../app/data";
import { runFit } from "../../../app/engine/run-fit";
import { buildModelFrame } from "../../../app/engine/model-frame";
import { parseFormula } from "../../../app/formula";
import { profileIntervals } from "../../../app/inference";
import type { LmmFit } from "../../../app/engine/lmm";

const data = parseCsv(readFileSync(join(import.meta.dirname, "../../fixtures/reference/data/sleepstudy.csv")));
const formula = "Reaction ~ Days + (Days | Subject)";
const fit = runFit(data, { formula, inference: false }) as LmmFit;
const frame = buildModelFrame(data, parseFormula(formula), {});

test("profile intervals match lme4's confint(method = 'profile') closely and report progress", () => {
  const seen: number[] = [];
  const r = profileIntervals(fit, frame, { onProgress: (p) => seen.push(p.done) });
  const expected: [string, string | null, string | null, number, number][] = [
    ["sd", "(Intercept)", null, 14.3814732, 37.7159917],
    ["sd", "Days", null, 3.8011643, 8.7533851],
    ["correlation", "(Intercept)", "Days", -0.4815008, 0.6849863],
    ["sd", null, null, 22.8982669, 28.8579965],
  ];
  for (const [kind, name1, name2, lower, upper] of expected) {
    const row = r.rows.find((x) => x.kind === kind && (x.name1 ?? null) === name1 && (x.name2 ?? null) === name2);
    assert.ok(row, `${kind} ${name1} ${name2}`);
    // lme4's own method (grid + splines) reproduces confint to ~1e-6; the exact roots differ by up to 5e-5 here.
    assert.ok(Math.abs(row.lower - lower) <= 2e-5 * Math.abs(lower), `${name1} lower ${row.lower} vs ${lower}`);
    assert.ok(Math.abs(row.upper - upper) <= 2e-5 * Math.abs(upper), `${name1} upper ${row.upper} vs ${upper}`);
  }
  assert.deepEqual(seen, [0, 1, 2, 3, 4]);
  assert.equal(r.method, "lme4");
});

test("profile intervals stop when cancelled", () => {
  const signal = { cancelled: false };
  assert.throws(
    () => profileIntervals(fit, frame, { signal, onProgress: (p) => (signal.cancelled = p.done >= 1) }),
    /cancelled/,
  );
});

test("an sd estimated at zero (singular fit) gets lower limit 0 and a profiled upper limit", () => {
  // confint(lmer(Yield ~ 1 + (1 | Batch), Dyestuff2), oldNames = FALSE)
  //   sd_(Intercept)|Batch 0.000000 2.084043; sigma 2.892831 4.815833
  const d2 = parseCsv(readFileSync(join(import.meta.dirname, "../../fixtures/reference/data/dyestuff2.csv")));
  const f = "Yield ~ 1 + (1 | Batch)";
  const r = profileIntervals(runFit(d2, { formula: f, inference: false }) as LmmFit, buildModelFrame(d2, parseFormula(f), {}));
  const [sd, sigma] = r.rows;
  assert.equal(sd.lower, 0);
  assert.ok(Math.abs(sd.upper - 2.084043) < 5e-3 * 2.084043, `sd upper ${sd.upper}`);
  assert.ok(Math.abs(sigma.lower - 2.892831) < 5e-3 * 2.892831 && Math.abs(sigma.upper - 4.815833) < 5e-3 * 4.815833, `sigma ${sigma.lower} ${sigma.upper}`);
  assert.deepEqual(r.notes, []);
});
