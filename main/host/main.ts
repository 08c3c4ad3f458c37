/**
 * Browser-mode entry (`npm start` without the Electron runtime): start the back end and the
 * local host, print one line with the address, and open Mixwell in an app window of a
 * Chromium-family browser (app-window.ts) or else the system browser, unless MIXWELL_NO_OPEN=1. MIXWELL_PORT picks the port (default: a free one).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { MixwellError } from "../../app/errors";
import { createBackend } from "../api";
import { defaultConfigDir } from "../project";
import { findChromiumBrowser, openAppWindow } from "./app-window";
import { startHost, type RunningHost } from "./host";
import { keepHostAlive } from "./keep-alive";

function rendererDir(): string {
  const here = import.meta.url;
  // Bundled at dist/main/host.js, next to dist/renderer; under tsx at main/host/main.ts.
  return fileURLToPath(new URL(here.endsWith(".ts") ? "../../dist/renderer/" : "../renderer/", here));
}

function portFromEnv(): number {
  const text = process.env.MIXWELL_PORT;
  if (text === undefined || text === "") return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new MixwellError(`MIXWELL_PORT must be a port number (0–65535), not '${text}'.`);
  }
  return port;
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", '""', url.replace(/&/g, "^&")]]
        : ["xdg-open", [url]];
  try {
    const child = spawn(command, args, { stdio: "ignore", detached: true });
    child.on("error", () => console.log(`Could not open a browser; open ${url} yourself.`));
    child.unref();
  } catch {
    console.log(`Could not open a browser; open ${url} yourself.`);
  }
}

/**
 * An app window of a Chromium-family browser when one is installed (the host stops when it is
 * closed), else a tab of the default browser. Each is given a one-time launch address
 * (`launchUrl`), never the token itself, since a command line is readable by other users.
 */
function openWindow(launchUrl: () => string, windowClosed: () => void): void {
  const browser = findChromiumBrowser();
  if (!browser) return openBrowser(launchUrl());
  const { child } = openAppWindow(browser, launchUrl(), defaultConfigDir(), () => {
    console.log("The Mixwell window was closed; Mixwell has stopped.");
    windowClosed();
  });
  child.once("error", () => openBrowser(launchUrl()));
}

export async function runBrowserMode(reason: "no-electron" | "requested"): Promise<RunningHost> {
  let host: RunningHost | undefined;
  const backend = createBackend({ mode: "browser", quit: () => void shutdown() });
  async function shutdown(): Promise<void> {
    await host?.close();
    await backend.close();
    process.exit(0);
  }
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
  keepHostAlive();
  host = await startHost({ port: portFromEnv(), rendererDir: rendererDir(), backend });
  const lead = reason === "no-electron" ? "Electron runtime not found — starting Mixwell in your browser at" : "Mixwell is running in your browser at";
  console.log(`${lead} ${host.url}`);
  if (process.env.MIXWELL_NO_OPEN !== "1") openWindow(() => host.launchUrl(), () => void shutdown());
  return host;
}
