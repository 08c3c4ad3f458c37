// Every nlme reference case (tests/fixtures/nlme-residual: nlme::lme fits with corAR1, corCAR1,
// corCompSymm and varIdent, made by make-cases.R) fitted through runResidualFit and the JSON of
// `mixwell fit --correlation … --json`, compared with the tolerances of the reference README.
// The intervals() limits come from a numerical Hessian in nlme (fdHess) and here (Richardson);
// they are compared at 1e-2 relative.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../../app/data";
import { residualFitToJson, runResidualFit } from "../../../../app/engine/residual-structure";
import type { ResidualStructureSpec } from "../../../../app/engine/residual-structure";

const DIR = join(import.meta.dirname, "../../../fixtures/nlme-residual");

interface Row { readonly [k: string]: string | number | null }
interface NlmeCase {
  readonly id: string;
  readonly data: string;
  readonly formula: string;
  readonly method: "REML" | "ML";
  readonly residual: ResidualStructureSpec;
  readonly categorical: string[];
  readonly nobs: number;
  readonly ngroups: Record<string, number>;
  readonly fixef: Row[];
  readonly varcorr: Row[];
  readonly sigma: number;
  readonly correlation: { structure: string; parameter: number; lower: number; upper: number } | null;
  readonly variance_reference: string | null;
  readonly variance_ratios: { level: string; ratio: number; lower: number; upper: number }[];
  readonly logLik: number;
  readonly df: number;
  readonly AIC: number;
  readonly BIC: number;
  readonly anova: Row[];
}

const cases: NlmeCase[] = readdirSync(join(DIR, "cases"))
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, "cases", f), "utf8")) as NlmeCase);

function near(label: string, ours: unknown, ref: number, rel: number, abs = 0): string[] {
  if (typeof ours !== "number" || !Number.isFinite(ours)) return [`${label}: ours ${String(ours)}, nlme ${ref}`];
  return Math.abs(ours - ref) <= Math.max(rel * Math.abs(ref), abs) ? [] : [`${label}: ours ${ours}, nlme ${ref}`];
}

function compare(ours: Record<string, unknown>, c: NlmeCase): string[] {
  const bad: string[] = [];
  const fixef = ours.fixef as Row[];
  const anova = ours.anova as Row[];
  const varcorr = ours.varcorr as Row[];
  bad.push(...near("nobs", ours.nobs, c.nobs, 0));
  assert.deepEqual(ours.ngroups, c.ngroups);
  // a better optimum is fine; logLik, AIC, BIC within 1e-3
  if ((ours.logLik as number) < c.logLik - 1e-3) bad.push(`logLik ${String(ours.logLik)} below nlme's ${c.logLik}`);
  bad.push(...near("logLik", ours.logLik, c.logLik, 0, 1e-3), ...near("AIC", ours.AIC, c.AIC, 0, 1e-3), ...near("BIC", ours.BIC, c.BIC, 0, 1e-3));
  bad.push(...near("df", ours.df, c.df, 0));
  c.fixef.forEach((r, i) => {
    const o = fixef[i];
    assert.equal(o.term, r.term);
    const se = r.se as number;
    bad.push(...near(`${r.term} estimate`, o.estimate, r.estimate as number, 0, Math.max(1e-3 * se, 1e-6)));
    bad.push(...near(`${r.term} se`, o.se, se, 1e-3));
    bad.push(...near(`${r.term} df`, o.df, r.df as number, 1e-2));
    bad.push(...near(`${r.term} t`, o.statistic, r.statistic as number, 1e-3));
    bad.push(...near(`${r.term} p`, o.p, r.p as number, 1e-3, 1e-8));
  });
  c.varcorr.forEach((r, i) => {
    const o = varcorr[i];
    assert.equal(o.group, r.group);
    assert.equal(o.name1, r.name1);
    const tol: [number, number] = r.kind === "correlation" ? [0, 2e-3] : [1e-3, 1e-5];
    bad.push(...near(`${r.group} ${String(r.name1)} ${String(r.kind)}`, o.value, r.value as number, ...tol));
  });
  bad.push(...near("sigma", ours.sigma, c.sigma, 1e-3));
  const cor = ours.correlation as NlmeCase["correlation"];
  if (c.correlation) {
    assert.equal(cor?.structure, c.correlation.structure);
    bad.push(...near("Phi", cor?.parameter, c.correlation.parameter, 1e-3, 1e-5));
    bad.push(...near("Phi lower", cor?.lower, c.correlation.lower, 1e-2, 1e-5), ...near("Phi upper", cor?.upper, c.correlation.upper, 1e-2, 1e-5));
  } else assert.equal(cor, null);
  assert.equal(ours.variance_reference, c.variance_reference);
  const ratios = ours.variance_ratios as NlmeCase["variance_ratios"];
  assert.deepEqual(ratios.map((r) => r.level), c.variance_ratios.map((r) => r.level));
  c.variance_ratios.forEach((r, i) => {
    bad.push(...near(`ratio ${r.level}`, ratios[i].ratio, r.ratio, 1e-3));
    bad.push(...near(`ratio ${r.level} lower`, ratios[i].lower, r.lower, 1e-2), ...near(`ratio ${r.level} upper`, ratios[i].upper, r.upper, 1e-2));
  });
  assert.deepEqual(anova.map((r) => r.term), c.anova.map((r) => r.term));
  c.anova.forEach((r, i) => {
    bad.push(...near(`anova ${r.term} numDF`, anova[i].numDF, r.numDF as number, 0));
    bad.push(...near(`anova ${r.term} denDF`, anova[i].denDF, r.denDF as number, 1e-2));
    bad.push(...near(`anova ${r.term} F`, anova[i].F, r.F as number, 1e-3));
    bad.push(...near(`anova ${r.term} p`, anova[i].p, r.p as number, 1e-3, 1e-8));
  });
  return bad;
}

test("there are nlme reference cases of every structure", () => {
  const kinds = new Set<string>(cases.map((c) => c.residual.correlation ?? "none"));
  for (const k of ["ar1", "car1", "cs", "none"]) assert.ok(kinds.has(k), k);
  assert.ok(cases.some((c) => c.residual.varianceBy) && cases.some((c) => c.method === "ML"));
});

for (const c of cases) {
  test(`nlme case ${c.id}`, () => {
    const table = parseCsv(readFileSync(join(DIR, "data", c.data)));
    const fit = runResidualFit(table, { formula: c.formula, method: c.method, categorical: c.categorical, residual: c.residual });
    const json = JSON.parse(JSON.stringify(residualFitToJson(fit))) as Record<string, unknown>;
    assert.deepEqual(compare(json, c), []);
  });
}

test("the comparison rejects a fit that is off", () => {
  const c = cases[0];
  const table = parseCsv(readFileSync(join(DIR, "data", c.data)));
  const fit = runResidualFit(table, { formula: c.formula, method: c.method, categorical: c.categorical, residual: c.residual });
  const json = JSON.parse(JSON.stringify(residualFitToJson(fit))) as Record<string, unknown>;
  const shifted = { ...json, logLik: (json.logLik as number) - 0.01, correlation: { ...(json.correlation as object), parameter: 0.5 } };
  const bad = compare(shifted, c);
  assert.ok(bad.some((b) => b.startsWith("logLik")) && bad.some((b) => b.startsWith("Phi:")), bad.join("\n"));
});
