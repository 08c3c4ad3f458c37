// Issue 21 "all cores": a model comparison and an allFit-style optimiser check split over the
// worker pool (main/workers/run-compare-pool.ts, run-optimizer-check.ts, split.ts) give the
// same result on 1 and on 2 workers — and the same as the one-thread functions — with progress,
// the one-thread error when a part fails, and cancellation that stops every part.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readCsv, type DataTable } from "../../../app/data";
import { MixwellError } from "../../../app/errors";
import { runComparison } from "../../../app/inference";
import { checkOptimizers } from "../../../app/guided-fix";
import type { FitSpec } from "../../../app/engine/run-fit";
import { CancelledError, WorkerPool, checkOptimizersInPool, runComparisonInPool, runSplit } from "../../../main/workers";
import { largestFirst } from "../../../main/workers/run-compare-pool";

const read = (name: string): DataTable => readCsv(new Uint8Array(readFileSync(`tests/fixtures/reference/data/${name}`)), {}).table;
const sleep = read("sleepstudy.csv");
const cbpp = read("cbpp.csv");

const one = new WorkerPool({ size: 1, parallel: 1 });
const two = new WorkerPool({ size: 1, parallel: 2 });
after(() => Promise.all([one.close(), two.close()]));

test("runSplit: results in part order; the first failing part's error in part order, later parts stopped", async () => {
  const wait = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(resolve, ms);
      signal?.addEventListener("abort", () => (clearTimeout(t), reject(new CancelledError())), { once: true });
    });
  assert.deepEqual(await runSplit([async () => (await wait(30), "a"), async () => "b", async () => (await wait(5), "c")]), ["a", "b", "c"]);
  const stopped: number[] = [];
  const parts = [
    async () => (await wait(40), "first"),
    async () => {
      await wait(30);
      throw new MixwellError("part 1 failed");
    },
    async () => {
      throw new MixwellError("part 2 failed"); // fails first in time, but part 1 comes first
    },
    async (o: { signal?: AbortSignal }) => {
      try {
        await wait(5000, o.signal);
      } catch (e) {
        stopped.push(3);
        throw e;
      }
      return "never";
    },
  ];
  await assert.rejects(runSplit(parts), (e: Error) => e instanceof MixwellError && e.message === "part 1 failed");
  assert.deepEqual(stopped, [3], "the part after the failure was stopped");
  const cancel = new AbortController();
  const run = runSplit([(o) => wait(5000, o.signal).then(() => 1), (o) => wait(5000, o.signal).then(() => 2)], { signal: cancel.signal });
  setTimeout(() => cancel.abort(), 10);
  await assert.rejects(run, (e: Error) => e instanceof CancelledError);
});

test("runSplit starts the parts in startOrder; results stay in part order", async () => {
  const starts: number[] = [];
  const part = (i: number) => async () => (starts.push(i), i * 10);
  assert.deepEqual(await runSplit([part(0), part(1), part(2)], { startOrder: [2, 0, 1] }), [0, 10, 20]);
  assert.deepEqual(starts, [2, 0, 1]);
  starts.length = 0;
  await runSplit([part(0), part(1)], { startOrder: [1, 1] }); // not an order of the parts: part order
  assert.deepEqual(starts, [0, 1]);
  assert.deepEqual(largestFirst([{ formula: "y ~ 1 + (1 | s)" }, { formula: "y ~ x + (1 | s) + (1 | d)" }, { formula: "y ~ x + z + (1 | s)" }]), [1, 2, 0]);
});

test("comparison of four models: identical on 1 and 2 workers and to runComparison; progress counts the models", async () => {
  const specs: FitSpec[] = [
    { formula: "Reaction ~ Days + (Days | Subject)" },
    { formula: "Reaction ~ 1 + (1 | Subject)" },
    { formula: "Reaction ~ Days + (1 | Subject)", method: "ML" },
    { formula: "Reaction ~ Days + (Days || Subject)" },
  ];
  const messages: string[] = [];
  const a = await runComparisonInPool(one, { table: sleep, specs });
  const b = await runComparisonInPool(two, { table: sleep, specs }, { onProgress: (_f, m) => messages.push(m) });
  assert.equal(two.workersStarted, 2, "the fits used both workers");
  assert.deepEqual(b, a);
  assert.deepEqual(a, runComparison(sleep, specs));
  assert.deepEqual(a.rows.map((r) => r.model), [1, 2, 3, 0]);
  assert.equal(a.refitted, true);
  assert.equal(messages[0], "Fitting 4 models by maximum likelihood; 3 fitted by REML are refitted by ML, as anova() does…");
  assert.equal(messages.at(-1), "4 of 4 models fitted…");
  // Which models run side by side depends on timing (a worker still starting): only the form is fixed.
  assert.ok(messages.some((m) => /^Fitting models? \d( and \d)* of 4 \(\d done\)…$/.test(m)), messages.join(" | "));
  // GLMMs too.
  const glmm: FitSpec[] = [
    { formula: "cbind(incidence, size - incidence) ~ period + (1 | herd)", family: "binomial", categorical: ["period"] },
    { formula: "cbind(incidence, size - incidence) ~ 1 + (1 | herd)", family: "binomial", categorical: ["period"] },
  ];
  assert.deepEqual(await runComparisonInPool(two, { table: cbpp, specs: glmm }), runComparison(cbpp, glmm));
});

test("comparison errors: the one-thread error (the checks before any fit), as a MixwellError", async () => {
  const other: FitSpec[] = [{ formula: "Reaction ~ Days + (1 | Subject)" }, { formula: "Days ~ 1 + (1 | Subject)" }, { formula: "Reaction ~ nosuch + (1 | Subject)" }];
  const expected = (() => {
    try {
      runComparison(sleep, other);
    } catch (e) {
      return e as Error;
    }
    throw new Error("runComparison should have thrown");
  })();
  await assert.rejects(runComparisonInPool(two, { table: sleep, specs: other }), (e: Error) => e instanceof MixwellError && e.message === expected.message);
});

test("optimiser check (allFit): identical on 1 and 2 workers and to checkOptimizers, LMM and GLMM", async () => {
  const lmm = { formula: "Reaction ~ Days + (Days | Subject)" };
  const a = await checkOptimizersInPool(one, { table: sleep, spec: lmm });
  const b = await checkOptimizersInPool(two, { table: sleep, spec: lmm });
  assert.deepEqual(b, a);
  assert.deepEqual(a, checkOptimizers(sleep, lmm));
  assert.deepEqual(a.runs.map((r) => r.optimizer), ["bobyqa (lme4's start)", "Nelder-Mead", "bobyqa (moment start)"]);
  const glmm: FitSpec = { formula: "cbind(incidence, size - incidence) ~ period + (1 | herd)", family: "binomial", categorical: ["period"] };
  const messages: string[] = [];
  const g1 = await checkOptimizersInPool(one, { table: cbpp, spec: glmm });
  const g2 = await checkOptimizersInPool(two, { table: cbpp, spec: glmm }, { onProgress: (_f, m) => messages.push(m) });
  assert.deepEqual(g2, g1);
  assert.deepEqual(g1, checkOptimizers(cbpp, glmm));
  assert.equal(g1.runs.length, 4);
  assert.equal(messages.at(-1), "Refitting with other optimisers (4 of 4 done)…");
  await assert.rejects(checkOptimizersInPool(two, { table: sleep, spec: { formula: "Reaction ~ nosuch + (1 | Subject)" } }), MixwellError);
});

test("cancelling a split optimiser check stops every run", async () => {
  const abort = new AbortController();
  const run = checkOptimizersInPool(two, { table: cbpp, spec: { formula: "cbind(incidence, size - incidence) ~ period + (1 | herd)", family: "binomial", categorical: ["period"] } }, { signal: abort.signal });
  setTimeout(() => abort.abort(), 5);
  await assert.rejects(run, (e: Error) => e instanceof CancelledError);
  assert.equal(two.busy, 0);
});

test("prestart starts the workers a split job may use, idle, once", async () => {
  const pool = new WorkerPool({ size: 1, parallel: 2 });
  try {
    pool.prestart();
    pool.prestart();
    assert.equal(pool.workersStarted, 2);
    assert.equal(pool.busy, 0);
    assert.equal(await pool.run("diagnostic", { mode: "echo", value: "warm" }), "warm");
    assert.equal(pool.workersStarted, 2, "a job takes a started worker");
  } finally {
    await pool.close();
  }
});
