// Browser mode in an app window: the Chromium-family browser is found on PATH or where its
// installer puts it, started with --app and a profile of Mixwell's own that no running window
// holds, and closing that window stops Mixwell.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { appWindowProfile, findChromiumBrowser, openAppWindow } from "../../../main/host/app-window";

const root = fileURLToPath(new URL("../../..", import.meta.url));

/** A stand-in browser: records its arguments, stays open `seconds`, then exits. */
function fakeBrowser(dir: string, name: string, seconds: number, load = false): { path: string; argsFile: string; pageFile: string } {
  const argsFile = join(dir, `${name}.args`);
  const pageFile = join(dir, `${name}.page`);
  const path = join(dir, name);
  // With `load`, it also loads the --app address as a browser would (following redirects).
  const fetchPage = load
    ? `url=$(sed -n 's/^--app=//p' '${argsFile}')\ncurl -s -L -o '${pageFile}' -w '%{http_code}' "$url" > '${pageFile}.status'\n`
    : "";
  writeFileSync(path, `#!/bin/sh\nfor a in "$@"; do echo "$a"; done > '${argsFile}'\n${fetchPage}sleep ${seconds}\n`);
  chmodSync(path, 0o755);
  return { path, argsFile, pageFile };
}

test("a Chromium-family browser is found on PATH, in PATH_NAMES order; none gives undefined", () => {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-path-"));
  assert.equal(findChromiumBrowser({ platform: "linux", env: { PATH: dir } }), undefined);
  writeFileSync(join(dir, "brave-browser"), "");
  // Not executable: not a browser.
  assert.equal(findChromiumBrowser({ platform: "linux", env: { PATH: dir } }), undefined);
  chmodSync(join(dir, "brave-browser"), 0o755);
  assert.equal(findChromiumBrowser({ platform: "linux", env: { PATH: `/nonexistent:${dir}` } }), join(dir, "brave-browser"));
  fakeBrowser(dir, "google-chrome", 0);
  assert.equal(findChromiumBrowser({ platform: "linux", env: { PATH: dir } }), join(dir, "google-chrome"));
});

test("on macOS the browser is found in the user's Applications folder", () => {
  const home = mkdtempSync(join(tmpdir(), "mixwell-home-"));
  assert.equal(findChromiumBrowser({ platform: "darwin", env: {}, home }), undefined);
  const app = join(home, "Applications", "Microsoft Edge.app", "Contents", "MacOS");
  mkdirSync(app, { recursive: true });
  fakeBrowser(app, "Microsoft Edge", 0);
  assert.equal(findChromiumBrowser({ platform: "darwin", env: {}, home }), join(app, "Microsoft Edge"));
});

test("the profile slot held by a running browser is skipped; a stale lock is not", () => {
  const config = mkdtempSync(join(tmpdir(), "mixwell-config-"));
  const first = appWindowProfile(config);
  assert.equal(first, join(config, "app-window", "0"));
  // Chromium's lock names host-pid; this test process is alive.
  symlinkSync(`thishost-${process.pid}`, join(first, "SingletonLock"));
  assert.equal(appWindowProfile(config), join(config, "app-window", "1"));
  const stale = appWindowProfile(config);
  symlinkSync("thishost-2147483646", join(stale, "SingletonLock"));
  assert.equal(appWindowProfile(config), stale, "a lock whose process is gone does not hold the slot");
});

test("the window is opened with --app and Mixwell's own profile, and its end is reported once", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-browser-"));
  const config = mkdtempSync(join(tmpdir(), "mixwell-config-"));
  const browser = fakeBrowser(dir, "chromium", 0.2);
  let closed = 0;
  await new Promise<void>((resolve) => {
    openAppWindow(browser.path, "http://127.0.0.1:1234/?token=abc", config, () => {
      closed++;
      resolve();
    });
  });
  const args = readFileSync(browser.argsFile, "utf8").trim().split("\n");
  assert.ok(args.includes("--app=http://127.0.0.1:1234/?token=abc"), args.join(" "));
  assert.ok(args.includes(`--user-data-dir=${join(config, "app-window", "0")}`), args.join(" "));
  assert.ok(args.includes("--no-first-run"));
  assert.equal(closed, 1);
});

test("npm start in browser mode opens the app window and stops when it is closed", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-browser-"));
  const config = mkdtempSync(join(tmpdir(), "mixwell-config-"));
  const browser = fakeBrowser(dir, "chromium", 1, true);
  const child = spawn(process.execPath, ["scripts/start.mjs", "--browser"], {
    cwd: root,
    env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ""}`, MIXWELL_CONFIG_DIR: config, MIXWELL_PORT: "0", MIXWELL_NO_OPEN: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += String(d)));
  child.stderr.on("data", (d) => (out += String(d)));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`Mixwell did not stop after its window closed:\n${out}`));
    }, 180_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  assert.equal(code, 0, out);
  assert.match(out, /Mixwell is running in your browser at http:\/\/127\.0\.0\.1:\d+\//);
  assert.match(out, /The Mixwell window was closed; Mixwell has stopped\./);
  const args = readFileSync(browser.argsFile, "utf8");
  // A one-time launch code, never the token: a command line is readable by other users.
  assert.match(args, /^--app=http:\/\/127\.0\.0\.1:\d+\/\?code=/m);
  assert.doesNotMatch(args, /token/);
  assert.equal(readFileSync(`${browser.pageFile}.status`, "utf8"), "200", "the launch address opens the page");
  assert.match(readFileSync(browser.pageFile, "utf8"), /<title>Mixwell<\/title>/);
});
