/**
 * One-time launch codes: the browser is opened with `/?code=…` instead of the secret token, so a
 * command line that other users can read (`ps`) holds nothing of use once the window has loaded.
 * A code is valid once and for a short time; the host answers it with a redirect to the page
 * with the token, which from then on lives only in that window's address.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";

export const LAUNCH_CODE_LIFETIME_MS = 120_000;

export class LaunchCodes {
  readonly #codes = new Map<string, number>();

  /** A fresh code, valid once within LAUNCH_CODE_LIFETIME_MS. */
  issue(now = Date.now()): string {
    const code = randomBytes(18).toString("base64url");
    this.#codes.set(code, now + LAUNCH_CODE_LIFETIME_MS);
    return code;
  }

  /** True (once) when `candidate` is a live code; it is spent either way. */
  redeem(candidate: string, now = Date.now()): boolean {
    for (const [code, expires] of this.#codes) {
      if (expires < now) this.#codes.delete(code);
    }
    for (const [code, expires] of this.#codes) {
      const a = Buffer.from(candidate);
      const b = Buffer.from(code);
      if (a.length === b.length && timingSafeEqual(a, b)) {
        this.#codes.delete(code);
        return expires >= now;
      }
    }
    return false;
  }
}
