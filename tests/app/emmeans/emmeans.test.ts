// Estimated marginal means, trends and pairwise comparisons against R's emmeans (values from
// reference.R next to this file; its printed output is reference-output.txt).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../app/data";
import { covariateValues, emmeansOf, fitForEmmeans, parseAdjustment, type DfMethod, type FittedLmm } from "../../../app/emmeans";
import type { FittedModel } from "../../../app/emmeans";

const root = fileURLToPath(new URL("../../..", import.meta.url));
type Row = Record<string, string | number>;
interface RefCase {
  id: string;
  data: string;
  formula: string;
  kind: "emmeans" | "emtrends" | "pairs" | "joint";
  specs: string | string[];
  by: string | null;
  df: DfMethod;
  adjust: string;
  rows: Row[];
}
const all = JSON.parse(readFileSync(`${root}/tests/app/emmeans/reference.json`, "utf8")) as { cases: (RefCase & { family?: string })[] };
/** The LMM cases; the GLMM ones are in emmeans-glmm.test.ts. */
const ref = { cases: all.cases.filter((c) => c.family === undefined) };
const list = (x: string | string[] | null) => (x === null ? [] : Array.isArray(x) ? x : [x]);

const tables = new Map<string, ReturnType<typeof parseCsv>>();
const tableOf = (data: string) => tables.get(data) ?? tables.set(data, parseCsv(readFileSync(`${root}/${data}`, "utf8"))).get(data)!;
const fits = new Map<string, FittedLmm>();
function fitted(data: string, formula: string): FittedLmm {
  const key = `${data}|${formula}`;
  if (!fits.has(key)) fits.set(key, asLmm(fitForEmmeans(tableOf(data), { formula })));
  return fits.get(key)!;
}

function asLmm(m: FittedModel): FittedLmm {
  assert.ok("problem" in m);
  return m;
}

/** Relative tolerance 1e-4 (absolute for values near 0, scaled by the SE). */
function close(actual: number, expected: number, what: string, scale = Math.abs(expected)) {
  assert.ok(Math.abs(actual - expected) <= 1e-4 * Math.max(scale, 1e-12), `${what}: Mixwell ${actual}, R ${expected}`);
}

/**
 * A singular fit whose Satterthwaite df are sensitive to θ: they match only because the fit
 * stops where lme4's does (lme4's start and evaluation path); the same model at lme4's θ is
 * checked below too.
 */
const POLITENESS_SLOPES = "politeness slopes";

for (const c of ref.cases) {
  test(`emmeans: ${c.id} — ${c.kind}, df ${c.df}, adjust ${c.adjust}`, () => check(c, fitted(c.data, c.formula)));
}

/** The politeness-slopes model at lme4's θ and σ (from the Kenward–Roger reference). */
test("emmeans: politeness slopes at lme4's estimates — every case matches", () => {
  const kr = JSON.parse(readFileSync(`${root}/tests/app/inference/kenward-roger/reference.json`, "utf8")) as { cases: { id: string; theta: number[]; sigma: number }[] };
  const at = kr.cases.find((k) => k.id === "politeness slopes")!;
  const cases = ref.cases.filter((c) => c.id.startsWith(POLITENESS_SLOPES));
  assert.ok(cases.length >= 4);
  const m = fitted(cases[0].data, cases[0].formula);
  const fit = { ...m.fit, theta: at.theta, sigma: at.sigma, beta: m.problem.solve(at.theta).beta, vcovBeta: m.problem.vcovBetaAt(at.theta, at.sigma) };
  for (const c of cases) check(c, { ...m, fit });
});

function check(c: RefCase, model: FittedLmm): void {
  {
    const trendOf = c.id === "oats slopes emtrends" || c.id.startsWith("oats slopes") ? "nitro" : undefined;
    const result = emmeansOf(model, {
      specs: list(c.specs),
      by: list(c.by),
      df: c.df,
      trendOf,
      adjust: c.kind === "pairs" ? parseAdjustment(c.adjust) : undefined,
      jointTests: c.kind === "joint",
      at: covariateValues(tableOf(c.data), model.frame),
    });
    if (c.kind === "joint") {
      // emmeans keeps F.ratio and df2 rounded to 3 and 2 decimals; p.value is exact.
      assert.equal(result.tests!.length, c.rows.length);
      c.rows.forEach((r, i) => {
        const mine = result.tests![i];
        const by = list(c.by)[0];
        assert.equal(mine.by[by], String(r[by]));
        assert.equal(mine.df1, Number(r.df1));
        assert.ok(Math.abs(mine.df2 - Number(r.df2)) <= 0.005 + 1e-9, `df2 ${mine.df2} vs ${r.df2}`);
        assert.ok(Math.abs(mine.F - Number(r["F.ratio"])) <= 0.0005 + 1e-9, `F ${mine.F} vs ${r["F.ratio"]}`);
        close(mine.p, Number(r["p.value"]), `p ${JSON.stringify(r)}`);
      });
      return;
    }
    if (c.kind !== "pairs") {
      const value = c.kind === "emtrends" ? `${trendOf}.trend` : "emmean";
      assert.equal(result.means.rows.length, c.rows.length);
      for (const r of c.rows) {
        const cell = list(c.specs).concat(list(c.by));
        const mine = result.means.rows.find((m) => cell.every((f) => m.levels[f] === String(r[f])));
        assert.ok(mine, `no row for ${JSON.stringify(r)}`);
        const se = Number(r.SE);
        close(mine.estimate, Number(r[value]), `${JSON.stringify(r)} estimate`, Math.max(Math.abs(Number(r[value])), se));
        close(mine.se, se, "SE");
        close(mine.df, Number(r.df), "df");
        close(mine.lower, Number(r["lower.CL"]), "lower", Math.max(Math.abs(Number(r["lower.CL"])), se));
        close(mine.upper, Number(r["upper.CL"]), "upper", Math.max(Math.abs(Number(r["upper.CL"])), se));
      }
      return;
    }
    const pairs = result.pairs!;
    assert.equal(pairs.rows.length, c.rows.length);
    c.rows.forEach((r) => {
      const by = list(c.by);
      const mine = pairs.rows.find((m) => m.contrast === r.contrast && by.every((b) => m.by[b] === String(r[b])));
      assert.ok(mine, `no contrast ${r.contrast} ${JSON.stringify(r)}`);
      const se = Number(r.SE);
      close(mine.estimate, Number(r.estimate), `${r.contrast} estimate`, Math.max(Math.abs(Number(r.estimate)), se));
      close(mine.se, se, `${r.contrast} SE`);
      close(mine.df, Number(r.df), `${r.contrast} df`);
      close(mine.t, Number(r["t.ratio"]), `${r.contrast} t`, Math.max(Math.abs(Number(r["t.ratio"])), 1));
      // ptukey's upper tail is 1 − (lower tail), in R as here: below ~1e-10 neither carries
      // relative accuracy (R's own value is rounding noise there), so p-values also pass within 1e-12.
      const p = Number(r["p.value"]);
      assert.ok(Math.abs(mine.p - p) <= Math.max(1e-4 * p, 1e-12), `${r.contrast} p (${c.adjust}): Mixwell ${mine.p}, R ${p}`);
      close(mine.lower, Number(r["lower.CL"]), `${r.contrast} lower`, Math.max(Math.abs(Number(r["lower.CL"])), se));
      close(mine.upper, Number(r["upper.CL"]), `${r.contrast} upper`, Math.max(Math.abs(Number(r["upper.CL"])), se));
    });
  }
}
