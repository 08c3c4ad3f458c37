/**
 * Who may talk to the browser-mode host. It listens on 127.0.0.1 only; on top of that every
 * request must
 * - name us in its Host header (127.0.0.1:PORT or localhost:PORT), which defeats DNS rebinding;
 * - if it has an Origin, have our own origin, so no other web page can drive us (WebSockets are
 *   not bound by the same-origin policy, so this check is what protects the API);
 * - carry the per-launch secret token in its URL, which another local user or process does not
 *   know. No cookie carries it: cookies are not scoped by port, so every server on 127.0.0.1
 *   would receive one. The browser is opened with a one-time launch code instead of the token
 *   (codes.ts), so the address in a process list (`ps`) is worthless once the window has loaded.
 *   Static assets (the public build of the renderer) need no token; the page and the API do.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

export interface AccessPolicy {
  readonly port: number;
  readonly token: string;
}

export function ownOrigins(port: number): readonly string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function hostAllowed(req: IncomingMessage, policy: AccessPolicy): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${policy.port}` || host === `localhost:${policy.port}`;
}

/** A request without an Origin header is a top-level navigation or a non-browser client. */
export function originAllowed(req: IncomingMessage, policy: AccessPolicy, required: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return !required;
  return ownOrigins(policy.port).includes(origin);
}

/** The token of the request's URL (`?token=`); a URL that cannot be read has none. */
export function tokenFromRequest(req: IncomingMessage): string | undefined {
  const url = safeUrl(req.url);
  return url?.searchParams.get("token") ?? undefined;
}

/** The request's URL, or undefined when it cannot be parsed. */
export function safeUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? "/", "http://127.0.0.1");
  } catch {
    return undefined;
  }
}

export function tokenMatches(candidate: string | undefined, policy: AccessPolicy): boolean {
  if (candidate === undefined) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(policy.token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a request is refused, or undefined when it may proceed. */
export function refusal(
  req: IncomingMessage,
  policy: AccessPolicy,
  opts: { originRequired: boolean; tokenRequired?: boolean },
): string | undefined {
  if (!hostAllowed(req, policy)) return "wrong Host header";
  if (!originAllowed(req, policy, opts.originRequired)) return "foreign Origin";
  if (opts.tokenRequired !== false && !tokenMatches(tokenFromRequest(req), policy)) return "missing or wrong token";
  return undefined;
}
