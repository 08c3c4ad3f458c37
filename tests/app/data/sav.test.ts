import { test } from "node:test";
import assert from "node:assert/strict";
import { cellText, toPlainTable } from "../../../app/data";
import { importTable, previewImport } from "../../../app/data/import";
import { readSav } from "../../../app/data/sav";
import { writeSav, type SavVar } from "./sav-writer";

const vars: SavVar[] = [
  { name: "participant_id", width: 12, values: ["p-001", "p-002 long", "", "p-004"] },
  { name: "condition", width: 0, values: [1, 2, 1, 3], labels: [[2, "Treatment"], [1, "Control"]] },
  { name: "reaction_time", width: 0, values: [512.25, -99, null, 1e6 + 0.5], missing: [-99] },
  { name: "Größe", width: 0, values: [1, 2, 3, 4] },
];

for (const compressed of [false, true]) {
  test(`.sav (${compressed ? "bytecode-compressed" : "uncompressed"}): long names, value labels → categories, missing values, strings`, () => {
    const { table } = readSav(writeSav(vars, compressed));
    assert.equal(table.nrow, 4);
    assert.deepEqual(table.columns.map((c) => c.name), ["participant_id", "condition", "reaction_time", "Größe"]);
    const plain = toPlainTable(table);
    assert.deepEqual(plain.columns[0], { kind: "categorical", name: "participant_id", codes: [0, 1, -1, 2], levels: ["p-001", "p-002 long", "p-004"] });
    // Levels in the order of the labelled values (1 Control, 2 Treatment); 3 has no label.
    assert.deepEqual(plain.columns[1], { kind: "categorical", name: "condition", codes: [0, 1, 0, 2], levels: ["Control", "Treatment", "3"] });
    assert.deepEqual(plain.columns[2], { kind: "number", name: "reaction_time", values: [512.25, null, null, 1e6 + 0.5] });
    assert.equal(cellText(table.columns[3]!, 3), "4");
  });
}

test(".sav through the import: preview, a type choice, and a damaged file", async () => {
  const bytes = writeSav(vars, true);
  const preview = await previewImport("study.sav", bytes);
  assert.equal(preview.format, "sav");
  assert.deepEqual(preview.rows[0], ["p-001", "Control", "512.25", "1"]);
  const { table } = await importTable("study.sav", bytes, { types: { Größe: "categorical" } });
  assert.equal(table.columns[3]!.kind, "categorical");
  await assert.rejects(importTable("study.sav", bytes.subarray(0, 300)), /ends too early|damaged/);
});
