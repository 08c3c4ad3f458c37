// Profile intervals with one thread per parameter (issue 21): the helper's job gives the same
// intervals as the calling thread, and the threaded runner the same as profiling in turn.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { parseCsv } from "../../../app/data";
import { parseFormula } from "../../../app/formula";
import { buildModelFrame } from "../../../app/engine/model-frame";
import { fitLmm } from "../../../app/engine/lmm";
import { profileIntervals } from "../../../app/inference/profile-ci";
import { createProfiler } from "../../../app/inference/profile/profiler";
import { setProfileRunner, type ProfileJob } from "../../../app/inference/profile/parallel";
import { profileParametersJob } from "../../../main/workers/jobs/profile-parameters";
import { profileInThreads, SLOT_STATE, STATE_DONE, type ProfileParameterMessage } from "../../../main/workers/profile-threads";

const formula = "Reaction ~ Days + (Days | Subject)";
const table = parseCsv(readFileSync(join(import.meta.dirname, "../../fixtures/reference/data/sleepstudy.csv")));
const frame = buildModelFrame(table, parseFormula(formula));
const fit = fitLmm(frame, { reml: true, formula });

test("a helper thread's job profiles every parameter it takes as profileIntervals does", () => {
  setProfileRunner(null);
  const inTurn = profileIntervals(fit, frame);
  const job: ProfileJob = { fit, frame, thetaMl: createProfiler(fit, frame).thetaMl, method: "lme4", level: 0.95 };
  const count = inTurn.rows.length;
  const shared = new SharedArrayBuffer(4 * (SLOT_STATE + count));
  const { port1, port2 } = new MessageChannel();
  profileParametersJob({ job, count, shared, port: port2 });
  const got: ProfileParameterMessage[] = [];
  for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) got.push(m.message as ProfileParameterMessage);
  port1.close();
  assert.deepEqual(got.map((m) => m.j), [0, 1, 2, 3]);
  assert.ok(Array.from(new Int32Array(shared).subarray(SLOT_STATE)).every((s) => s === STATE_DONE));
  got.forEach((m) => {
    assert.equal(m.result?.lower, inTurn.rows[m.j].lower);
    assert.equal(m.result?.upper, inTurn.rows[m.j].upper);
  });
});

test("profiling in threads gives the same intervals and notes as profiling in turn", () => {
  setProfileRunner(null);
  const inTurn = profileIntervals(fit, frame);
  setProfileRunner(profileInThreads);
  try {
    const threaded = profileIntervals(fit, frame, { parallel: true });
    assert.deepEqual(threaded.rows, inTurn.rows);
    assert.deepEqual(threaded.notes, inTurn.notes);
  } finally {
    setProfileRunner(null);
  }
});
