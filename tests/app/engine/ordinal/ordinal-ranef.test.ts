// Conditional modes and conditional variances of an ordinal (clmm) fit's random effects against
// ordinal's ranef(m) and condVar(m) (tests/fixtures/ordinal-ranef/make-ranef.R): a random
// intercept (Laplace, and probit with adaptive quadrature), crossed intercepts, and a correlated
// random slope. Modes within 1e-3 relative or 1e-5 absolute, condVar within 1e-2 relative. Both
// the Plots tab's view and the CLI's JSON (`fit --family ordinal --json`, the LMM JSON's `ranef`
// field names) are checked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../../../app/data";
import { ordinalFitView } from "../../../../app/model-spec/ordinal-fit-view";
import { ordinalFitToJson, runOrdinalFitWithFrame } from "../../../../app/engine/ordinal";

type Block = { group: string; terms: readonly string[]; levels: readonly string[]; values: readonly (readonly (number | null)[])[]; condsd: readonly (readonly (number | null)[])[] };

const DIR = join(import.meta.dirname, "../../../fixtures");

interface Case {
  data: string;
  formula: string;
  link: "logit" | "probit";
  nAGQ: number;
  categorical: string[] | string;
  /** The outcome's categories in clmm's order (the column panel's level order). */
  levels: string[];
  ranef: { group: string; levels: string[]; terms: string[]; values: number[][]; condVar: number[][] }[];
}

for (const id of ["wine-logit", "wine-probit-agq5", "likert-crossed-logit", "likert-slope"]) {
  test(`ranef and condVar of ${id} equal clmm's`, () => {
    const ref = JSON.parse(readFileSync(join(DIR, "ordinal-ranef", `${id}.json`), "utf8")) as Case;
    const read = parseCsv(readFileSync(join(DIR, "reference-ordinal/data", ref.data)));
    const response = ref.formula.split("~")[0].trim();
    const table = {
      ...read,
      columns: read.columns.map((col) =>
        col.name === response && col.kind === "categorical"
          ? { ...col, levels: [...ref.levels], codes: Int32Array.from(col.codes, (k) => (k < 0 ? -1 : ref.levels.indexOf(col.levels[k]))) }
          : col,
      ),
    };
    const categorical = Array.isArray(ref.categorical) ? ref.categorical : [ref.categorical];
    const { fit, frame } = runOrdinalFitWithFrame(table, { formula: ref.formula, link: ref.link, nAGQ: ref.nAGQ, categorical, contrasts: "treatment" });
    const json = JSON.parse(JSON.stringify(ordinalFitToJson(fit))) as { ranef: Block[] };
    for (const [where, blocks] of [["view", ordinalFitView(fit, frame, 0).ranef], ["JSON", json.ranef]] as const) {
      assert.deepEqual(blocks.map((b) => b.group).sort(), ref.ranef.map((g) => g.group).sort(), where);
      for (const b of blocks) assert.deepEqual(Object.keys(b), ["group", "terms", "levels", "values", "condsd"], `${where}: the LMM JSON's ranef fields`);
      for (const g of ref.ranef) compareBlock(blocks.find((b) => b.group === g.group)!, g, where);
    }
  });
}

function compareBlock(block: Block, g: Case["ranef"][number], where: string): void {
  assert.deepEqual(block.terms, g.terms);
  g.levels.forEach((level, i) => {
    const l = block.levels.indexOf(level);
    assert.ok(l >= 0, `${where}: level ${level} of ${g.group}`);
    g.terms.forEach((term, a) => {
      const mode = block.values[a][l]!;
      const want = g.values[a][i];
      assert.ok(Math.abs(mode - want) <= Math.max(1e-3 * Math.abs(want), 1e-5), `${where}: ${g.group} ${level} ${term}: mode ${mode} vs ${want}`);
      const variance = block.condsd[a][l]! ** 2;
      const wantVar = g.condVar[a][i];
      assert.ok(Math.abs(variance - wantVar) <= 1e-2 * wantVar, `${where}: ${g.group} ${level} ${term}: condVar ${variance} vs ${wantVar}`);
    });
  });
}
