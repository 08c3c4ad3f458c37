/**
 * Models follow data edits (issue 15): a rename (and its undo) renames the column in every part of
 * a model and keeps its fit valid; a change of type, level order or cells marks out of date only
 * the fits that read the changed column; rows added or removed touch every fit.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { applyEdit, columnIdSource, readCsv, tableChange, withColumnIds, type DataTable, type EditOp } from "../../../app/data";
import { formulaToBuilder, type ModelSpec } from "../../../app/model-spec";
import { computePosthoc, fitModel } from "../../../app/project";
import { followDataEdit, type DataEdit } from "../../../renderer/src/state/follow-data-edit";
import type { ModelEntry } from "../../../renderer/src/state/models.svelte";

const csv = readFileSync(join(import.meta.dirname, "../../fixtures/reference/data/politeness.csv"), "utf8");
const politeness = withColumnIds(readCsv(csv.replace('"frequency"', '"Pitch (Hz)"')).table, columnIdSource("t"));
const TABLE = "table-1";

function spec(name: string, formula: string): ModelSpec {
  return { name, formula, family: "gaussian", method: "REML", contrasts: "treatment", categorical: [] };
}

/** A model fitted on `table` at data version `version`. */
function fitted(s: ModelSpec, table: DataTable, version: number): ModelEntry {
  const parsed = formulaToBuilder(s.formula);
  assert.ok(parsed.ok);
  const result = fitModel(table, s);
  return {
    id: s.name,
    spec: s,
    builder: parsed.model,
    formulaText: s.formula,
    problem: null,
    result: result.view,
    basis: { tableId: TABLE, version, spec: s, fittedAt: result.fittedAt },
    status: "idle",
    error: null,
    progress: null,
    posthoc: [{ request: { specs: ["attitude"], by: [], adjust: "tukey", df: null }, result: null }],
    guidedStep: { fromModel: "x", fromFormula: s.formula, causes: [], action: "drop-slope", reason: "", formula: s.formula, at: "" },
  };
}

/** Apply `op` at `version`, and let the models follow. */
function edit(table: DataTable, op: EditOp, version: number, models: readonly ModelEntry[]) {
  const { table: after, inverse } = applyEdit(table, op);
  const e: DataEdit = { tableId: TABLE, before: table, after, fromVersion: version, toVersion: version + 1 };
  const change = tableChange(table, after);
  return { table: after, inverse, models: models.map((m) => followDataEdit(m, e, change)) };
}

const col = (t: DataTable, name: string) => t.columns.findIndex((c) => c.name === name);
const current = (m: ModelEntry, version: number) => m.basis?.tableId === TABLE && m.basis.version === version;

const A = spec("A", "`Pitch (Hz)` ~ attitude + (1 | subject)");
const B = spec("B", "`Pitch (Hz)` ~ attitude + gender + (1 | subject)");

test("renaming the outcome renames it in the formula, builder, fitted spec, results, post-hoc and guided step; the fit stays current; undo goes back", () => {
  const models = [fitted(A, politeness, 3)];
  const renamed = edit(politeness, { kind: "renameColumn", col: col(politeness, "Pitch (Hz)"), name: "RT" }, 3, models);
  const m = renamed.models[0]!;
  assert.equal(m.formulaText, "RT ~ attitude + (1 | subject)");
  assert.equal(m.spec.formula, m.formulaText);
  assert.equal(m.builder.outcome, "RT");
  assert.equal(m.basis!.spec.formula, m.formulaText);
  assert.equal(m.result!.responseName, "RT");
  assert.equal(m.result!.formula, m.formulaText);
  assert.equal(m.guidedStep!.formula, m.formulaText);
  assert.ok(current(m, 4), "the fit is current for the renamed data");
  assert.equal(m.result!.fixef[1]!.estimate, models[0]!.result!.fixef[1]!.estimate, "the numbers are the fit's own");

  const undone = edit(renamed.table, renamed.inverse, 4, renamed.models);
  const back = undone.models[0]!;
  assert.equal(back.formulaText, A.formula);
  assert.deepEqual(back.result, models[0]!.result, "the results come back exactly");
  assert.ok(current(back, 5), "and stay current after the undo");
});

test("renaming a factor renames its coefficients and the post-hoc request", () => {
  const models = [fitted(A, politeness, 0)];
  const m = edit(politeness, { kind: "renameColumn", col: col(politeness, "attitude"), name: "Attitude (inf/pol)" }, 0, models).models[0]!;
  assert.deepEqual(m.result!.fixef.map((f) => f.term), ["(Intercept)", "`Attitude (inf/pol)`pol"]);
  assert.deepEqual(m.posthoc![0]!.request.specs, ["`Attitude (inf/pol)`"]);
  assert.ok(current(m, 1));
});

test("a type change or a new level order marks out of date the fits that use the column, not the others", () => {
  const models = [fitted(A, politeness, 0), fitted(B, politeness, 0)];
  const typed = edit(politeness, { kind: "setType", col: col(politeness, "scenario"), type: "categorical" }, 0, models);
  assert.ok(typed.models.every((m) => current(m, 1)), "no model uses scenario");
  const gender = edit(typed.table, { kind: "setLevels", col: col(typed.table, "gender"), levels: ["M", "F"] }, 1, typed.models);
  assert.ok(current(gender.models[0]!, 2), "A does not use gender");
  assert.ok(!current(gender.models[1]!, 2), "B uses gender: out of date");
  assert.equal(gender.models[1]!.basis!.version, 1, "its fit keeps the version it was made at");
  const type = edit(gender.table, { kind: "setType", col: col(gender.table, "attitude"), type: "number" }, 2, gender.models);
  assert.ok(!current(type.models[0]!, 3), "A uses attitude: out of date");
});

test("a cell edit marks out of date the fits that read the column; rows added touch every fit; a stale fit stays stale", () => {
  const models = [fitted(A, politeness, 0), fitted(B, politeness, 0)];
  const cell = edit(politeness, { kind: "setCells", cells: [{ row: 0, col: col(politeness, "gender"), text: "M" }] }, 0, models);
  assert.deepEqual(cell.models.map((m) => current(m, 1)), [true, false]);
  const rows = edit(cell.table, { kind: "insertRows", at: 0, count: 1 }, 1, cell.models);
  assert.deepEqual(rows.models.map((m) => current(m, 2)), [false, false]);
  const moved = edit(rows.table, { kind: "moveColumn", from: 0, to: 2 }, 2, rows.models);
  assert.deepEqual(moved.models.map((m) => m.basis!.version), [1, 0], "out-of-date fits are not brought forward");
});

test("tableChange matches columns by id: renames found, moves change nothing, a deleted column is not unchanged", () => {
  const t = politeness;
  const moved = applyEdit(t, { kind: "moveColumn", from: 0, to: 3 }).table;
  const c = tableChange(t, moved);
  assert.deepEqual(c.renamed, []);
  assert.ok(t.columns.every((x) => c.unchanged(x.name)));
  const both = applyEdit(t, { kind: "batch", ops: [{ kind: "renameColumn", col: 0, name: "s" }, { kind: "deleteColumn", col: 1 }] }).table;
  const d = tableChange(t, both);
  assert.deepEqual(d.renamed, [["subject", "s"]]);
  assert.ok(d.unchanged("s"));
  assert.ok(!d.unchanged("gender"));
});

test("two columns swapping names in one edit are swapped in the model, not merged", () => {
  const models = [fitted(B, politeness, 0)];
  const swap: EditOp = {
    kind: "batch",
    ops: [
      { kind: "renameColumn", col: col(politeness, "gender"), name: "tmp" },
      { kind: "renameColumn", col: col(politeness, "attitude"), name: "gender" },
      { kind: "renameColumn", col: col(politeness, "gender"), name: "attitude" },
    ],
  };
  const m = edit(politeness, swap, 0, models).models[0]!;
  assert.equal(m.formulaText, "`Pitch (Hz)` ~ gender + attitude + (1 | subject)");
  assert.ok(current(m, 1));
});

test("an undo that brings back the values a fit read makes it current again: cell edit, type change, deleted column", () => {
  const models = [fitted(A, politeness, 0), fitted(B, politeness, 0)];
  const steps: EditOp[] = [
    { kind: "setCells", cells: [{ row: 3, col: col(politeness, "Pitch (Hz)"), text: "999" }] },
    { kind: "setType", col: col(politeness, "attitude"), type: "number" },
    { kind: "deleteColumn", col: col(politeness, "subject") },
  ];
  for (const op of steps) {
    const done = edit(politeness, op, 0, models);
    assert.deepEqual(done.models.map((m) => current(m, 1)), [false, false], `${op.kind}: out of date`);
    // Another edit meanwhile, of a column neither model reads: still out of date.
    const other = edit(done.table, { kind: "setCells", cells: [{ row: 0, col: col(done.table, "scenario"), text: "5" }] }, 1, done.models);
    assert.deepEqual(other.models.map((m) => current(m, 2)), [false, false]);
    const undone = edit(other.table, done.inverse, 2, other.models);
    assert.deepEqual(undone.models.map((m) => current(m, 3)), [true, true], `${op.kind} undone: current again`);
  }
});

test("a post-hoc result follows the rename of a covariate its request does not name", () => {
  const C = spec("C", "`Pitch (Hz)` ~ attitude + scenario + (1 | subject)");
  const request = { specs: ["attitude"], by: [], adjust: "tukey" as const, df: null };
  const entry = { ...fitted(C, politeness, 0), posthoc: [{ request, result: computePosthoc(politeness, C, request) }] };
  assert.deepEqual(Object.keys(entry.posthoc[0]!.result.means.covariates), ["scenario"]);
  const m = edit(politeness, { kind: "renameColumn", col: col(politeness, "scenario"), name: "Scenario no." }, 0, [entry]).models[0]!;
  assert.equal(m.posthoc![0]!.request, request, "the request does not name it");
  assert.deepEqual(Object.keys(m.posthoc![0]!.result!.means.covariates), ["`Scenario no.`"]);
  assert.ok(current(m, 1));
});
