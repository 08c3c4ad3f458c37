/**
 * Issue 22: the browser-mode host keeps serving after any request (malformed percent-encoding,
 * odd methods and paths, garbage WebSocket frames), and the browser is opened with a one-time
 * launch code instead of the token.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import fc from "fast-check";
import { createBackend, type Backend } from "../../../main/api";
import { startHost, type RunningHost } from "../../../main/host";
import { LaunchCodes } from "../../../main/host/launch-codes";

let backend: Backend;
let host: RunningHost;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-hostile-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>Mixwell</title>");
  // A config folder of its own: the back end sweeps its recent projects' folders at start-up.
  backend = createBackend({ mode: "browser", quit: () => {}, poolSize: 1, configDir: join(dir, "config") });
  host = await startHost({ port: 0, rendererDir: dir, backend });
});
after(async () => {
  await host.close();
  await backend.close();
});

function get(path: string, method = "GET"): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: host.port, path, method }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function stillServing(): Promise<void> {
  assert.equal((await get(`/?token=${host.token}`)).status, 200);
}

test("malformed percent-encoding is a 400, and the host keeps serving", async () => {
  for (const path of ["/%", "/%ff", "/%E0%A4%A", `/%?token=${host.token}`, "/assets/%c0%af"]) {
    const { status } = await get(path);
    assert.ok(status === 400 || status === 403, `${path} → ${status}`);
  }
  assert.equal((await get(`/%25%?token=${host.token}`)).status, 400);
  await stillServing();
});

test("random request paths and methods never end the host (seeded)", async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom("GET", "HEAD", "POST", "OPTIONS"), fc.boolean(), async (tail, method, withToken) => {
      const path = `/${encodeURI(tail).replace(/%25/g, "%")}${withToken ? `?token=${host.token}` : ""}`;
      const { status } = await get(path, method);
      assert.ok([200, 302, 400, 403, 404, 405].includes(status), `${method} ${path} → ${status}`);
    }),
    { seed: Number(process.env.MIXWELL_FUZZ_SEED ?? 22), numRuns: Math.min(Number(process.env.MIXWELL_FUZZ_RUNS ?? 150), 3000) },
  );
  await stillServing();
});

test("garbage WebSocket frames get error results and the socket stays usable", async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
  await new Promise((resolve, reject) => {
    ws.on("open", resolve);
    ws.on("error", reject);
  });
  const replies: unknown[] = [];
  ws.on("message", (data) => replies.push(JSON.parse(String(data))));
  const frames = ["", "{", "null", "[]", '{"requestId":{}}', '{"requestId":"a","method":"__proto__"}', '{"requestId":"b","method":"describe","payload":{"__proto__":{"x":1}}}', "\u0000\uffff"];
  for (const f of frames) ws.send(f);
  ws.send(Buffer.from([0, 1, 2, 255]), { binary: true });
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(replies.length, frames.length + 1);
  for (const r of replies) assert.equal((r as { result: { ok: boolean } }).result.ok, false);
  ws.close();
  await stillServing();
});

test("a launch code works once and redirects to the page with the token; the token is not in it", async () => {
  const launch = host.launchUrl();
  assert.match(launch, /^http:\/\/127\.0\.0\.1:\d+\/\?code=[\w-]{20,}$/);
  assert.ok(!launch.includes(host.token));
  const path = launch.slice(launch.indexOf("/?"));
  const first = await get(path);
  assert.equal(first.status, 302);
  assert.equal(first.location, `/?token=${host.token}`);
  assert.equal((await get(path)).status, 403);
  assert.equal((await get("/?code=made-up")).status, 403);
});

test("launch codes expire", () => {
  const codes = new LaunchCodes();
  const code = codes.issue(1000);
  assert.equal(codes.redeem(code, 1000 + 121_000), false);
  const other = codes.issue(1000);
  assert.equal(codes.redeem(other, 2000), true);
  assert.equal(codes.redeem(other, 2000), false);
});
