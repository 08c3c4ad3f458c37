// `npm start` without the Electron runtime: one clear line with the browser-mode address, on the
// port MIXWELL_PORT asks for, serving the UI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

test("without Electron, npm start prints the browser-mode URL and serves the page", async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    // An Electron "installation" that points nowhere: the runtime is missing.
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: "/nonexistent/electron", MIXWELL_NO_OPEN: "1", MIXWELL_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    let out = "";
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL line:\n${out}`)), 180_000);
      child.stdout.on("data", (d) => {
        out += String(d);
        const m = /^Electron runtime not found — starting Mixwell in your browser at (\S+)$/m.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.stderr.on("data", (d) => (out += String(d)));
    });
    assert.match(line, new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[\\w-]{20,}$`));
    const page = await fetch(line);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Mixwell<\/title>/);
    assert.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 403);
  } finally {
    child.kill("SIGTERM");
  }
});
