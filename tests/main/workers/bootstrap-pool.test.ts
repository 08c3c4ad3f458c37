// The parametric bootstrap and PBmodcomp spread over the worker pool (main/workers/run-bootstrap.ts):
// the same seed gives the same numbers on 1 and on 2 workers, progress counts refits of the whole
// run, and cancelling stops every share.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readCsv } from "../../../app/data";
import { CancelledError, WorkerPool, runBootstrap, runPbModcomp, shareRanges } from "../../../main/workers";
import { defaultShares } from "../../../main/workers/run-bootstrap";
import { ApiDispatcher, createHandlers, TableStore } from "../../../main/api";
import type { BootstrapResult, PbResult, ProgressEvent } from "../../../app/api";
import { runFitWithFrame } from "../../../app/engine/run-fit";
import type { LmmFit } from "../../../app/engine/lmm";
import { bootstrapIntervals, bootstrapRefits } from "../../../app/inference/bootstrap";
import { fitPbModels, pbRefits, pbResult } from "../../../app/inference/pb-modcomp";

const sleep = readCsv(new Uint8Array(readFileSync("tests/fixtures/reference/data/sleepstudy.csv")), {}).table;
const spec = { formula: "Reaction ~ Days + (Days | Subject)" };

test("shareRanges cuts n refits into contiguous shares that cover 0 … n − 1", () => {
  assert.deepEqual(shareRanges(10, 3), [[0, 3], [3, 6], [6, 10]]);
  assert.deepEqual(shareRanges(2, 4), [[0, 1], [1, 2]]);
  // Several shares per worker (a slowed worker does not hold up the run), at least 25 refits each.
  assert.equal(defaultShares(1000, 2), 16);
  assert.equal(defaultShares(100, 2), 4);
  assert.equal(defaultShares(20, 2), 2);
});

test("bootstrap and PB p-value: identical on 1 and 2 workers; progress counts the whole run", async () => {
  const one = new WorkerPool({ size: 1, parallel: 1 });
  const two = new WorkerPool({ size: 1, parallel: 2 });
  try {
    const seen: number[] = [];
    const input = { table: sleep, spec, nboot: 60, seed: 42 };
    const a = await runBootstrap(one, input);
    const b = await runBootstrap(two, input, { shares: 5, onProgress: (done, total) => (assert.equal(total, 60), seen.push(done)) });
    assert.equal(two.workersStarted, 2, "the split job used both workers");
    assert.deepEqual(b, a);
    assert.equal(Math.max(...seen), 60);
    assert.deepEqual(a.ci_boot.map((r) => r.kind), ["fixef", "fixef", "sd", "sd", "correlation", "sd"]);
    // Another seed gives other intervals (the seed is used).
    const c = await runBootstrap(two, { ...input, seed: 43 });
    assert.notDeepEqual(c.ci_boot, a.ci_boot);

    const pbInput = { table: sleep, specs: [{ formula: "Reaction ~ 1 + (Days | Subject)" }, spec], nsim: 40, seed: 5 };
    const p1 = await runPbModcomp(one, pbInput);
    const p2 = await runPbModcomp(two, pbInput);
    assert.deepEqual(p2, p1);
    assert.equal(p1.nsim, 40);
    assert.equal(p1.used + p1.nonPositive + p1.failures, 40);
    assert.ok(p1.lrt > 20, `observed LRT ${p1.lrt}`); // Days matters a lot in sleepstudy
    assert.equal(p1.pb_p, (1 + p1.extreme) / (1 + p1.used));
  } finally {
    await Promise.all([one.close(), two.close()]);
  }
});

test("the bootstrap API methods: validated at the edge, run in the pool with 'N of M refits' progress", async () => {
  const tables = new TableStore();
  const pool = new WorkerPool({ size: 1, parallel: 2 });
  const d = new ApiDispatcher(createHandlers({ mode: "browser", pool, tables, quit: () => {} }));
  try {
    const { id } = tables.add("sleepstudy.csv", sleep);
    for (const nboot of [0, 100001, 2.5]) {
      const bad = await d.dispatch({ requestId: "b", method: "bootstrap", payload: { tableId: id, spec, nboot, seed: 1 } }, () => {});
      assert.ok(!bad.result.ok && /nboot must be a whole number from 1 to 100000/.test(bad.result.error.message), JSON.stringify(bad.result));
    }
    const badSeed = await d.dispatch({ requestId: "s", method: "bootstrap", payload: { tableId: id, spec, nboot: 20, seed: "x" } }, () => {});
    assert.ok(!badSeed.result.ok && /seed must be a whole number/.test(badSeed.result.error.message));
    const oneModel = await d.dispatch({ requestId: "o", method: "pbModcomp", payload: { tableId: id, specs: [spec], nsim: 20, seed: 1 } }, () => {});
    assert.ok(!oneModel.result.ok && /exactly two models/.test(oneModel.result.error.message));

    const events: ProgressEvent[] = [];
    const out = await d.dispatch({ requestId: "ok", method: "bootstrap", payload: { tableId: id, spec, nboot: 20, seed: 9 } }, (e) => events.push(e));
    assert.ok(out.result.ok, JSON.stringify(out.result));
    const boot = JSON.parse(JSON.stringify(out.result.value)) as BootstrapResult;
    assert.deepEqual(boot, await runBootstrap(pool, { table: sleep, spec, nboot: 20, seed: 9 }));
    assert.ok(events.some((e) => e.message === "20 of 20 refits"), events.map((e) => e.message).join(" | "));
    const pb = await d.dispatch({ requestId: "pb", method: "pbModcomp", payload: { tableId: id, specs: [spec, { formula: "Reaction ~ 1 + (Days | Subject)" }], nsim: 10, seed: 2 } }, () => {});
    assert.ok(pb.result.ok, JSON.stringify(pb.result));
    assert.equal((pb.result.value as PbResult).nsim, 10);
  } finally {
    await pool.close();
  }
});

test("cancelling a split bootstrap rejects with CancelledError and stops its workers' shares", async () => {
  const pool = new WorkerPool({ size: 1, parallel: 2 });
  try {
    const abort = new AbortController();
    const run = runBootstrap(pool, { table: sleep, spec, nboot: 100000, seed: 1 }, { signal: abort.signal, onProgress: (done) => done >= 2 && abort.abort() });
    await assert.rejects(run, (e: Error) => e instanceof CancelledError);
    assert.equal(pool.busy, 0);
  } finally {
    await pool.close();
  }
});

test("the split bootstrap (one fit sent to every share) equals the refits made in one thread", async () => {
  const pool = new WorkerPool({ size: 1, parallel: 2 });
  try {
    const { fit, frame } = runFitWithFrame(sleep, { ...spec, inference: false, profileCi: false });
    const lmm = fit as LmmFit;
    assert.deepEqual(await runBootstrap(pool, { table: sleep, spec, nboot: 30, seed: 3 }), bootstrapIntervals(frame, 3, bootstrapRefits(frame, lmm, 3, 0, 30)));
    const specs = [spec, { formula: "Reaction ~ 1 + (Days | Subject)" }]; // the larger model first: pbStart finds the smaller
    const models = fitPbModels(sleep, specs);
    assert.equal(models.smallIndex, 1);
    assert.deepEqual(await runPbModcomp(pool, { table: sleep, specs, nsim: 30, seed: 4 }), pbResult(models, 4, pbRefits(models, 4, 0, 30)));
  } finally {
    await pool.close();
  }
});
