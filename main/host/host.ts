/**
 * Browser mode: an HTTP server on 127.0.0.1 that serves the renderer and carries the API over a
 * WebSocket at /api, with the access rules of access.ts. The same renderer code runs here and in
 * Electron; only its transport differs.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { MAX_IMPORT_BASE64, encodeMessage, type ServerMessage } from "../../app/api";
import type { Backend } from "../api";
import { cookieName, newToken, refusal, type AccessPolicy } from "./access";
import { securityHeaders, sendStatic, sendText } from "./static-files";

export interface HostOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Folder with the built renderer (index.html and assets/). */
  readonly rendererDir: string;
  readonly backend: Backend;
  /** Fixed token (tests); a fresh random one otherwise. */
  readonly token?: string;
}

export interface RunningHost {
  readonly port: number;
  readonly token: string;
  /** The address to open: includes the token. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken();
  const server = createServer();
  await listen(server, options.port);
  const port = (server.address() as AddressInfo).port;
  const policy: AccessPolicy = { port, token };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_IMPORT_BASE64 + 1024 * 1024 });
  server.on("request", (req, res) => {
    const why = refusal(req, policy, { originRequired: false });
    if (why) return sendText(res, 403, `Forbidden: ${why}.`);
    if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "Method not allowed");
    const headers = {
      ...securityHeaders(port),
      "Set-Cookie": `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    };
    void sendStatic(options.rendererDir, new URL(req.url ?? "/", "http://127.0.0.1").pathname, res, headers);
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const why = path === "/api" ? refusal(req, policy, { originRequired: true }) : "no such endpoint";
    if (why) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nForbidden: ${why}.`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveApi(ws, options.backend));
  });
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/**
 * One WebSocket = one client: each text message is an API call; replies and progress go back,
 * as JSON text, or as one binary frame when a reply holds typed arrays (an imported table's
 * columns; app/api/binary-message.ts).
 */
function serveApi(ws: WebSocket, backend: Backend): void {
  const mine = new Set<string>();
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeMessage(message));
  };
  ws.on("message", async (data, isBinary) => {
    let raw: unknown;
    try {
      raw = isBinary ? undefined : JSON.parse(String(data));
    } catch {
      raw = undefined;
    }
    const id = typeof raw === "object" && raw !== null ? (raw as { requestId?: unknown }).requestId : undefined;
    if (typeof id === "string") mine.add(id);
    const outcome = await backend.dispatcher.dispatch(raw, (event) => send({ type: "progress", event }));
    if (typeof id === "string") mine.delete(id);
    send({ type: "result", requestId: outcome.requestId ?? "", result: outcome.result });
  });
  ws.on("close", () => {
    for (const id of mine) backend.dispatcher.cancel(id);
  });
}
