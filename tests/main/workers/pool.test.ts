import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../../app/data";
import { MixwellError } from "../../../app/errors";
import { WorkerPool, CancelledError, JobCrashedError } from "../../../main/workers";

const pool = new WorkerPool({ size: 2 });
after(() => pool.close());

test("describe runs in a worker and streams progress", async () => {
  const table = parseCsv(readFileSync(new URL("../../fixtures/reference/data/politeness.csv", import.meta.url)));
  const progress: (number | null)[] = [];
  const d = await pool.run("describe", { table }, { onProgress: (f) => progress.push(f) });
  const f = d.columns.find((c) => c.name === "frequency");
  assert.equal(f?.kind, "number");
  assert.ok(f?.kind === "number" && Math.abs(f.mean! - 193.5819277108) < 1e-9);
  assert.equal(progress.at(-1), 1);
});

test("an error thrown by a job comes back as an error; the worker is kept", async () => {
  const before = pool.workersStarted;
  await assert.rejects(pool.run("diagnostic", { mode: "throw", message: "bad model" }), /bad model/);
  assert.equal(await pool.run("diagnostic", { mode: "echo", value: "still here" }), "still here");
  assert.equal(pool.workersStarted, before);
});

test("a crashing worker fails its job and is replaced", async () => {
  await assert.rejects(pool.run("diagnostic", { mode: "crash", message: "boom" }), (e: unknown) => {
    return e instanceof JobCrashedError && e instanceof MixwellError && /boom/.test(e.message);
  });
  await assert.rejects(pool.run("diagnostic", { mode: "exit" }), JobCrashedError);
  assert.equal(await pool.run("diagnostic", { mode: "echo", value: "ok" }), "ok");
});

test("cancelling a running job terminates and replaces its worker", async () => {
  const controller = new AbortController();
  const started = pool.workersStarted;
  const job = pool.run("diagnostic", { mode: "spin", steps: 10_000 }, {
    signal: controller.signal,
    onProgress: (f) => {
      if (f !== null && f > 0) controller.abort();
    },
  });
  await assert.rejects(job, CancelledError);
  assert.equal(pool.workersStarted, started + 1);
  assert.equal(await pool.run("diagnostic", { mode: "echo", value: "after cancel" }), "after cancel");
});

test("queued jobs run when a worker frees up; a cancelled queued job never runs", async () => {
  const small = new WorkerPool({ size: 1 });
  try {
    const first = small.run("diagnostic", { mode: "spin", steps: 3 });
    const controller = new AbortController();
    const second = small.run("diagnostic", { mode: "echo", value: "x" }, { signal: controller.signal });
    const third = small.run("diagnostic", { mode: "echo", value: "third" });
    controller.abort();
    await assert.rejects(second, CancelledError);
    assert.equal(await first, "done");
    assert.equal(await third, "third");
    assert.equal(small.workersStarted, 1);
  } finally {
    await small.close();
  }
});
