// Ordinal reference cases (tests/fixtures/reference-ordinal, ordinal::clmm 2022.11-16): each fitted
// through runOrdinalFit and ordinalFitToJson — the CLI's `--family ordinal --json` path — with the
// outcome's level order set as a user sets it in the column panel, and compared with the
// tolerances of tests/fixtures/reference/README.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../app/data";
import type { DataTable } from "../../app/data/column";
import { ordinalFitToJson, runOrdinalFit, type OrdinalFitJson, type OrdinalLink } from "../../app/engine/ordinal";

const DIR = join(import.meta.dirname, "../fixtures/reference-ordinal");

interface Coef { name?: string; term?: string; estimate: number; se: number; statistic: number; p: number }
interface OrdinalCase {
  id: string;
  data: string;
  formula: string;
  link: OrdinalLink;
  nAGQ: number;
  categorical: string | string[];
  levels: string[];
  nobs: number;
  ngroups: Record<string, number>;
  thresholds: Coef[];
  fixef: Coef[];
  varcorr: { group: string; name1: string; name2: string | null; kind: string; value: number; sd: number | null }[];
  logLik: number;
  df: number;
  AIC: number;
}

/** The outcome's categories in the case's order, as the column panel's level order sets them. */
function withLevelOrder(table: DataTable, column: string, order: readonly string[]): DataTable {
  return {
    ...table,
    columns: table.columns.map((col) => {
      if (col.name !== column || col.kind !== "categorical") return col;
      const codes = Int32Array.from(col.codes, (k) => (k < 0 ? -1 : order.indexOf(col.levels[k])));
      return { ...col, levels: [...order], codes };
    }),
  };
}

function fitCase(c: OrdinalCase): OrdinalFitJson {
  const table = parseCsv(readFileSync(join(DIR, "data", c.data)));
  const response = c.formula.split("~")[0].trim();
  const fit = runOrdinalFit(withLevelOrder(table, response, c.levels), {
    formula: c.formula,
    link: c.link,
    nAGQ: c.nAGQ,
    categorical: ([] as string[]).concat(c.categorical ?? []),
  });
  return JSON.parse(JSON.stringify(ordinalFitToJson(fit))) as OrdinalFitJson;
}

const relClose = (a: number, b: number, rel: number, abs = 0): boolean => Math.abs(a - b) <= Math.max(rel * Math.abs(b), abs);

function compareCoefs(ours: readonly Coef[], ref: readonly Coef[], what: string): string[] {
  const lines: string[] = [];
  if (ours.length !== ref.length) return [`${what}: ${ours.length} rows, R has ${ref.length}`];
  ref.forEach((r, i) => {
    const o = ours[i];
    const name = r.name ?? r.term;
    if ((o.name ?? o.term) !== name) lines.push(`${what} ${i}: name ${o.name ?? o.term} ≠ ${name}`);
    if (Math.abs(o.estimate - r.estimate) > Math.max(1e-3 * r.se, 1e-6)) lines.push(`${name}: estimate ${o.estimate} vs ${r.estimate}`);
    if (!relClose(o.se, r.se, 1e-3)) lines.push(`${name}: se ${o.se} vs ${r.se}`);
    if (!relClose(o.statistic, r.statistic, 1e-3)) lines.push(`${name}: statistic ${o.statistic} vs ${r.statistic}`);
    if (!relClose(o.p, r.p, 1e-3, 1e-8)) lines.push(`${name}: p ${o.p} vs ${r.p}`);
  });
  return lines;
}

const cases = readdirSync(join(DIR, "cases"))
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, "cases", f), "utf8")) as OrdinalCase);

for (const c of cases) {
  test(`ordinal ${c.id}`, async (t) => {
    const ours = fitCase(c);
    await t.test("structure", () => {
      assert.equal(ours.nobs, c.nobs);
      assert.deepEqual(ours.ngroups, c.ngroups);
      assert.deepEqual(ours.levels, c.levels);
      assert.equal(ours.df, c.df);
    });
    await t.test("likelihood", () => {
      assert.ok(-2 * ours.logLik <= -2 * c.logLik + 1e-4, `−2 logLik ${-2 * ours.logLik} vs R ${-2 * c.logLik}`);
      assert.ok(Math.abs(ours.logLik - c.logLik) <= 1e-3, `logLik ${ours.logLik} vs ${c.logLik}`);
      assert.ok(Math.abs(ours.AIC - c.AIC) <= 1e-3, `AIC ${ours.AIC} vs ${c.AIC}`);
    });
    await t.test("thresholds", () => {
      const lines = compareCoefs(ours.thresholds, c.thresholds, "threshold");
      assert.equal(lines.length, 0, lines.join("\n"));
    });
    await t.test("fixef", () => {
      const lines = compareCoefs(ours.fixef, c.fixef, "fixef");
      assert.equal(lines.length, 0, lines.join("\n"));
    });
    await t.test("varcorr", () => {
      assert.equal(ours.varcorr.length, c.varcorr.length);
      c.varcorr.forEach((r, i) => {
        const o = ours.varcorr[i];
        assert.equal(`${o.group} ${o.name1} ${o.name2 ?? ""} ${o.kind}`, `${r.group} ${r.name1} ${r.name2 ?? ""} ${r.kind}`);
        if (r.kind === "correlation") assert.ok(Math.abs(o.value - r.value) <= 2e-3, `${r.group} correlation ${o.value} vs ${r.value}`);
        else {
          assert.ok(relClose(o.value, r.value, 1e-3, 1e-5), `${r.group} ${r.name1} variance ${o.value} vs ${r.value}`);
          assert.ok(relClose(o.sd!, r.sd!, 1e-3, 1e-5), `${r.group} ${r.name1} sd ${o.sd} vs ${r.sd}`);
        }
      });
    });
  });
}
