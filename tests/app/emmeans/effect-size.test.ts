// Standardized effect sizes of pairwise comparisons against R's emmeans
// eff_size(emm, sigma = sigma(m), edf = df.residual(m)) (tests/fixtures/posthoc-effsize/make-effsize.R;
// printed output in effsize-output.txt): politeness (one contrast, by gender, Kenward–Roger), oats
// (balanced: one common df; a user edf) and centred doses (means of both signs, unequal df).
// Tolerances as the reference README: estimates within 1e-3 × SE, SEs and df within 1e-3 relative.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../app/data";
import { emmeansOf, fitForEmmeans, formatPairwise, type DfMethod } from "../../../app/emmeans";
import { effectSizeTable, formatTable } from "../../../app/report";

const root = fileURLToPath(new URL("../../..", import.meta.url));
interface RefRow { contrast: string; by?: string; estimate: number; se: number; df: number; lower: number; upper: number }
interface RefCase { name: string; data: string; formula: string; specs: string; by: string | null; df: DfMethod; reml: boolean; sigma: number; edf: number; edfDefault: boolean; rows: RefRow[] }
const cases = JSON.parse(readFileSync(`${root}/tests/fixtures/posthoc-effsize/effsize.json`, "utf8")) as RefCase[];

const near = (ours: number, theirs: number, tol: number, what: string) => assert.ok(Math.abs(ours - theirs) <= tol, `${what}: ${ours} vs R ${theirs}`);

function run(c: RefCase) {
  const model = fitForEmmeans(parseCsv(readFileSync(`${root}/${c.data}`, "utf8")), { formula: c.formula, method: c.reml ? "REML" : "ML" });
  return emmeansOf(model, { specs: [c.specs], ...(c.by ? { by: [c.by] } : {}), df: c.df, adjust: "tukey", ...(c.edfDefault ? {} : { edf: c.edf }) });
}

for (const c of cases) {
  test(`effect sizes equal emmeans' eff_size: ${c.name}`, () => {
    const e = run(c).pairs?.effectSizes;
    assert.ok(e, "effect sizes computed");
    near(e.sigma, c.sigma, 1e-4 * c.sigma, "sigma");
    assert.equal(e.edf, c.edf, "edf (df.residual or the user's)");
    assert.equal(e.edfSource, c.edfDefault ? "df.residual" : "user");
    assert.equal(e.rows.length, c.rows.length);
    c.rows.forEach((r, i) => {
      const o = e.rows[i];
      assert.equal(o.contrast, r.contrast);
      if (c.by) assert.equal(o.by[c.by], r.by);
      near(o.estimate, r.estimate, 1e-3 * r.se, `${r.contrast} d`);
      near(o.se, r.se, 1e-3 * r.se, `${r.contrast} SE`);
      near(o.df, r.df, 1e-3 * r.df, `${r.contrast} df`);
      near(o.lower, r.lower, 2e-3 * r.se, `${r.contrast} lower`);
      near(o.upper, r.upper, 2e-3 * r.se, `${r.contrast} upper`);
    });
  });
}

test("the effect-size table in APA style: d, SE and interval at one set of decimals, df to two, true minus signs", () => {
  const c = cases.find((x) => x.name.startsWith("oats nitrogen (balanced"))!;
  const result = run(c);
  const view = { means: result.means, pairs: { ...result.pairs!, rows: result.pairs!.rows } };
  const table = effectSizeTable(view);
  assert.ok(table);
  const apa = formatTable(table, "apa");
  assert.deepEqual(apa.header, ["Contrast", "d", "SE", "df", "95% CI"]);
  const first = apa.rows[0];
  assert.equal(first[0], "0.0cwt - 0.2cwt");
  // Three decimals for all: the smallest value (upper bound 0.0926 of 0.4cwt − 0.6cwt) needs them for two significant digits.
  assert.equal(first[1], "−1.529");
  assert.equal(first[2], "0.360");
  assert.equal(first[3], "6.64");
  assert.equal(first[4], "[−2.390, −0.668]");
  assert.equal(apa.rows[5][4], "[−1.531, 0.093]");
  assert.match(table.title, /^Effect sizes: N \(d = difference \/ σ, σ = 12\.75, edf = 63; emmeans' eff_size\)$/);
  // The text print-out names σ and edf as emmeans does.
  assert.match(formatPairwise(result.pairs!), /sigma used for effect sizes: 12\.75 \(residual SD\); edf = 63 \(df\.residual\)/);
});

test("GLMMs get no effect sizes (σ is not a residual SD there)", () => {
  const table = parseCsv(readFileSync(`${root}/tests/fixtures/reference/data/cbpp.csv`, "utf8"));
  const model = fitForEmmeans(table, { formula: "cbind(incidence, size - incidence) ~ period + (1 | herd)", family: "binomial", categorical: ["period"] });
  const result = emmeansOf(model, { specs: ["period"], adjust: "tukey" });
  assert.ok(result.pairs);
  assert.equal(result.pairs.effectSizes, undefined);
});
