/**
 * Browser mode in a window of its own: when a Chromium-family browser is installed (Chromium,
 * Google Chrome, Microsoft Edge, Brave), Mixwell opens in it as an app window (`--app=URL`: no
 * tabs, no address bar) with a profile folder of Mixwell's own under the config folder, so the
 * window is a separate browser process whose end is the end of the session: the host stops when
 * the window closes. Without such a browser the system's default browser opens a tab, as before.
 *
 * A browser started on a profile folder that another of its processes holds hands the URL to that
 * process and exits at once; each running Mixwell therefore takes the first profile slot whose
 * Chromium lock (SingletonLock, a link to "host-pid") names no live process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, readlinkSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Names of Chromium-family browsers on PATH (Linux, BSD), most specific first. */
const PATH_NAMES = [
  "chromium",
  "chromium-browser",
  "google-chrome",
  "google-chrome-stable",
  "microsoft-edge",
  "microsoft-edge-stable",
  "brave-browser",
  "brave",
];

/** Where the installers put them on macOS and Windows. */
function knownLocations(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string[] {
  if (platform === "darwin") {
    const apps = [
      "Google Chrome.app/Contents/MacOS/Google Chrome",
      "Chromium.app/Contents/MacOS/Chromium",
      "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
      "Brave Browser.app/Contents/MacOS/Brave Browser",
    ];
    return apps.flatMap((app) => [join("/Applications", app), join(home, "Applications", app)]);
  }
  if (platform === "win32") {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env.ProgramFiles, env["ProgramFiles(x86)"]].filter(
      (r): r is string => typeof r === "string" && r !== "",
    );
    const exes = [
      "Google\\Chrome\\Application\\chrome.exe",
      "Microsoft\\Edge\\Application\\msedge.exe",
      "BraveSoftware\\Brave-Browser\\Application\\brave.exe",
      "Chromium\\Application\\chrome.exe",
    ];
    return exes.flatMap((exe) => roots.map((root) => `${root}\\${exe}`));
  }
  return [];
}

function isExecutable(path: string, platform: NodeJS.Platform): boolean {
  try {
    accessSync(path, platform === "win32" ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface BrowserLookup {
  readonly platform?: NodeJS.Platform;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
}

/** The first Chromium-family browser found on PATH or in its installer's usual place, or undefined. */
export function findChromiumBrowser(lookup: BrowserLookup = {}): string | undefined {
  const platform = lookup.platform ?? process.platform;
  const env = lookup.env ?? process.env;
  const home = lookup.home ?? env.HOME ?? env.USERPROFILE ?? "";
  if (platform !== "darwin" && platform !== "win32") {
    const dirs = (env.PATH ?? "").split(delimiter).filter((d) => d !== "");
    for (const name of PATH_NAMES) {
      for (const dir of dirs) {
        const candidate = join(dir, name);
        if (isExecutable(candidate, platform)) return candidate;
      }
    }
  }
  return knownLocations(platform, env, home).find((path) => isExecutable(path, platform));
}

/** Whether Chromium's lock in this profile folder names a process that is still running. */
function profileInUse(profile: string): boolean {
  let target: string;
  try {
    target = readlinkSync(join(profile, "SingletonLock"));
  } catch {
    // No lock (or, on Windows, a lock file that is not a link: treat an existing one as held).
    return existsSync(join(profile, "lockfile"));
  }
  const pid = Number(target.slice(target.lastIndexOf("-") + 1));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

const PROFILE_SLOTS = 8;

/** A profile folder for this Mixwell's window: the first slot no running browser holds. */
export function appWindowProfile(configDir: string): string {
  const base = join(configDir, "app-window");
  for (let slot = 0; slot < PROFILE_SLOTS; slot++) {
    const profile = join(base, String(slot));
    if (!profileInUse(profile)) {
      mkdirSync(profile, { recursive: true, mode: 0o700 });
      return profile;
    }
  }
  // Every slot held: a fresh one (left behind, but never shared with a running window).
  const profile = join(base, `extra-${process.pid}`);
  mkdirSync(profile, { recursive: true, mode: 0o700 });
  return profile;
}

/** Chromium's switches for an app window on its own profile, without first-run pages or sync. */
export function appWindowArgs(url: string, profile: string): string[] {
  return [
    `--app=${url}`,
    `--user-data-dir=${profile}`,
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-sync",
    "--window-size=1280,820",
  ];
}

export interface OpenedWindow {
  readonly browser: string;
  readonly child: ChildProcess;
}

/**
 * Open `url` in an app window of the browser. `closed` is called once when the window's
 * process ends (the user closed the window), not when it fails to start.
 */
export function openAppWindow(browser: string, url: string, configDir: string, closed: () => void): OpenedWindow {
  const child = spawn(browser, appWindowArgs(url, appWindowProfile(configDir)), { stdio: "ignore" });
  let started = false;
  child.once("spawn", () => (started = true));
  child.once("exit", () => {
    if (started) closed();
  });
  child.once("error", () => {
    /* reported by the caller's fallback: the spawn event never came */
  });
  return { browser, child };
}
