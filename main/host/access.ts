/**
 * Who may talk to the browser-mode host. It listens on 127.0.0.1 only; on top of that every
 * request must
 * - name us in its Host header (127.0.0.1:PORT or localhost:PORT), which defeats DNS rebinding;
 * - if it has an Origin, have our own origin, so no other web page can drive us (WebSockets are
 *   not bound by the same-origin policy, so this check is what protects the API);
 * - carry the per-launch secret token (in the URL, or in the cookie set when the page with the
 *   token in its URL was loaded), which another local user or process does not know.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

export function cookieName(port: number): string {
  // Cookies are shared between ports of a host, so the name carries the port.
  return `mixwell_token_${port}`;
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

export function tokenFromRequest(req: IncomingMessage, policy: AccessPolicy): string | undefined {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const fromQuery = url.searchParams.get("token");
  if (fromQuery) return fromQuery;
  const cookies = req.headers.cookie ?? "";
  const prefix = `${cookieName(policy.port)}=`;
  for (const part of cookies.split(";")) {
    const c = part.trim();
    if (c.startsWith(prefix)) return c.slice(prefix.length);
  }
  return undefined;
}

export function tokenMatches(candidate: string | undefined, policy: AccessPolicy): boolean {
  if (candidate === undefined) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(policy.token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a request is refused, or undefined when it may proceed. */
export function refusal(req: IncomingMessage, policy: AccessPolicy, opts: { originRequired: boolean }): string | undefined {
  if (!hostAllowed(req, policy)) return "wrong Host header";
  if (!originAllowed(req, policy, opts.originRequired)) return "foreign Origin";
  if (!tokenMatches(tokenFromRequest(req, policy), policy)) return "missing or wrong token";
  return undefined;
}
