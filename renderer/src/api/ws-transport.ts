/**
 * Browser mode: API calls over one WebSocket to the local host, authenticated with the token
 * from the page's URL (and the cookie the host set). Calls made before the socket opens wait for
 * it; if the connection drops, pending calls fail with a readable error. Replies come as JSON
 * text, or as a binary frame when they hold typed arrays (an imported table's columns; see
 * app/api/binary-message.ts), whose arrays become views on the received bytes without a copy.
 */
import { decodeMessage, encodeMessage, type ApiEnvelope, type ApiResult, type ProgressEvent, type ServerMessage } from "../../../app/api";
import type { Transport } from "./transport";

const DISCONNECTED: ApiResult<never> = {
  ok: false,
  error: { name: "Disconnected", message: "Lost the connection to Mixwell. Start it again with 'npm start'." },
};

export function wsTransport(location: Location): Transport {
  const token = new URLSearchParams(location.search).get("token") ?? "";
  const url = `ws://${location.host}/api?token=${encodeURIComponent(token)}`;
  const pending = new Map<string, (result: ApiResult<unknown>) => void>();
  const listeners = new Set<(event: ProgressEvent) => void>();
  let socket: WebSocket | undefined;
  let closed = false;

  function open(): Promise<WebSocket> {
    if (socket && socket.readyState <= WebSocket.OPEN) return ready(socket);
    const ws = new WebSocket(url);
    ws.binaryType = "arraybuffer";
    socket = ws;
    ws.addEventListener("message", (e: MessageEvent<string | ArrayBuffer>) => {
      let message: ServerMessage;
      try {
        message = (typeof e.data === "string" ? JSON.parse(e.data) : decodeMessage(e.data)) as ServerMessage;
      } catch (err) {
        // Which call it answered is unknown: fail them all rather than leave one waiting forever.
        return failAll({ ok: false, error: { name: "BadReply", message: `Mixwell's back end sent a reply that could not be read: ${err instanceof Error ? err.message : String(err)}` } });
      }
      receive(message);
    });
    ws.addEventListener("close", () => {
      closed = true;
      failAll(DISCONNECTED);
    });
    return ready(ws);
  }

  function failAll(result: ApiResult<never>): void {
    for (const resolve of pending.values()) resolve(result);
    pending.clear();
  }

  function receive(message: ServerMessage): void {
    if (message.type === "progress") {
      for (const l of listeners) l(message.event);
      return;
    }
    const resolve = pending.get(message.requestId);
    pending.delete(message.requestId);
    resolve?.(message.result);
  }

  return {
    async send(call) {
      if (closed) return DISCONNECTED;
      const ws = await open().catch(() => undefined);
      if (!ws) return DISCONNECTED;
      return new Promise((resolve) => {
        pending.set(call.requestId, resolve);
        // JSON text, or one binary frame when the call holds bytes (a file to import).
        ws.send(encodeMessage(call));
      });
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function ready(ws: WebSocket): Promise<WebSocket> {
  if (ws.readyState === WebSocket.OPEN) return Promise.resolve(ws);
  return new Promise((resolve, reject) => {
    ws.addEventListener("open", () => resolve(ws), { once: true });
    ws.addEventListener("error", () => reject(new Error("connection failed")), { once: true });
  });
}
