/**
 * A minimal Chrome DevTools Protocol client (one page target, request/response only) for the GUI
 * benchmark's import step. Playwright enables the Network domain on every page it drives, and
 * Chrome then reports each WebSocket frame with its whole payload, base64, over the protocol
 * pipe: an 80 MB frame costs seconds in the browser and in the driving process that a user
 * never pays (measured here: a 64 MB WebSocket message took 0.7 s to arrive without it and over
 * 10 s under Playwright). Driving the import through this client leaves Network off.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { WebSocket } from "ws";

export interface RawPage {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Evaluate an expression in the page, awaiting a promise; its value must be JSON. */
  evaluate<T>(expression: string): Promise<T>;
  close(): void;
}

/** The DevTools port of a chromium started with --remote-debugging-port=0 and this profile folder. */
export async function devToolsPort(profileDir: string, timeoutMs = 30_000): Promise<number> {
  const file = join(profileDir, "DevToolsActivePort");
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (existsSync(file)) {
      const port = Number(readFileSync(file, "utf8").split("\n")[0]);
      if (port > 0) return port;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("chromium did not open its DevTools port");
}

/** Connect to the first page target. */
export async function connectPage(port: number): Promise<RawPage> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { type: string; webSocketDebuggerUrl: string }[];
  const target = targets.find((t) => t.type === "page");
  if (!target) throw new Error("no page target");
  const socket = new WebSocket(target.webSocketDebuggerUrl, { maxPayload: 256 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  socket.on("message", (raw) => {
    const message = JSON.parse(String(raw)) as { id?: number; result?: unknown; error?: { message: string } };
    const entry = message.id === undefined ? undefined : waiting.get(message.id);
    if (!entry) return;
    waiting.delete(message.id!);
    if (message.error) entry.reject(new Error(message.error.message));
    else entry.resolve(message.result);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    send,
    async evaluate<T>(expression: string): Promise<T> {
      const result = await send<{ result: { value?: unknown }; exceptionDetails?: { exception?: { description?: string }; text: string } }>("Runtime.evaluate", {
        expression,
        awaitPromise: true,
        returnByValue: true,
      });
      if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
      return result.result.value as T;
    },
    close: () => socket.close(),
  };
}
