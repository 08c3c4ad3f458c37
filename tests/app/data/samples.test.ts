import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { SAMPLES } from "../../../app/samples";
import { parseCsv } from "../../../app/data";
import { parseFormula } from "../../../app/formula";

const dir = new URL("../../../app/samples/data/", import.meta.url);

test("every sample file is listed, reads, and has the categorical columns and formula it names", () => {
  assert.deepEqual(readdirSync(dir).sort(), SAMPLES.map((s) => s.file).sort());
  for (const s of SAMPLES) {
    const t = parseCsv(readFileSync(new URL(s.file, dir)), { categorical: s.categorical });
    for (const name of s.categorical) assert.equal(t.columns.find((c) => c.name === name)?.kind, "categorical", `${s.file}: ${name}`);
    parseFormula(s.suggestedFormula);
    assert.ok(s.description.length > 100);
  }
});

test("the samples are the reference data sets, unchanged", () => {
  for (const s of SAMPLES) {
    const ref = readFileSync(new URL(`../../fixtures/reference/data/${s.file}`, import.meta.url), "utf8");
    assert.equal(readFileSync(new URL(s.file, dir), "utf8"), ref, s.file);
  }
});
