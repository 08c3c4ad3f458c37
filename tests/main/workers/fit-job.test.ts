import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ApiDispatcher, createHandlers, TableStore } from "../../../main/api";
import { WorkerPool } from "../../../main/workers";
import { readCsv } from "../../../app/data";
import type { DataTable } from "../../../app/data";
import type { FitView } from "../../../app/model-spec";
import type { ProgressEvent } from "../../../app/api";
import type { ModelComparison } from "../../../app/inference";

const politeness = readCsv(new Uint8Array(readFileSync("tests/fixtures/reference/data/politeness.csv")), {}).table;
const reference = JSON.parse(readFileSync("tests/fixtures/reference/cases/politeness-intercepts.json", "utf8")) as { fixef: { term: string; estimate: number; se: number }[] };

function setup() {
  const tables = new TableStore();
  const pool = new WorkerPool({ size: 1 });
  const d = new ApiDispatcher(createHandlers({ mode: "browser", pool, tables, quit: () => {} }));
  return { d, tables, pool };
}

/** A crossed design with correlated slopes: a fit that takes seconds. */
function large(): DataTable {
  const n = 60_000;
  const y = new Float64Array(n);
  const x = new Float64Array(n);
  const g = new Int32Array(n);
  const h = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    g[i] = i % 300;
    h[i] = Math.floor(i / 7) % 200;
    x[i] = (i * 7919) % 100 / 10;
    y[i] = 1 + 0.5 * x[i] + Math.sin(g[i]) * (1 + 0.1 * x[i]) + Math.cos(h[i]) + ((i * 104729) % 1000) / 500;
  }
  const levels = (k: number, p: string) => Array.from({ length: k }, (_, i) => `${p}${i}`);
  return {
    nrow: n,
    columns: [
      { kind: "number", name: "y", values: y },
      { kind: "number", name: "x", values: x },
      { kind: "categorical", name: "g", codes: g, levels: levels(300, "g") },
      { kind: "categorical", name: "h", codes: h, levels: levels(200, "h") },
    ],
  };
}

test("fit runs in the worker pool, reports iterations, and its result survives JSON (the WebSocket)", async () => {
  const { d, tables, pool } = setup();
  const { id } = tables.add("politeness.csv", politeness);
  const events: ProgressEvent[] = [];
  const spec = { formula: "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)", categorical: ["scenario"] };
  const out = await d.dispatch({ requestId: "f", method: "fit", payload: { tableId: id, spec } }, (e) => events.push(e));
  assert.ok(out.result.ok, JSON.stringify(out.result));
  const fit = JSON.parse(JSON.stringify(out.result.value)) as FitView;
  for (const [i, ref] of reference.fixef.entries()) {
    assert.equal(fit.fixef[i].term, ref.term);
    assert.ok(Math.abs(fit.fixef[i].estimate - ref.estimate) < 1e-3 * ref.se);
  }
  assert.ok(events.some((e) => /^Iteration \d+, deviance \d/.test(e.message)), events.map((e) => e.message).join(" | "));

  const cmp = await d.dispatch(
    { requestId: "c", method: "compare", payload: { tableId: id, specs: [spec, { formula: "frequency ~ attitude + (1 | subject) + (1 | scenario)", categorical: ["scenario"] }] } },
    () => {},
  );
  assert.ok(cmp.result.ok, JSON.stringify(cmp.result));
  const comparison = cmp.result.value as ModelComparison;
  assert.equal(comparison.rows.length, 2);
  assert.equal(comparison.refitted, true);
  await pool.close();
});

test("a bad request is refused, a bad formula is a readable error, and a long fit can be cancelled", async () => {
  const { d, tables, pool } = setup();
  const bad = await d.dispatch({ requestId: "b", method: "fit", payload: { tableId: "x", spec: { formula: "y ~ x", family: "weibull" } } }, () => {});
  assert.match(bad.result.ok ? "" : bad.result.error.message, /family must be one of gaussian, binomial, poisson, negative-binomial, gamma, inverse-gaussian/);
  const { id } = tables.add("large.csv", large());
  const nope = await d.dispatch({ requestId: "n", method: "fit", payload: { tableId: id, spec: { formula: "y ~ x + (1 | nothere)" } } }, () => {});
  assert.equal(nope.result.ok, false);
  const running = d.dispatch({ requestId: "long", method: "fit", payload: { tableId: id, spec: { formula: "y ~ x + (x | g) + (x | h)" } } }, () => {});
  await new Promise((r) => setTimeout(r, 1500));
  const cancel = await d.dispatch({ requestId: "stop", method: "cancel", payload: { requestId: "long" } }, () => {});
  assert.deepEqual(cancel.result, { ok: true, value: { cancelled: true } });
  const outcome = await running;
  assert.equal(outcome.result.ok ? "" : outcome.result.error.name, "Cancelled");
  await pool.close();
});
