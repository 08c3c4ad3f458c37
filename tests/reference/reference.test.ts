// Every reference case (tests/fixtures/reference and reference-extra) fitted through runFit and
// fitToJson — the CLI's path — and compared field family by field family with the README's
// tolerances. Inference fields (df, p, anova3, r2, ci_profile) are separate subtests so their
// progress is visible.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../app/data";
import { runFit } from "../../app/engine/run-fit";
import { fitToJson } from "../../app/report";
import type { FitJson } from "../../app/report";
import {
  compareAnova3,
  compareCiProfile,
  compareDf,
  compareFixef,
  compareLikelihood,
  compareP,
  compareR2,
  compareRanef,
  compareStructure,
  compareVarCorr,
} from "./compare";
import { loadReferenceCases } from "./reference-case";
import type { ReferenceCase } from "./reference-case";
import type { Mismatches } from "./tolerance";

type Json = FitJson & Record<string, unknown>;
type Comparison = (ours: Json, c: ReferenceCase) => Mismatches;

function fitCase(c: ReferenceCase): Json {
  const table = parseCsv(readFileSync(c.dataPath));
  const fit = runFit(table, {
    formula: c.formula,
    family: c.family,
    ...(c.link ? { link: c.link } : {}),
    ...(c.family === "gaussian" ? { method: c.method as "REML" | "ML" } : {}),
    categorical: c.categorical,
    // As `mixwell fit --profile-ci`: only where the case has profile intervals (they take time).
    profileCi: c.ci_profile !== undefined,
  });
  // Through JSON text, exactly as `mixwell fit --json` prints it.
  return JSON.parse(JSON.stringify(fitToJson(fit))) as Json;
}

function families(c: ReferenceCase): [string, Comparison][] {
  const list: [string, Comparison][] = [
    ["structure", compareStructure],
    ["likelihood", compareLikelihood],
    ["fixef", compareFixef],
    ["varcorr", compareVarCorr],
    ["ranef", compareRanef],
  ];
  if (c.fixef.some((r) => r.df !== undefined && r.df !== null)) list.push(["df", compareDf]);
  if (c.fixef.some((r) => r.p !== undefined && r.p !== null)) list.push(["p", compareP]);
  if (c.anova3) list.push(["anova3", compareAnova3]);
  if (typeof c.r2_marginal === "number" || typeof c.r2_conditional === "number") list.push(["r2", compareR2]);
  if (c.ci_profile) list.push(["ci_profile", compareCiProfile]);
  return list;
}

for (const c of loadReferenceCases()) {
  test(c.id, async (t) => {
    let ours: Json | null = null;
    let failure: unknown = null;
    try {
      ours = fitCase(c);
    } catch (err) {
      failure = err;
    }
    for (const [name, compare] of families(c)) {
      await t.test(`${c.id}: ${name}`, () => {
        if (!ours) throw failure;
        const m = compare(ours, c);
        assert.equal(m.lines.length, 0, m.report());
      });
    }
  });
}
