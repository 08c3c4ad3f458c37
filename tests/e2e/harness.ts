/**
 * Starts Mixwell the way `npm start` does (scripts/start.mjs, browser mode, no browser opened,
 * a free port) and opens it in headless Debian chromium through playwright-core.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const CHROMIUM = process.env.MIXWELL_CHROMIUM ?? "/usr/bin/chromium";

export interface RunningApp {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Run `node scripts/start.mjs` and wait for the line with the browser-mode address. */
export async function startApp(timeoutMs = 180_000): Promise<RunningApp> {
  const ownConfig = process.env.MIXWELL_CONFIG_DIR ? null : mkdtempSync(join(tmpdir(), "mixwell-config-"));
  const child = spawn(process.execPath, [join(root, "scripts/start.mjs")], {
    cwd: root,
    // A fresh config folder unless the test chose one: no recent projects or recovery file from
    // the user's own Mixwell or from another test.
    env: {
      ...process.env,
      MIXWELL_CONFIG_DIR: ownConfig ?? process.env.MIXWELL_CONFIG_DIR,
      MIXWELL_MODE: "browser",
      MIXWELL_NO_OPEN: "1",
      MIXWELL_PORT: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += String(d)));
  child.stderr.on("data", (d) => (output += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Mixwell did not start in time:\n${output}`)), timeoutMs);
    const check = () => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Mixwell exited with code ${code}:\n${output}`));
    });
  });
  const stop = async () => {
    await stopChild(child);
    if (ownConfig) rmSync(ownConfig, { recursive: true, force: true });
  };
  return { url, output: () => output, stop };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

export interface OpenBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /**
   * Leave "Update results automatically" at its default (on for tables up to 50,000 rows). By
   * default the tests run in manual mode, pressing Fit model themselves and checking what an
   * out-of-date fit shows, which live results would refit away in the meantime.
   */
  readonly liveResults?: boolean;
}

export async function openBrowser(url: string, options: BrowserOptions = {}): Promise<OpenBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "mixwell-chromium-"));
  // A persistent context on a fresh profile directory: nothing carries over between runs.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  if (!options.liveResults) {
    await context.addInitScript(() => {
      if (localStorage.getItem("mixwell.liveResults") === null) localStorage.setItem("mixwell.liveResults", "off");
    });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
