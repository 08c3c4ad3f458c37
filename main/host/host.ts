/**
 * Browser mode: an HTTP server on 127.0.0.1 that serves the renderer and carries the API over a
 * WebSocket at /api, with the access rules of access.ts. The same renderer code runs here and in
 * Electron; only its transport differs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { MAX_IMPORT_BASE64, decodeMessage, encodeMessage, type ServerMessage } from "../../app/api";
import type { Backend } from "../api";
import { toErrorInfo } from "../../app/errors";
import { newToken, refusal, safeUrl, tokenMatches, type AccessPolicy } from "./access";
import { LaunchCodes } from "./launch-codes";
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
  /** The page's address with the token: for the terminal and tests, never a command line. */
  readonly url: string;
  /**
   * An address with a fresh one-time code (`http://127.0.0.1:PORT/?code=…`) for opening a
   * browser: valid once, for two minutes; the host redirects it to `url`.
   */
  launchUrl(): string;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken();
  const server = createServer();
  await listen(server, options.port);
  const port = (server.address() as AddressInfo).port;
  const policy: AccessPolicy = { port, token };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_IMPORT_BASE64 + 1024 * 1024 });
  const codes = new LaunchCodes();
  server.on("request", (req, res) => {
    // Any failure becomes a response: one bad request must never end the host.
    try {
      handleRequest(req, res, policy, codes, options.rendererDir).catch((err: unknown) => failRequest(res, err));
    } catch (err) {
      failRequest(res, err);
    }
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      const path = safeUrl(req.url)?.pathname;
      const why = path === "/api" ? refusal(req, policy, { originRequired: true }) : "no such endpoint";
      if (why) {
        socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nForbidden: ${why}.`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => serveApi(ws, options.backend));
    } catch {
      socket.destroy();
    }
  });
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    launchUrl: () => `http://127.0.0.1:${port}/?code=${codes.issue()}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * GET/HEAD of the renderer. The page needs the token (or a launch code, answered with a redirect
 * to the page with the token); assets, the public build, need only our Host and Origin.
 */
async function handleRequest(req: IncomingMessage, res: ServerResponse, policy: AccessPolicy, codes: LaunchCodes, root: string): Promise<void> {
  const url = safeUrl(req.url);
  if (!url) return sendText(res, 400, "Bad request: the address cannot be read.");
  const headers = securityHeaders(policy.port);
  const code = url.searchParams.get("code");
  const page = url.pathname === "/" || url.pathname === "/index.html";
  const why = refusal(req, policy, { originRequired: false, tokenRequired: page && code === null });
  if (why) return sendText(res, 403, `Forbidden: ${why}.`);
  if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "Method not allowed");
  if (page && code !== null) {
    if (!codes.redeem(code)) return sendText(res, 403, "Forbidden: this launch link was already used or has expired; start Mixwell again.");
    res.writeHead(302, { ...headers, Location: `/?token=${encodeURIComponent(policy.token)}` });
    res.end();
    return;
  }
  await sendStatic(root, url.pathname, res, headers);
}

function failRequest(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendText(res, 500, `Mixwell could not answer this request: ${toErrorInfo(err).message}`);
}

/** A binary WebSocket message's bytes (ws hands them over as a Buffer, a list of Buffers, or an ArrayBuffer). */
function binaryData(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
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
  ws.on("message", (data, isBinary) => {
    answer(data, isBinary).catch((err: unknown) => {
      // The dispatcher turns handler failures into results; this is a last resort (e.g. encoding).
      console.error(`Mixwell: a request over the WebSocket failed: ${toErrorInfo(err).message}`);
    });
  });
  async function answer(data: RawData, isBinary: boolean): Promise<void> {
    let raw: unknown;
    try {
      raw = isBinary ? decodeMessage(binaryData(data)) : JSON.parse(String(data));
    } catch {
      raw = undefined;
    }
    const id = typeof raw === "object" && raw !== null ? (raw as { requestId?: unknown }).requestId : undefined;
    if (typeof id === "string") mine.add(id);
    const outcome = await backend.dispatcher.dispatch(raw, (event) => send({ type: "progress", event }));
    if (typeof id === "string") mine.delete(id);
    send({ type: "result", requestId: outcome.requestId ?? "", result: outcome.result });
  }
  ws.on("close", () => {
    for (const id of mine) backend.dispatcher.cancel(id);
  });
}
