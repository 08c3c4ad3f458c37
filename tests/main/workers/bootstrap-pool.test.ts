// The parametric bootstrap and PBmodcomp spread over the worker pool (main/workers/run-bootstrap.ts):
// the same seed gives the same numbers on 1 and on 2 workers, progress counts refits of the whole
// run, and cancelling stops every share.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readCsv } from "../../../app/data";
import { CancelledError, WorkerPool, runBootstrap, runPbModcomp, shareRanges } from "../../../main/workers";

const sleep = readCsv(new Uint8Array(readFileSync("tests/fixtures/reference/data/sleepstudy.csv")), {}).table;
const spec = { formula: "Reaction ~ Days + (Days | Subject)" };

test("shareRanges cuts n refits into contiguous shares that cover 0 … n − 1", () => {
  assert.deepEqual(shareRanges(10, 3), [[0, 3], [3, 6], [6, 10]]);
  assert.deepEqual(shareRanges(2, 4), [[0, 1], [1, 2]]);
});

test("bootstrap and PB p-value: identical on 1 and 2 workers; progress counts the whole run", async () => {
  const one = new WorkerPool({ size: 1, parallel: 1 });
  const two = new WorkerPool({ size: 1, parallel: 2 });
  try {
    const seen: number[] = [];
    const input = { table: sleep, spec, nboot: 60, seed: 42 };
    const a = await runBootstrap(one, input);
    const b = await runBootstrap(two, input, { onProgress: (done, total) => (assert.equal(total, 60), seen.push(done)) });
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
