import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiDispatcher, createHandlers, TableStore, type Handlers } from "../../../main/api";
import { CancelledError, WorkerPool } from "../../../main/workers";
import { MixwellError } from "../../../app/errors";
import type { ProgressEvent } from "../../../app/api";

/** Real handlers, with `describe` replaced by one that runs until it is cancelled. */
function handlers(): Handlers {
  const real = createHandlers({ mode: "browser", pool: new WorkerPool({ size: 1 }), tables: new TableStore(), quit: () => {} });
  return {
    ...real,
    describe: async (payload, context) => {
      if (payload.tableId === "boom") throw new MixwellError("Column 'pitch' has text in row 12: 'n/a'");
      if (payload.tableId === "bug") throw new TypeError("x is undefined");
      context.progress(0.5, "half way");
      await new Promise((_, reject) => context.signal.addEventListener("abort", () => reject(new CancelledError())));
      throw new Error("unreachable");
    },
  };
}

test("errors become data; the dispatcher never throws", async () => {
  const d = new ApiDispatcher(handlers());
  const user = await d.dispatch({ requestId: "a", method: "describe", payload: { tableId: "boom" } }, () => {});
  assert.deepEqual(user, {
    requestId: "a",
    result: { ok: false, error: { name: "MixwellError", message: "Column 'pitch' has text in row 12: 'n/a'" } },
  });
  const bug = await d.dispatch({ requestId: "b", method: "describe", payload: { tableId: "bug" } }, () => {});
  assert.equal(bug.result.ok, false);
  const junk = await d.dispatch("not a call", () => {});
  assert.equal(junk.requestId, undefined);
  assert.equal(junk.result.ok, false);
  const info = await d.dispatch({ requestId: "c", method: "appInfo", payload: {} }, () => {});
  assert.deepEqual(info.result, { ok: true, value: { version: "0.1.0", mode: "browser" } });
});

test("a running request streams progress and can be cancelled by a cancel request", async () => {
  const d = new ApiDispatcher(handlers());
  const events: ProgressEvent[] = [];
  const running = d.dispatch({ requestId: "long", method: "describe", payload: { tableId: "t" } }, (e) => events.push(e));
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(events, [{ requestId: "long", fraction: 0.5, message: "half way" }]);
  const cancel = await d.dispatch({ requestId: "stop", method: "cancel", payload: { requestId: "long" } }, () => {});
  assert.deepEqual(cancel.result, { ok: true, value: { cancelled: true } });
  const outcome = await running;
  assert.deepEqual(outcome.result, { ok: false, error: { name: "Cancelled", message: "Cancelled." } });
  const again = await d.dispatch({ requestId: "stop2", method: "cancel", payload: { requestId: "long" } }, () => {});
  assert.deepEqual(again.result, { ok: true, value: { cancelled: false } });
});

test("an unknown table is a readable error", async () => {
  const real = createHandlers({ mode: "browser", pool: new WorkerPool({ size: 1 }), tables: new TableStore(), quit: () => {} });
  const d = new ApiDispatcher(real);
  const r = await d.dispatch({ requestId: "x", method: "describe", payload: { tableId: "gone" } }, () => {});
  assert.match(r.result.ok ? "" : r.result.error.message, /no longer loaded/);
});
