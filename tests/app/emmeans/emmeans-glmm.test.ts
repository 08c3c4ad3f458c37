// GLMM marginal means against emmeans (reference.R): asymptotic z inference, link and response
// scale (probabilities, rates; odds ratios and ratios for comparisons).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../app/data";
import { emmeansOf, fitForEmmeans, parseAdjustment, type FittedModel } from "../../../app/emmeans";

const root = fileURLToPath(new URL("../../..", import.meta.url));
type Row = Record<string, string | number | null>;
interface RefCase {
  id: string;
  data: string;
  formula: string;
  kind: "emmeans" | "pairs";
  specs: string;
  adjust: string;
  family: "binomial" | "poisson";
  type: "link" | "response";
  categorical: string;
  rows: Row[];
}
const ref = JSON.parse(readFileSync(`${root}/tests/app/emmeans/reference.json`, "utf8")) as { cases: (RefCase & { family?: string })[] };
const cases = ref.cases.filter((c): c is RefCase => c.family !== undefined);

const fits = new Map<string, FittedModel>();
function fitted(c: RefCase): FittedModel {
  if (!fits.has(c.id.split(" ")[0])) {
    fits.set(c.id.split(" ")[0], fitForEmmeans(parseCsv(readFileSync(`${root}/${c.data}`, "utf8")), { formula: c.formula, family: c.family, categorical: [c.categorical] }));
  }
  return fits.get(c.id.split(" ")[0])!;
}

function close(actual: number, expected: number, what: string, scale = Math.abs(expected)) {
  assert.ok(Math.abs(actual - expected) <= 1e-4 * Math.max(scale, 1e-12), `${what}: Mixwell ${actual}, R ${expected}`);
}

test("the GLMM reference cases are all present", () => assert.equal(cases.length, 12));

for (const c of cases) {
  test(`emmeans GLMM: ${c.id} (${c.family}, ${c.type} scale)`, () => {
    const result = emmeansOf(fitted(c), { specs: [c.specs], adjust: c.kind === "pairs" ? parseAdjustment(c.adjust) : undefined });
    assert.equal(result.means.dfMethod, "asymptotic");
    if (c.kind === "emmeans") {
      const name = c.family === "binomial" ? "prob" : "rate";
      c.rows.forEach((r) => {
        const i = result.means.rows.findIndex((m) => m.levels[c.specs] === String(r[c.specs]));
        assert.ok(i >= 0);
        const m = c.type === "link" ? result.means.rows[i] : result.means.response!.rows[i];
        assert.equal(result.means.rows[i].df, Infinity);
        const se = Number(r.SE);
        close(m.estimate, Number(r[c.type === "link" ? "emmean" : name]), "estimate");
        close(m.se, se, "SE");
        close(m.lower, Number(r["asymp.LCL"]), "lower", Math.max(Math.abs(Number(r["asymp.LCL"])), se));
        close(m.upper, Number(r["asymp.UCL"]), "upper");
      });
      return;
    }
    const pairs = result.pairs!;
    assert.equal(pairs.rows.length, c.rows.length);
    c.rows.forEach((r) => {
      const row = pairs.rows.find((m) => (c.type === "link" ? m.contrast : m.ratio?.contrast) === r.contrast);
      assert.ok(row, `no contrast ${r.contrast}`);
      const shown = c.type === "link" ? row : row.ratio!;
      const se = Number(r.SE);
      const est = Number(r[c.type === "link" ? "estimate" : c.family === "binomial" ? "odds.ratio" : "ratio"]);
      close(shown.estimate, est, `${r.contrast} estimate`, Math.max(Math.abs(est), se));
      close(shown.se, se, `${r.contrast} SE`);
      close(shown.lower, Number(r["asymp.LCL"]), `${r.contrast} lower`, Math.max(Math.abs(Number(r["asymp.LCL"])), se));
      close(shown.upper, Number(r["asymp.UCL"]), `${r.contrast} upper`, Math.max(Math.abs(Number(r["asymp.UCL"])), se));
      close(row.t, Number(r["z.ratio"]), `${r.contrast} z`);
      // The z statistic carries the fit's accuracy (β̂ and lme4's finite-difference vcov, 1e-4
      // relative above); a normal tail turns a relative error ε in z into about (1 + z²)·ε in p
      // (grouseticks: z = −5.08, z off by 2e-5 relative, p by 5e-4), so p gets that propagated tolerance.
      const p = Number(r["p.value"]);
      const z = Number(r["z.ratio"]);
      assert.ok(Math.abs(row.p - p) <= Math.max(1e-4 * p * (1 + z * z), 1e-12), `${r.contrast} p: Mixwell ${row.p}, R ${p}`);
    });
  });
}
