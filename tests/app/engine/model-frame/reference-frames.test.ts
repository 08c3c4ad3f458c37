// The model frame of every reference case has lme4's column names, row count, grouping factors
// and level labels (from the cases' fixef terms, nobs, ngroups and ranef levels).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../../app/data";
import { parseFormula } from "../../../../app/formula";
import { buildModelFrame } from "../../../../app/engine/model-frame";

const root = join(import.meta.dirname, "../../../fixtures");
const caseDirs = [join(root, "reference/cases"), join(root, "reference-extra/cases")];

interface Case {
  id: string;
  data: string;
  formula: string;
  family: "gaussian" | "binomial" | "poisson";
  categorical: string[] | string;
  nobs: number;
  ngroups: Record<string, number>;
  fixef: { term: string }[];
  ranef: { group: string; terms: string[] | string; levels: string[] | string }[];
}

const cases: Case[] = caseDirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Case),
);

for (const c of cases) {
  test(`model frame of ${c.id}`, () => {
    const table = parseCsv(readFileSync(join(root, "reference/data", c.data), "utf8"));
    const categorical = typeof c.categorical === "string" ? [c.categorical] : c.categorical;
    const frame = buildModelFrame(table, parseFormula(c.formula), { categorical, family: c.family });
    assert.equal(frame.n, c.nobs);
    assert.deepEqual(frame.fixed.names, c.fixef.map((r) => r.term));
    const ngroups: Record<string, number> = {};
    for (const t of frame.random) ngroups[t.group] = t.levels.length;
    assert.deepEqual(ngroups, c.ngroups);
    assert.deepEqual(Object.keys(ngroups), Object.keys(c.ngroups), "grouping factors in lme4's order");
    for (const block of c.ranef) {
      const terms = frame.random.filter((t) => t.group === block.group);
      // The extra cases were written with R's auto_unbox: a one-element array is a string.
      assert.deepEqual(terms.flatMap((t) => t.effectNames), [block.terms].flat(), `effects of ${block.group}`);
      assert.deepEqual(terms[0].levels, [block.levels].flat(), `levels of ${block.group}`);
    }
  });
}
