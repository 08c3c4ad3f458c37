import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { createBackend, type Backend } from "../../../main/api";
import { startHost, type RunningHost } from "../../../main/host";
import { decodeMessage, encodeMessage, fromWireTable, type ImportedTable, type ServerMessage } from "../../../app/api";
import type { TableDescription } from "../../../app/describe";

let backend: Backend;
let host: RunningHost;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-host-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>Mixwell</title>");
  // A config folder of its own: the back end sweeps its recent projects' folders at start-up.
  backend = createBackend({ mode: "browser", quit: () => {}, poolSize: 1, configDir: join(dir, "config") });
  host = await startHost({ port: 0, rendererDir: dir, backend });
});
after(async () => {
  await host.close();
  await backend.close();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: host.port, path, headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

function connect(opts: { origin?: string; token?: string | null; hostHeader?: string } = {}): Promise<WebSocket> {
  const token = opts.token === undefined ? host.token : opts.token;
  const url = `ws://127.0.0.1:${host.port}/api${token === null ? "" : `?token=${token}`}`;
  const headers: Record<string, string> = {};
  if (opts.hostHeader) headers.Host = opts.hostHeader;
  const ws = new WebSocket(url, { origin: opts.origin ?? `http://127.0.0.1:${host.port}`, headers });
  return new Promise((resolve, reject) => {
    ws.on("open", () => resolve(ws));
    ws.on("unexpected-response", (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.on("error", reject);
  });
}

/** Request ids whose reply came as a binary frame. */
const binaryReplies = new Set<string>();

function call(ws: WebSocket, method: string, payload: unknown, requestId = `r${Math.random().toString(36).slice(2)}`, binary = false) {
  const progress: ServerMessage[] = [];
  return new Promise<{ result: Extract<ServerMessage, { type: "result" }>["result"]; progress: ServerMessage[] }>((resolve) => {
    const onMessage = (data: WebSocket.RawData, isBinary: boolean) => {
      const m = (isBinary ? decodeMessage(data as Buffer) : JSON.parse(String(data))) as ServerMessage;
      if (isBinary) binaryReplies.add(m.type === "result" ? m.requestId : "");
      if (m.type === "progress" && m.event.requestId === requestId) progress.push(m);
      if (m.type === "result" && m.requestId === requestId) {
        ws.off("message", onMessage);
        resolve({ result: m.result, progress });
      }
    };
    ws.on("message", onMessage);
    ws.send(binary ? encodeMessage({ requestId, method, payload }) : JSON.stringify({ requestId, method, payload }));
  });
}

test("listens on 127.0.0.1 only", () => {
  assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
});

test("the page needs the token, sets no cookie and sends a CSP; assets are public", async () => {
  assert.equal((await get("/")).status, 403);
  assert.equal((await get("/?token=wrong")).status, 403);
  const ok = await get(`/?token=${host.token}`);
  assert.equal(ok.status, 200);
  assert.match(String(ok.headers["content-security-policy"]), /script-src 'self'/);
  // Cookies reach every port of 127.0.0.1, so the token never travels in one.
  assert.equal(ok.headers["set-cookie"], undefined);
  assert.equal((await get("/index.html")).status, 403);
  assert.equal((await get("/../package.json")).status, 404);
  assert.equal((await get("/logo.svg")).status, 404);
});

test("a foreign Host header or Origin is refused", async () => {
  assert.equal((await get(`/?token=${host.token}`, { Host: `evil.example:${host.port}` })).status, 403);
  assert.equal((await get(`/?token=${host.token}`, { Origin: "http://evil.example" })).status, 403);
  await assert.rejects(connect({ origin: "http://evil.example" }), /refused 403/);
  await assert.rejects(connect({ token: null }), /refused 403/);
  await assert.rejects(connect({ token: "nope" }), /refused 403/);
  await assert.rejects(connect({ hostHeader: `rebound.example:${host.port}` }), /refused 403/);
});

test("API over the WebSocket: import, describe with progress, validation errors as data", async () => {
  const ws = await connect();
  try {
    const csv = readFileSync(new URL("../../fixtures/reference/data/politeness.csv", import.meta.url));
    const imported = await call(ws, "importCsv", { fileName: "politeness.csv", contentBase64: csv.toString("base64") });
    assert.ok(imported.result.ok);
    const value = imported.result.value as ImportedTable;
    assert.equal(value.table.nrow, 84);
    // The table came as one binary frame: numbers as Float64Array (NaN where the CSV has NA).
    assert.equal(binaryReplies.size, 1);
    const table = fromWireTable(value.table);
    const frequency = table.columns.find((c) => c.name === "frequency");
    assert.ok(frequency?.kind === "number" && frequency.values instanceof Float64Array);
    assert.equal(frequency.values[0], 213.3);
    assert.equal(frequency.values.filter((x) => Number.isNaN(x)).length, 1);
    const gender = table.columns.find((c) => c.name === "gender");
    assert.ok(gender?.kind === "categorical" && gender.codes instanceof Int32Array);
    assert.deepEqual(gender.levels, ["F", "M"]);
    const described = await call(ws, "describe", { tableId: value.tableId });
    assert.ok(described.result.ok);
    const freq = (described.result.value as TableDescription).columns.find((c) => c.name === "frequency");
    assert.ok(freq?.kind === "number" && Math.abs(freq.mean! - 193.5819277108) < 1e-9);
    assert.ok(described.progress.length > 0);

    const bad = await call(ws, "describe", { tableId: 42 });
    assert.deepEqual(bad.result.ok, false);
    assert.match(!bad.result.ok ? bad.result.error.message : "", /payload.tableId must be a string/);
    const unknown = await call(ws, "rm -rf", {});
    assert.match(!unknown.result.ok ? unknown.result.error.message : "", /unknown method/);
    // A file's bytes as a binary frame (the renderer's way for a chosen file): previewed, then imported by its upload id.
    const preview = await call(ws, "previewImport", { fileName: "politeness.csv", content: new Uint8Array(csv) }, undefined, true);
    assert.ok(preview.result.ok, JSON.stringify(preview.result));
    const uploadId = (preview.result.value as { uploadId: string }).uploadId;
    const fromBytes = await call(ws, "importData", { fileName: "politeness.csv", uploadId });
    assert.ok(fromBytes.result.ok);
    assert.equal((fromBytes.result.value as ImportedTable).table.nrow, 84);
    const notBytes = await call(ws, "previewImport", { fileName: "x.csv", content: "1,2" });
    assert.match(!notBytes.result.ok ? notBytes.result.error.message : "", /payload.content must be bytes/);
    const empty = await call(ws, "importCsv", { fileName: "empty.csv", contentBase64: "" });
    assert.match(!empty.result.ok ? empty.result.error.message : "", /Could not import 'empty.csv': The file is empty/);
  } finally {
    ws.close();
  }
});
