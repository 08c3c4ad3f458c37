// `npm start`: build what is stale, then open Mixwell — in Electron when its runtime is
// installed, otherwise in the system browser through the local host (browser mode).
// MIXWELL_MODE=browser forces browser mode; MIXWELL_NO_OPEN=1 and MIXWELL_PORT apply there.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const built = spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
if (built.status !== 0) process.exit(built.status ?? 1);

/** Path of the Electron binary, or undefined when the runtime was never downloaded. */
function electronBinary() {
  try {
    // node_modules/electron/index.js throws when path.txt (written after the download) is missing.
    const path = createRequire(join(root, "package.json"))("electron");
    return typeof path === "string" && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function run(command, args) {
  const child = spawn(command, args, { stdio: "inherit", cwd: root });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

const browserRequested = process.env.MIXWELL_MODE === "browser" || process.argv.includes("--browser");
const electron = browserRequested ? undefined : electronBinary();
if (electron) {
  run(electron, [root]);
} else {
  const reason = browserRequested ? "--reason=requested" : "--reason=no-electron";
  run(process.execPath, [join(root, "dist/main/host.js"), reason]);
}
